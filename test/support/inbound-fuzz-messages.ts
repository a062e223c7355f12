// Malformed MIME messages for the inbound fuzz test, from a seeded generator: the same seed gives
// the same messages, so a failure can be replayed (FUZZ_SEED=… npx vitest run test/inbound-fuzz).
// Each message is built from a plausible one and then broken in one of the ways real mail (and
// hostile senders) break it.

/** A small, fast, seedable PRNG (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  return {
    next,
    int,
    /** An integer in [lo, hi]. */
    between: (lo: number, hi: number) => lo + int(hi - lo + 1),
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[int(list.length)] as T,
    bytes: (n: number, lo = 0, hi = 255) => {
      const b = Buffer.allocUnsafe(n);
      for (let i = 0; i < n; i++) b[i] = lo + int(hi - lo + 1);
      return b;
    },
    word: (n = 8) => {
      let s = "";
      for (let i = 0; i < n; i++) s += "abcdefghijklmnopqrstuvwxyz"[int(26)];
      return s;
    },
  };
}
export type Rng = ReturnType<typeof rng>;

export const CATEGORIES = [
  "broken-boundary",
  "bad-charset",
  "huge-headers",
  "deep-nesting",
  "nul-bytes",
  "bare-cr-lf",
  "invalid-base64",
  "invalid-qp",
  "8bit-junk",
  "empty",
  "random-bytes",
  "mutated",
  "oversize",
] as const;
export type Category = (typeof CATEGORIES)[number];

export interface FuzzMessage {
  category: Category;
  raw: Buffer;
}

const LINE_ENDINGS = ["\r\n", "\n", "\r"] as const;

const PHRASES = [
  "Happy to!",
  "Sure, send her my way",
  "Not a great time — ping me after the holidays",
  "I'll pass, thanks",
  "Avec plaisir !",
  "Gerne, stell uns vor.",
  "¡Claro que sí!",
  "Thanks for the intro Jane (moved to BCC).",
  "Could we do Thursday at 3pm? https://calendly.com/maya/20min",
];

function headersOf(r: Rng, extra: string[] = []): string[] {
  const from = r.pick([
    `"${r.word(5)} ${r.word(7)}" <${r.word(6)}@example.com>`,
    `${r.word(6)}@example.org`,
    "Maya <maya@example.com>",
    "",
  ]);
  return [
    ...(from ? [`From: ${from}`] : []),
    `To: ${r.pick(["intros@vouch.localhost", `"Jane via Vouch" <intros+${r.word(20)}@vouch.localhost>`, `${r.word(5)}@example.net`])}`,
    `Subject: ${r.pick(["Re: Would you like an intro to Alice?", "REQUEST: intro Maya <> Alice", r.word(12), "=?utf-8?B?w6l0w6k=?="])}`,
    `Message-ID: <${r.word(16)}@example.com>`,
    `Date: ${r.pick(["Tue, 1 Dec 2026 10:05:00 +0000", "Mon, 32 Foo 99999 25:61:61 +9999", "yesterday"])}`,
    "MIME-Version: 1.0",
    ...extra,
  ];
}

function textBody(r: Rng): string {
  const lines = [r.pick(PHRASES), "", `On Tue, Jane wrote:`, `> ${r.pick(PHRASES)}`];
  return lines.join("\r\n");
}

function join(lines: string[], body: string | Buffer, eol = "\r\n"): Buffer {
  return Buffer.concat([
    Buffer.from(lines.join(eol) + eol + eol, "latin1"),
    typeof body === "string" ? Buffer.from(body, "utf8") : body,
  ]);
}

