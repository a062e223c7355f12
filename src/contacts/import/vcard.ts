import { TextDecoder } from "node:util";
import ICAL from "ical.js";
import type { ImportItem } from "../types.ts";
import { type ContactFields, contactItems, joinName } from "./clean.ts";
import { textLines } from "./text-lines.ts";
import { ByteCount, decodeText, type ImportInput, notFormat } from "./text-stream.ts";

/** The properties a contact is made of; every other one (PHOTO, TEL, ADR, X-…) is passed over. */
const WANTED = new Set(["VERSION", "FN", "N", "EMAIL", "ORG", "TITLE", "URL"]);

/** A property line split into its name (without an Apple "item1." group) and the rest. */
function propertyName(line: string): string {
  const end = line.search(/[;:]/);
  const head = end < 0 ? line : line.slice(0, end);
  return head.slice(head.lastIndexOf(".") + 1).toUpperCase();
}

const isQuotedPrintable = (line: string): boolean =>
  /;(?:ENCODING=)?QUOTED-PRINTABLE[;:]/i.test(line.slice(0, line.indexOf(":") + 1));

/** vCard 2.1-style bare parameters (`EMAIL;INTERNET;PREF:`) as vCard 3.0 (`;TYPE=INTERNET`). */
function typedParams(params: string): string {
  return params
    .split(";")
    .map((p, i) => (i === 0 || p.includes("=") ? p : `TYPE=${p}`))
    .join(";");
}

/**
 * A quoted-printable value (`M=C3=BCller;Hans`, in the property's CHARSET or UTF-8) decoded and
 * written back as a plain vCard property, so that ical.js reads its structure and escapes.
 */
function decodeQuotedPrintable(line: string): string {
  const colon = line.indexOf(":");
  const params = line.slice(0, colon);
  const charset = /;CHARSET=([^;:]+)/i.exec(params)?.[1] ?? "utf-8";
  const bytes: number[] = [];
  const value = line.slice(colon + 1);
  for (let i = 0; i < value.length; i++) {
    const hex = value[i] === "=" ? value.slice(i + 1, i + 3) : "";
    if (/^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(value[i] ?? "", "utf8"));
    }
  }
  let text: string;
  try {
    text = new TextDecoder(charset).decode(Uint8Array.from(bytes));
  } catch {
    text = new TextDecoder("utf-8").decode(Uint8Array.from(bytes));
  }
  const kept = params
    .split(";")
    .filter((p) => !/^(?:ENCODING=)?QUOTED-PRINTABLE$|^CHARSET=/i.test(p))
    .join(";");
  return `${kept}:${text.replace(/\r\n|\r|\n/g, "\\n")}`;
}

/** A text value as ical.js leaves it: a string, or the parts of a structured one. */
function texts(value: unknown): string[] {
  const flat = Array.isArray(value) ? value.flat(2) : [value];
  return flat
    .filter((v): v is string => typeof v === "string")
    .map((v) => v.replace(/\\([;,\\])/g, "$1"));
}

interface Card {
  line: number;
  /** Its wanted properties, each unfolded onto one line. */
  lines: string[];
  /** Whether the property being read is one of them (its folded lines are kept). */
  keeping: boolean;
}

/** Adds one physical line to a card: unfolded into the property it continues, or a new one. */
function addLine(card: Card, line: string): void {
  const last = card.lines.length - 1;
  const prev = card.lines[last] ?? "";
  if (/^[ \t]/.test(line)) {
    if (card.keeping && last >= 0) card.lines[last] = prev + line.slice(1);
  } else if (card.keeping && last >= 0 && prev.endsWith("=") && isQuotedPrintable(prev)) {
    // A quoted-printable soft line break: the value goes on, with no leading space.
    card.lines[last] = prev.slice(0, -1) + line;
  } else {
    // PHOTO and other large values are never gathered: only what a contact is made of.
    card.keeping = WANTED.has(propertyName(line));
    if (card.keeping) card.lines.push(line);
  }
}

/** One card's contact fields; each line ical.js cannot read is a problem, not the card's end. */
function readCard(card: Card): ContactFields {
  const props = new Map<string, string[][]>();
  const problems: string[] = [];
  let design = ICAL.design.vcard3;
  for (const raw of card.lines) {
    const name = propertyName(raw);
    if (!WANTED.has(name) || !raw.includes(":")) continue;
    const colon = raw.indexOf(":");
    let line = `${typedParams(raw.slice(0, colon))}${raw.slice(colon)}`;
    if (isQuotedPrintable(line)) line = decodeQuotedPrintable(line);
    if (name === "VERSION") {
      design = raw.slice(colon + 1).trim() === "4.0" ? ICAL.design.vcard : ICAL.design.vcard3;
      continue;
    }
    try {
      const jcal = ICAL.parse.property(line, design) as unknown[];
      const values = props.get(name) ?? [];
      values.push(texts(jcal.slice(3)));
      props.set(name, values);
    } catch (e) {
      problems.push(
        `The ${name} line could not be read (${(e as Error).message}), so it was left out`,
      );
    }
  }
  const first = (name: string): string[] => props.get(name)?.[0] ?? [];
  const [family, given, additional] = first("N") as (string | undefined)[];
  return {
    name: joinName(first("FN").join(" ")) ?? joinName(given, additional, family),
    emails: (props.get("EMAIL") ?? []).flat(),
    company: first("ORG")[0] ?? null,
    position: first("TITLE").join(" ") || null,
    url: first("URL")[0] ?? null,
    problems,
  };
}

/**
 * A vCard file of one or many cards (Apple Contacts exports 3.0, Google Contacts 4.0; 2.1-style
 * bare parameters and quoted-printable values are read too), streamed card by card. Each
 * property line is read with ical.js; a card's `line` is the line of its BEGIN:VCARD. A file
 * whose first line is not BEGIN:VCARD throws `notFormat`.
 */
export async function* parseVcard(input: ImportInput): AsyncGenerator<ImportItem> {
  const count = new ByteCount();
  let n = 0;
  let card: Card | null = null;
  let started = false;
  let strayAt = 0;
  for await (const line of textLines(decodeText(input, "vcard", count))) {
    n++;
    const word = line.trim().toUpperCase();
    if (word === "BEGIN:VCARD") {
      if (card) yield unfinished(card);
      card = { line: n, lines: [], keeping: false };
      started = true;
      strayAt = 0;
    } else if (word === "END:VCARD" && card) {
      yield* contactItems(card.line, "vcard", readCard(card));
      card = null;
    } else if (card) {
      addLine(card, line);
    } else if (word) {
      if (!started) throw notFormat("vcard", "its first line is not BEGIN:VCARD");
      if (!strayAt) {
        strayAt = n;
        yield {
          kind: "skip",
          skip: {
            line: n,
            reason: "Text outside any card (no BEGIN:VCARD before it) was left out",
          },
        };
      }
    }
    const p = count.due();
    if (p) yield p;
  }
  if (card) yield unfinished(card);
  if (!started) throw notFormat("vcard", count.bytes ? "it has no BEGIN:VCARD" : "it is empty");
  const p = count.last();
  if (p) yield p;
}

function unfinished(card: Card): ImportItem {
  return {
    kind: "skip",
    skip: { line: card.line, reason: "This card has no END:VCARD, so it was left out" },
  };
}
