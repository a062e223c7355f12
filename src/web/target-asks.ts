import { html } from "hono/html";
import type { Status } from "../domain/types.ts";
import { statusLabel } from "./layout.ts";

/** How many times, in words: once, twice, 3 times. */
export function timesInWords(n: number): string {
  return n === 1 ? "once" : n === 2 ? "twice" : `${n} times`;
}

/** "Bob", "Bob and Carol", "Bob, Carol and you". */
export function namesInWords(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

/**
 * "Maya was asked twice this month, through Bob and Carol": the asks one target received in the
 * last 30 days, across every introducer, as the introducer about to ask them reads it at triage.
 * Only the introducers' names: never whose request it was or how it went. The reader is "you";
 * null when nobody asked.
 */
export function askedThroughText(
  targetName: string,
  through: ReadonlyArray<{ email: string; name: string; asks: number }>,
  readerEmail: string,
): string | null {
  const asks = through.reduce((sum, t) => sum + t.asks, 0);
  if (!asks) return null;
  const me = readerEmail.toLowerCase();
  const others = through.filter((t) => t.email !== me).map((t) => t.name);
  const names = through.some((t) => t.email === me) ? [...others, "you"] : others;
  return `${targetName} was asked ${timesInWords(asks)} this month, through ${namesInWords(names)}.`;
}

/** The triage line, or nothing. */
export function askedThroughLine(text: string | null) {
  return text ? html`<p class="welcomes" data-asked-through>${text}</p>` : "";
}

/** A requester's open request to the same person, as the composer shows it. */
export interface OpenRequest {
  id: string;
  introducer: string;
  status: Status;
}

/**
 * The composer's warning when the requester already has an open request to the address they
 * typed: a warning, not a block (sending still works).
 */
export function openRequestWarning(email: string, open: readonly OpenRequest[]) {
  if (!open.length) return "";
  const list = open.map(
    (o) =>
      html`<li><a href="/intros/${encodeURIComponent(o.id)}">Through ${o.introducer}</a>: ${statusLabel(o.status)}</li>`,
  );
  return html`<section class="box" id="open-request" role="status" aria-labelledby="open-request-h"><h2 id="open-request-h" class="sev-warning" style="font-size:1.15rem;margin-top:0">You already asked to meet ${email}</h2><ul>${list}</ul><p class="hint">Sending this one too asks them again, through another introducer. You can still send it.</p></section>`;
}
