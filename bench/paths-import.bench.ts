// `npm run bench -- paths-import` (issue 16): how fast contacts exports are read, each next to the
// raw library doing the same work over the same file in the same run.
//
// - A 100k-row LinkedIn Connections.csv (with its Notes preamble, quoted commas, a third of the
//   rows with an email) read by parseLinkedIn → contacts, next to csv-parse alone streaming the
//   same file into arrays. Goal: >= 50k rows/s.
// - A 200 MB Google Takeout-like mbox (70% plain messages of 2-8 KB, 30% with a base64 attachment
//   of 20-200 KB, Gmail's headers, replies, CCs, lists and bounces) read by readMbox → the
//   per-correspondent tally, next to a plain read of the same file that only finds each
//   "\nFrom " with Buffer.indexOf. Goal: >= 50 MB/s.
// - The header parse itself, per message: ours (header lines + postal-mime's address parser)
//   next to PostalMime.parse of the same header block, which is why the import does not hand
//   each message's headers to the full parser.
//
// Both files are generated here in a temp dir, read from disk, and removed at the end. The rounds
// alternate ours and the baseline and keep each one's best, so a noisy neighbour hurts both alike.
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse";
import PostalMime from "postal-mime";
import { parseLinkedIn, readMbox } from "../src/contacts/import/index.ts";
import { mailboxes, readHeaders } from "../src/contacts/import/mail-headers.ts";
import { opsPerSecond, printFigure } from "./report.ts";

const ROWS = 100_000;
const MBOX_BYTES = 200 * 1024 * 1024;
const ROUNDS = 3;
const OWNER = "alice@alice.example";