const generators: Record<Category, (r: Rng) => Buffer> = {
  "broken-boundary": (r) => {
    const b = r.pick(["", '"', "a b", r.word(10), "-".repeat(r.between(1, 80)), "=_\u00ff\u0000"]);
    const used = r.chance(0.5) ? b : r.word(10);
    const ct = r.pick([
      `Content-Type: multipart/mixed; boundary="${b}"`,
      `Content-Type: multipart/alternative; boundary=${b}`,
      `Content-Type: multipart/mixed; boundary="${b}`,
      "Content-Type: multipart/mixed",
      `Content-Type: multipart/mixed; boundary="${b}"; boundary="${r.word(4)}"`,
    ]);
    const parts: string[] = [];
    for (let i = r.between(0, 4); i > 0; i--) {
      parts.push(
        `--${used}${r.pick(["", " ", "--", "junk"])}\r\nContent-Type: ${r.pick(["text/plain", "text/html", `multipart/mixed; boundary=${used}`])}\r\n\r\n${textBody(r)}`,
      );
    }
    const close = r.pick([`\r\n--${used}--\r\n`, "", `\r\n--${used}`, `\r\n--${r.word(3)}--`]);
    return join(headersOf(r, [ct]), `${r.pick(["preamble\r\n", ""])}${parts.join("\r\n")}${close}`);
  },

  "bad-charset": (r) => {
    const cs = r.pick([
      "x-unknown",
      "",
      "utf-7",
      "utf-8\u0000",
      "iso-8859-99",
      "unicode-1-1-utf-7",
      "gb18030",
      "../../etc",
      '"',
      "ks_c_5601-1987",
    ]);
    const subject = r.pick([
      `=?${cs}?B?${Buffer.from(r.word(10)).toString("base64")}?=`,
      `=?${cs}?Q?caf=E9_=ZZ?=`,
      "=?utf-8?B?////?=",
      "=?utf-8?Q?=C3?=",
    ]);
    const body = Buffer.concat([Buffer.from(textBody(r)), r.bytes(r.between(0, 200), 0x80, 0xff)]);
    return join(
      [
        ...headersOf(r),
        `Subject: ${subject}`,
        `Content-Type: text/plain; charset="${cs}"`,
        "Content-Transfer-Encoding: 8bit",
      ],
      body,
    );
  },

  "huge-headers": (r) => {
    const kind = r.int(5);
    const extra: string[] = [];
    if (kind === 0) extra.push(`X-Long: ${"a".repeat(r.between(10_000, 60_000))}`);
    if (kind === 1)
      for (let i = r.between(1000, 4000); i > 0; i--) extra.push(`X-H${i}: ${r.word(6)}`);
    if (kind === 2)
      extra.push(
        `Subject: ${Array.from({ length: r.between(500, 3000) }, () => r.word(8)).join("\r\n ")}`,
      );
    if (kind === 3)
      extra.push(
        `References: ${Array.from({ length: r.between(500, 3000) }, () => `<${r.word(10)}@x>`).join(" ")}`,
      );
    if (kind === 4)
      extra.push(
        `To: ${Array.from({ length: r.between(200, 2000) }, () => `"${r.word(4)}" <${r.word(5)}@example.com>`).join(", ")}`,
      );
    const broken = r.pick([
      "",
      " leading continuation",
      "no colon here",
      ": empty name",
      `${"N".repeat(2000)}: long name`,
    ]);
    return join([...(broken ? [broken] : []), ...headersOf(r), ...extra], textBody(r));
  },

  "deep-nesting": (r) => {
    const depth = r.between(10, 200);
    const rfc822 = r.chance(0.3);
    let head = "";
    let tail = "";
    for (let i = 0; i < depth; i++) {
      if (rfc822) {
        head += `Content-Type: message/rfc822\r\n\r\nSubject: level ${i}\r\n`;
      } else {
        const b = `b${i}_${r.word(4)}`;
        head += `Content-Type: multipart/mixed; boundary="${b}"\r\n\r\n--${b}\r\n`;
        tail = `\r\n--${b}--${tail}`;
      }
    }
    const inner = `Content-Type: text/plain\r\n\r\n${textBody(r)}`;
    const truncate = r.chance(0.3);
    return join(headersOf(r), `${head}${inner}${truncate ? "" : tail}\r\n`);
  },

  "nul-bytes": (r) => {
    const msg = join(headersOf(r, ["Content-Type: text/plain; charset=utf-8"]), textBody(r));
    const out = Buffer.from(msg);
    for (let i = r.between(1, 40); i > 0; i--) out[r.int(out.length)] = 0;
    return r.chance(0.3) ? Buffer.concat([Buffer.alloc(r.between(1, 500)), out]) : out;
  },

  "bare-cr-lf": (r) => {
    const lines = [...headersOf(r, ["Content-Type: text/plain"]), "", ...textBody(r).split("\r\n")];
    // Lines that SMTP must escape: a lone dot (which would end DATA), dots at line starts.
    const dotty = [".", "..", ".hidden", ". ", "\r\n.\r\n", ".\r", "\n.\n"];
    let s = "";
    for (const l of lines)
      s += l + r.pick(LINE_ENDINGS) + (r.chance(0.3) ? r.pick(dotty) + r.pick(LINE_ENDINGS) : "");
    return Buffer.from(r.chance(0.5) ? s : s.replace(/[\r\n]+$/, ""), "utf8");
  },

  "invalid-base64": (r) => {
    const good = Buffer.from(textBody(r)).toString("base64");
    const bad = r.pick([
      `${good.slice(0, -2)}!!`,
      `${good}====`,
      `${good.slice(0, 7)}`,
      "*&^%$#@",
      `${good}\u0000${good}`,
      `=${good}`,
      Array.from({ length: 50 }, () => r.word(3)).join("\r\n"),
    ]);
    const multipart = r.chance(0.5);
    if (!multipart)
      return join(
        [
          ...headersOf(r),
          "Content-Type: text/plain; charset=utf-8",
          "Content-Transfer-Encoding: base64",
        ],
        bad,
      );
    const b = r.word(8);
    return join(
      [...headersOf(r), `Content-Type: multipart/mixed; boundary=${b}`],
      `--${b}\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n${bad}\r\n--${b}\r\nContent-Type: application/pdf; name="x.pdf"\r\nContent-Disposition: attachment; filename="x.pdf"\r\nContent-Transfer-Encoding: base64\r\n\r\n${bad}\r\n--${b}--\r\n`,
    );
  },

  "invalid-qp": (r) => {
    const bad = r.pick([
      "caf=E9 =ZZ =\r\n=",
      "soft break at end=",
      "=\r=\n=\r\n=3",
      `${"=41".repeat(r.between(1, 5000))}`,
      "line=20with=09tabs=\r\n and =C3=28 invalid utf8",
      `${"x".repeat(r.between(1000, 20_000))}=`,
    ]);
    return join(
      [
        ...headersOf(r),
        `Content-Type: text/${r.pick(["plain", "html"])}; charset=utf-8`,
        "Content-Transfer-Encoding: quoted-printable",
      ],
      bad,
    );
  },

  "8bit-junk": (r) => {
    const junkHeader = Buffer.concat([
      Buffer.from("Subject: "),
      r.bytes(r.between(1, 200), 0x80, 0xff),
    ]);
    const body = Buffer.concat([
      r.bytes(r.between(0, 3000), 0x80, 0xff),
      Buffer.from([0xc0, 0x80, 0xed, 0xa0, 0x80, 0xf4, 0x90, 0x80, 0x80, 0xef, 0xbb, 0xbf]),
      Buffer.from(textBody(r)),
    ]);
    return Buffer.concat([
      Buffer.from(`${headersOf(r).join("\r\n")}\r\n`),
      junkHeader,
      Buffer.from(
        `\r\nContent-Type: text/plain; charset=${r.pick(["utf-8", "iso-8859-1", "x-junk"])}\r\n\r\n`,
      ),
      body,
    ]);
  },

  empty: (r) =>
    Buffer.from(
      r.pick([
        "",
        "\r\n",
        "\r\n\r\n",
        "\n",
        ".",
        "Subject: only headers",
        "Subject: only headers\r\n",
        "\r\njust a body, no headers",
        ":",
        "From:\r\nTo:\r\nSubject:\r\n\r\n",
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n",
        "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x--",
      ]),
    ),

  "random-bytes": (r) => r.bytes(r.between(1, 8000)),

  mutated: (r) => {
    const b = r.word(8);
    const base = join(
      [...headersOf(r), `Content-Type: multipart/alternative; boundary="${b}"`],
      `--${b}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${textBody(r)}\r\n--${b}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(`<p>${textBody(r)}</p>`).toString("base64")}\r\n--${b}--\r\n`,
    );
    let out = Buffer.from(base);
    for (let i = r.between(1, 12); i > 0; i--) {
      const at = r.int(out.length + 1);
      switch (r.int(5)) {
        case 0: // flip a byte
          if (out.length) out[Math.min(at, out.length - 1)] = r.int(256);
          break;
        case 1: // cut
          out = Buffer.concat([
            out.subarray(0, at),
            out.subarray(Math.min(out.length, at + r.between(1, 200))),
          ]);
          break;
        case 2: // insert junk
          out = Buffer.concat([out.subarray(0, at), r.bytes(r.between(1, 100)), out.subarray(at)]);
          break;
        case 3: // duplicate a region
          out = Buffer.concat([
            out.subarray(0, at),
            out.subarray(at, at + r.between(1, 300)),
            out.subarray(at),
          ]);
          break;
        default: // truncate
          out = out.subarray(0, at);
      }
    }
    return out;
  },

  oversize: (r) =>
    join(headersOf(r, ["Content-Type: text/plain"]), "y".repeat(r.between(66_000, 90_000))),
};

/** `count` messages, spread evenly over the categories, from `seed`. */
export function fuzzMessages(seed: number, count: number): FuzzMessage[] {
  const r = rng(seed);
  const out: FuzzMessage[] = [];
  for (let i = 0; i < count; i++) {
    const category = CATEGORIES[i % CATEGORIES.length]!;
    out.push({ category, raw: generators[category](r) });
  }
  return out;
}

/**
 * What the receiver stores for a message the client sent, exactly: nodemailer's SMTP data stream
 * turns every bare CR and every bare LF into CRLF, and ends the data with CRLF . CRLF (adding a
 * CRLF first when the message does not end with one); smtp-server keeps that last CRLF as part of
 * the message. Dot-stuffing is added by the one and removed by the other, so it needs nothing.
 */
export function asStored(sent: Buffer): Buffer {
  const s = sent.toString("latin1").replace(/\r\n|\r|\n/g, "\r\n");
  return Buffer.from(s.endsWith("\r\n") ? s : `${s}\r\n`, "latin1");
}
