import { html } from "hono/html";
import type { Composed } from "./composer-draft.ts";
import { type OpenRequest, openRequestWarning } from "./target-asks.ts";
import { welcomesLine } from "./target-topics.ts";

const SEVERITY = { error: "Must fix", warning: "Should fix", tip: "Tip" } as const;

/** What the target said they welcome intros about, once the requester typed their address. */
export interface Welcome {
  name: string;
  topics: string[];
}

/** The requester's open requests to the address they typed. */
export interface OpenRequests {
  email: string;
  requests: OpenRequest[];
}

/**
 * The coach's findings and the preview of the introducer's email, beside the composer; above
 * them, the topics the target welcomes, if the requester knows their address, and a warning when
 * they already have an open request to that address.
 */
export function coachPanel(c: Composed, welcome?: Welcome, open?: OpenRequests) {
  const { report, preview } = c;
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const warnings = report.findings.filter((f) => f.severity === "warning").length;
  return html`${open ? openRequestWarning(open.email, open.requests) : ""}${
    welcome?.topics.length
      ? html`<section aria-labelledby="welcome-h" class="box" id="welcome"><h2 id="welcome-h" style="font-size:1.15rem;margin-top:0">What ${welcome.name} welcomes</h2>${welcomesLine(welcome.name, welcome.topics)}<p class="hint">Say how your ask connects to one of these.</p></section>`
      : ""
  }<section aria-labelledby="coach-h" class="box">
<h2 id="coach-h" style="font-size:1.15rem;margin-top:0">Coach: <span data-score="${report.score}">${report.score}</span>/100</h2>
${
  errors + warnings === 0
    ? html`<p class="ok" data-verdict="ready">Ready to send: ${report.findings.length ? "only tips left." : "nothing to fix."}</p>`
    : html`<p data-verdict="not-ready">${errors ? `${errors} to fix before sending` : "It can be sent"}${warnings ? `, ${warnings} worth fixing` : ""}.</p>`
}
<ul class="findings">${report.findings.map(
    (f) =>
      html`<li data-rule="${f.rule}"><strong class="sev-${f.severity}">${SEVERITY[f.severity]}:</strong> ${f.message} <span class="hint">${f.fix}</span></li>`,
  )}</ul>
</section>
<section aria-labelledby="preview-h" class="box">
<h2 id="preview-h" style="font-size:1.15rem;margin-top:0">What the introducer will receive</h2>
${
  "missing" in preview
    ? html`<p class="muted">${preview.missing}</p>`
    : html`<p><strong>Subject:</strong> <span id="preview-subject">${preview.subject}</span></p>
<pre id="preview-text">${preview.text}</pre>`
}
</section>`;
}