/** A small deterministic generator, so every run reads the same files. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ["Maya", "Bob", "Zoë", "Carol", "Dmitri", "Ana", "Kenji", "Priya", "Tomás", "Olivia"];
const LAST = ["Okafor", "Lindqvist", "Ðặng", "Nguyen", "O'Brien", "Pereira", "Nakamura", "Raman"];
const COMPANIES = ["Northwind Robotics", '"Fabrikam, Inc."', "Contoso Ltd.", '"Tailspin, Toys"'];
const POSITIONS = ["VP Engineering", '"Founder, CEO"', "Product Manager", "Head of Partnerships"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

async function writeAll(path: string, parts: Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  for (const p of parts)
    if (!out.write(p)) await new Promise<void>((r) => out.once("drain", () => r()));
  await new Promise<void>((r, j) => out.end((e?: Error | null) => (e ? j(e) : r())));
}

function* linkedinCsv(): Generator<string> {
  const r = rng(16);
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)] as T;
  yield 'Notes:\n"When exporting your connection data, you may notice that some of the email addresses are missing."\n\n';
  yield "First Name,Last Name,URL,Email Address,Company,Position,Connected On\n";
  let batch = "";
  for (let i = 0; i < ROWS; i++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const email = r() < 0.33 ? `${first.toLowerCase()}.${i}@example.com` : "";
    const date = `${1 + Math.floor(r() * 28)} ${pick(MONTHS)} ${2010 + Math.floor(r() * 15)}`;
    batch += `${first},"${last.replace(/"/g, '""')}",https://www.linkedin.com/in/p${i},${email},${pick(COMPANIES)},${pick(POSITIONS)},${date}\n`;
    if (batch.length > 64 * 1024) {
      yield batch;
      batch = "";
    }
  }
  yield batch;
}

function* mbox(): Generator<string> {
  const r = rng(42);
  const people = Array.from(
    { length: 2000 },
    (_, i) => `Person ${i} <p${i}@corp${i % 50}.example>`,
  );
  const pick = () => people[Math.floor(r() * people.length)] as string;
  const line76 = `${"QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo".repeat(3)}abcdefg\n`;
  const text = "Thanks for the intro yesterday. Let's find a time next week to go over the plan.\n";
  let written = 0;
  let n = 0;
  while (written < MBOX_BYTES) {
    n++;
    const time = new Date(Date.UTC(2023, 0, 1) + n * 600_000);
    const sent = r() < 0.4;
    const kind = r();
    const other = pick();
    const from = sent ? `Alice Example <${OWNER}>` : other;
    const cc = kind < 0.2 ? `Cc: ${pick()}, ${pick()},\n ${pick()}\n` : "";
    const list =
      kind > 0.95
        ? "List-Id: <team.lists.example>\nPrecedence: list\n"
        : kind > 0.93
          ? "Precedence: bulk\n"
          : "";
    let m =
      `From 17${n}@xxx ${time.toUTCString().replace(",", "").replace(" GMT", "")} +0000 ${time.getUTCFullYear()}\n` +
      `X-GM-THRID: 17${n}\nX-Gmail-Labels: ${sent ? "Sent" : "Inbox,Important"}\nDelivered-To: ${OWNER}\n` +
      `Received: by 2002:a05:6a10:1234:b0:5d1:2345:6789 with SMTP id x1csp123456;\n        ${time.toUTCString()}\n` +
      `ARC-Seal: i=1; a=rsa-sha256; t=1700000000; cv=none; d=google.com; s=arc-20160816;\n        b=${line76.trim()}\n` +
      `DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=gmail.com; s=20230601;\n        h=to:subject:message-id:date:from:mime-version; bh=abc=;\n        b=${line76.trim()}\n` +
      `MIME-Version: 1.0\nDate: ${time.toUTCString().replace("GMT", "+0000")}\nMessage-ID: <m${n}@mail.gmail.com>\n` +
      `Subject: =?UTF-8?Q?Re:_Intro_=E2=80=94_n${n}?=\nFrom: ${from}\nTo: ${sent ? other : `Alice Example <${OWNER}>`}\n${cc}${list}`;
    if (r() < 0.3) {
      const size = 20_000 + Math.floor(r() * 180_000);
      m += `Content-Type: multipart/mixed; boundary="b${n}"\n\n--b${n}\nContent-Type: text/plain\n\n${text}--b${n}\nContent-Type: application/pdf\nContent-Transfer-Encoding: base64\n\n`;
      m += line76.repeat(Math.ceil(size / line76.length));
      m += `--b${n}--\n\n`;
    } else {
      const size = 2000 + Math.floor(r() * 6000);
      m += `Content-Type: text/plain; charset="UTF-8"\n\n${text.repeat(Math.ceil(size / text.length))}\n`;
    }
    written += Buffer.byteLength(m);
    yield m;
  }
}

/** Runs ours and the baseline in turn, ROUNDS times, and keeps each one's best rate. */
async function alternate(
  ours: () => Promise<number>,
  baseline: () => Promise<number>,
): Promise<[number, number]> {
  let a = 0;
  let b = 0;
  for (let round = 0; round < ROUNDS; round++) {
    a = Math.max(a, await ours());
    b = Math.max(b, await baseline());
  }
  return [a, b];
}

