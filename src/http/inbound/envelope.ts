// Envelope addresses from what a provider posts: validated, bare, the null sender kept as "".

import { addressParser } from "postal-mime";
import { bad } from "./answers.ts";

const ADDR = /^[^\s<>(),;:\\"[\]@]+@[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$/;

/** One envelope address, bare or in angle brackets; anything else is bad input. */
export function envelopeAddress(field: string, value: string): string {
  const v = value.trim().replace(/^<(.*)>$/, "$1");
  if (v.length > 320 || !ADDR.test(v)) throw bad(field, `"${v.slice(0, 80)}" is not an address`);
  return v;
}

/** The envelope sender: an address, or empty (`<>`) for bounces. */
export function envelopeSender(field: string, value: string): string {
  const v = value.trim();
  if (v === "" || v === "<>") return "";
  return envelopeAddress(field, v);
}

/** A Return-Path header's address: `<>` is the null sender (""), none at all is undefined. */
export function returnPath(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v === "<>" || v === "") return "";
  return parseAddresses(v)[0];
}

/** The addresses of an address header (groups flattened); unreadable ones are left out. */
export function parseAddresses(value: string): string[] {
  if (!value.trim()) return [];
  try {
    const out: string[] = [];
    for (const a of addressParser(value)) {
      if (a.group) for (const g of a.group) g.address && out.push(g.address);
      else if (a.address) out.push(a.address);
    }
    return out.filter((a) => ADDR.test(a));
  } catch {
    return [];
  }
}

/** The addresses once each, compared without case, in their first spelling. */
export const unique = (list: string[]) => [
  ...new Map(list.map((a) => [a.toLowerCase(), a] as const)).values(),
];
