/**
 * Copy-to-clipboard buttons, as progressive enhancement: a button marked `data-copy="ID"` is
 * hidden in the page and shown only here, so without JavaScript nobody sees a button that does
 * nothing (the text and the mailto link are there for them). The result is announced in the
 * element named by `data-status`, a role="status" region.
 */
export const COPY_JS = `(() => {
  for (const button of document.querySelectorAll("button[data-copy]")) {
    const source = document.getElementById(button.dataset.copy);
    const status = document.getElementById(button.dataset.status);
    if (!source) continue;
    const say = (text, ok) => {
      if (!status) return;
      status.textContent = text;
      status.className = ok ? "ok" : "err";
    };
    button.hidden = false;
    button.addEventListener("click", async () => {
      const text = source.value ?? source.textContent;
      say("", true);
      try {
        await navigator.clipboard.writeText(text);
        say("Copied. Paste it into your reply.", true);
      } catch {
        // No clipboard permission: select the text so that Ctrl+C / Cmd+C copies it.
        source.focus();
        source.select();
        say("Your browser did not allow copying: the text is selected, press Ctrl+C (Cmd+C on a Mac).", false);
      }
    });
  }
})();`;