const dir = mkdtempSync(join(tmpdir(), "vouch-bench-import-"));
try {
  const csvPath = join(dir, "Connections.csv");
  const mboxPath = join(dir, "All mail.mbox");
  await writeAll(csvPath, linkedinCsv());
  await writeAll(mboxPath, mbox());
  const csvMB = statSync(csvPath).size / 1e6;
  const mboxMB = statSync(mboxPath).size / 1e6;
  console.log(`LinkedIn CSV: ${ROWS} rows, ${csvMB.toFixed(1)} MB; mbox: ${mboxMB.toFixed(1)} MB`);

  const timed = async (fn: () => Promise<number>): Promise<{ s: number; n: number }> => {
    const t0 = performance.now();
    const n = await fn();
    return { s: (performance.now() - t0) / 1000, n };
  };

  // --- LinkedIn CSV ---------------------------------------------------------------------------
  const oursCsv = async () => {
    let n = 0;
    for await (const item of parseLinkedIn(createReadStream(csvPath)))
      if (item.kind === "contact") n++;
    return n;
  };
  const rawCsv = async () => {
    let n = 0;
    const parser = createReadStream(csvPath).pipe(
      parse({ bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true }),
    );
    for await (const _ of parser) n++;
    return n;
  };
  const [csvOurs, csvRaw] = await alternate(
    async () => {
      const a = await timed(oursCsv);
      if (a.n !== ROWS) throw new Error(`parseLinkedIn read ${a.n} contacts, not ${ROWS}`);
      return a.n / a.s;
    },
    async () => {
      const b = await timed(rawCsv);
      return b.n / b.s;
    },
  );
  printFigure({
    name: "LinkedIn CSV import (parseLinkedIn, 100k rows)",
    value: csvOurs,
    unit: "rows/s",
    baseline: { name: "csv-parse alone, same file", value: csvRaw },
    goal: ">= 50000 rows/s",
  });

  // --- mbox -------------------------------------------------------------------------------------
  let correspondents = 0;
  const oursMbox = async () => {
    let messages = 0;
    for await (const item of readMbox(createReadStream(mboxPath), [OWNER])) {
      if (item.kind === "interactions") {
        messages = item.messages;
        correspondents = item.interactions.length;
      }
    }
    return messages;
  };
  const NEXT = Buffer.from("\nFrom ");
  const rawMbox = async () => {
    let messages = 0;
    let carry = Buffer.alloc(0);
    for await (const chunk of createReadStream(mboxPath) as AsyncIterable<Buffer>) {
      const data = carry.length ? Buffer.concat([carry, chunk]) : chunk;
      let at = data.indexOf(NEXT);
      let end = 0;
      while (at >= 0) {
        messages++;
        end = at + 1;
        at = data.indexOf(NEXT, end);
      }
      carry = Buffer.from(data.subarray(Math.max(end, data.length - NEXT.length)));
    }
    return messages + 1;
  };
  let messages = 0;
  let split = 0;
  const [mboxOurs, mboxRaw] = await alternate(
    async () => {
      const a = await timed(oursMbox);
      messages = a.n;
      return mboxMB / a.s;
    },
    async () => {
      const b = await timed(rawMbox);
      split = b.n;
      return mboxMB / b.s;
    },
  );
  if (messages !== split) throw new Error(`readMbox read ${messages} messages, the split ${split}`);
  console.log(`${messages} messages, ${correspondents} correspondents`);
  printFigure({
    name: "mbox import (readMbox, headers only, 200 MB)",
    value: mboxOurs,
    unit: "MB/s",
    baseline: { name: "plain read + split on \\nFrom ", value: mboxRaw },
    goal: ">= 50 MB/s",
  });

  // --- one header block: ours vs postal-mime -----------------------------------------------------
  const blocks: string[] = [];
  for (const m of mbox()) {
    blocks.push(m.slice(m.indexOf("\n") + 1, m.indexOf("\n\n") + 1));
    if (blocks.length === 500) break;
  }
  let k = 0;
  const oursHeaders = () => {
    const h = readHeaders(blocks[k++ % blocks.length] as string);
    return [mailboxes(h.get("from")), mailboxes([...(h.get("to") ?? []), ...(h.get("cc") ?? [])])];
  };
  const postalHeaders = () => PostalMime.parse(`${blocks[k++ % blocks.length]}\n`);
  const [hOurs, hPostal] = await alternate(
    () => opsPerSecond(oursHeaders, 700),
    () => opsPerSecond(postalHeaders, 700),
  );
  printFigure({
    name: "header blocks read (header lines + postal-mime addressParser)",
    value: hOurs,
    unit: "msg/s",
    baseline: { name: "PostalMime.parse of the header block", value: hPostal },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
