import { html } from "hono/html";

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
