/**
 * The import page's progress bar, as progressive enhancement: without JavaScript the form posts
 * as multipart and the server answers with the result page. With it, the file is sent as the raw
 * body by XMLHttpRequest (its upload progress feeds the <progress>), with the page's CSRF token
 * in X-CSRF-Token, and the JSON answer is shown in the page. Every text from the server is put in
 * with textContent, never as HTML.
 */
export const IMPORT_JS = `(() => {
  const form = document.getElementById("import-form");
  if (!form || !window.XMLHttpRequest) return;
  const wrap = document.getElementById("i-progress");
  const bar = document.getElementById("i-bar");
  const pct = document.getElementById("i-pct");
  const out = document.getElementById("i-result");
  const el = (tag, text, cls) => {
    const e = document.createElement(tag);
    if (text !== undefined) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  };
  form.addEventListener("submit", (ev) => {
    const file = form.elements.file.files[0];
    if (!file) return;
    ev.preventDefault();
    const button = form.querySelector("button[type=submit]");
    const q = new URLSearchParams({ fileName: file.name });
    if (form.elements.format.value) q.set("format", form.elements.format.value);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/contacts/import?" + q.toString());
    xhr.setRequestHeader("X-CSRF-Token", form.elements._csrf.value);
    xhr.setRequestHeader("Accept", "application/json");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    wrap.hidden = false;
    bar.value = 0;
    pct.textContent = "0%";
    button.disabled = true;
    out.replaceChildren();
    xhr.upload.addEventListener("progress", (e) => {
      if (!e.lengthComputable) return;
      const p = Math.floor((e.loaded / e.total) * 100);
      bar.value = p;
      pct.textContent = p + "%";
    });
    xhr.upload.addEventListener("load", () => {
      bar.value = 100;
      pct.textContent = "100%, reading the file…";
    });
    const done = () => {
      button.disabled = false;
      let body = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch (e) {}
      const box = el("div", undefined, "box");
      box.setAttribute("role", xhr.status === 200 ? "status" : "alert");
      if (xhr.status === 200 && body) {
        pct.textContent = "Done";
        const skipped = body.skipped || [];
        box.append(el("p", "Imported " + body.imported + " new, updated " + body.updated +
          (skipped.length ? ", " + skipped.length + " line(s) skipped or partly read" : "") + ".", "ok"));
        if (skipped.length) {
          const ul = el("ul");
          for (const s of skipped) ul.append(el("li", "Line " + s.line + ": " + s.reason));
          box.append(ul);
        }
        const p = el("p");
        const a = el("a", "See your contacts");
        a.href = "/contacts";
        p.append(a);
        box.append(p);
      } else {
        wrap.hidden = true;
        const why = body && body.error ? body.error.message : "The import failed";
        box.append(el("p", why + ". Nothing was imported.", "err"));
      }
      out.replaceChildren(box);
    };
    xhr.addEventListener("load", done);
    xhr.addEventListener("error", () => {
      button.disabled = false;
      wrap.hidden = true;
      out.replaceChildren(el("p", "The upload broke off. Nothing was imported; try again.", "err"));
    });
    xhr.send(file);
  });
})();
`;
