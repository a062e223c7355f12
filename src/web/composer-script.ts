/**
 * The composer's one client script: as the requester types, it posts the form to the coach
 * endpoint (debounced) and swaps in the findings and the preview. Without it, the "Check"
 * button does the same with a full page. It also tells the server the browser's time zone, so
 * the times the request proposes are read where the requester is.
 */
export const COMPOSER_JS = `(() => {
  const form = document.getElementById("composer");
  const panel = document.getElementById("coach-panel");
  if (!form || !panel || !window.fetch) return;
  try {
    const tz = form.elements.timeZone;
    if (tz && !tz.value) tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch {}
  let timer = 0, seq = 0;
  const run = async () => {
    const mine = ++seq;
    const body = new URLSearchParams(new FormData(form));
    const res = await fetch(form.dataset.coach || "/requests/coach", {
      method: "POST",
      headers: { "x-csrf-token": form.elements._csrf.value },
      body,
    });
    if (res.ok && mine === seq) {
      panel.innerHTML = await res.text();
      panel.setAttribute("data-live", String(mine));
    }
  };
  form.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 300); });
})();`;
