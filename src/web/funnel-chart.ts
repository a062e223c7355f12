import { html } from "hono/html";
import type { IntroView } from "../domain/view.ts";

const AFTER_INTRO = ["introduced", "connected", "scheduled", "met", "completed", "stalled"];

/** The funnel's stages, counted over an introducer's intros. */
export function funnelOf(intros: IntroView[]): { stage: string; count: number }[] {
  const has = (v: IntroView, t: string) => v.events.some((e) => e.type === t);
  const n = (f: (v: IntroView) => boolean) => intros.filter(f).length;
  return [
    { stage: "requested", count: n((v) => v.status !== "draft") },
    { stage: "asked", count: n((v) => has(v, "forward_for_consent")) },
    { stage: "accepted", count: n((v) => v.consent !== null) },
    { stage: "introduced", count: n((v) => AFTER_INTRO.includes(v.status)) },
    {
      stage: "met",
      count: n(
        (v) =>
          ["met", "completed"].includes(v.status) ||
          (!!v.outcome && v.outcome.rating !== "did_not_happen"),
      ),
    },
    { stage: "thanked", count: n((v) => !!v.outcome?.thanked) },
  ];
}

/** The funnel as an SVG bar chart, drawn on the server, with a text equivalent. */
export function funnelSvg(stages: { stage: string; count: number }[]) {
  const max = Math.max(1, ...stages.map((s) => s.count));
  const rowH = 34;
  const height = stages.length * rowH + 8;
  return html`<svg role="img" aria-labelledby="funnel-title" viewBox="0 0 600 ${height}" width="100%" style="max-width:600px">
<title id="funnel-title">Funnel: ${stages.map((s) => `${s.stage} ${s.count}`).join(", ")}</title>
${stages.map((s, i) => {
  const w = Math.round((s.count / max) * 380);
  const y = 4 + i * rowH;
  return html`<g><text x="0" y="${y + 21}" font-size="15" fill="currentColor">${s.stage}</text>
<rect x="110" y="${y + 4}" width="${Math.max(w, 2)}" height="24" rx="4" fill="#0b5394"></rect>
<text x="${118 + w}" y="${y + 21}" font-size="15" fill="currentColor" data-stage="${s.stage}">${s.count}</text></g>`;
})}
</svg>`;
}
