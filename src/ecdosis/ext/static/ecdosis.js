/* ecdosis: "Cite" beside each paragraph's number and at the end of each note. It opens a
   dialog with the citation in Chicago and MLA style, as BibTeX and as CSL-JSON, each with a
   copy button. The citations are the page's JSON data (also <siglum>.citations.json).
   While the edition has no permanent address, its citations give each address relative to the
   edition's home ("path") and say it is provisional; served over http(s), the dialog puts in
   the address the page is served from, still called provisional, and says so. The Cite button
   is a button (Enter and Space open the dialog); Escape closes it, and the focus goes back. */
"use strict";
(() => {
  const data = document.getElementById("edition-citations");
  if (!data || typeof HTMLDialogElement === "undefined") return;
  const citations = new Map(JSON.parse(data.textContent).map((c) => [c.anchor, c]));
  const make = (tag, className, text) => {
    const element = document.createElement(tag);
    if (className) element.className = className;
    if (text !== undefined) element.textContent = text;
    return element;
  };
  // The citation's text, with the first occurrence of each title in italics.
  const styled = (text, italic) => {
    const spans = italic.map((title) => [text.indexOf(title), title]).filter(([at]) => at >= 0)
      .sort((a, b) => a[0] - b[0]);
    const fragment = document.createDocumentFragment();
    let position = 0;
    for (const [at, title] of spans) {
      if (at < position) continue;
      fragment.append(text.slice(position, at), make("i", "", title));
      position = at + title.length;
    }
    fragment.append(text.slice(position));
    return fragment;
  };
  const copy = async (text) => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = make("textarea", "cite-copy-area");
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
  };
  // The edition's home as this page is served, from Sphinx's data-content_root ("../").
  const root = document.documentElement.dataset.content_root;
  const served = /^https?:$/.test(window.location.protocol) && root !== undefined
    ? new URL(root, window.location.href) : null;
  // A provisional citation's forms as the page is served: the data gives them (in "served")
  // with placeholders for that home, whole or without its scheme (ecdosis.model.citation).
  const home = served && {
    "{home}": served.href,
    "{home-without-scheme}": served.href.slice(served.protocol.length + 2),
  };
  const fill = (text) => text.replace(/\{home(?:-without-scheme)?\}/g, (held) => home[held]);
  const localised = (citation) => {
    const forms = citation.served;
    if (!forms || !home) return citation;
    const csl = Object.fromEntries(Object.entries(forms.csl)
      .map(([name, value]) => [name, typeof value === "string" ? fill(value) : value]));
    return {
      ...citation,
      url: fill(forms.url),
      chicago: fill(forms.chicago),
      mla: fill(forms.mla),
      bibtex: fill(forms.bibtex),
      csl,
    };
  };
  const dialog = make("dialog", "cite-dialog");
  dialog.setAttribute("aria-labelledby", "cite-dialog-title");
  document.body.append(dialog);
  let opener = null;
  dialog.addEventListener("close", () => {
    if (opener && opener.isConnected) opener.focus();
    opener = null;
  });
  const open = (stored, from) => {
    const citation = localised(stored);
    opener = from;
    const heading = make("h2", "", `Cite ${citation.label}`);
    heading.id = "cite-dialog-title";
    const close = make("button", "cite-close", "Close");
    close.type = "button";
    close.addEventListener("click", () => dialog.close());
    dialog.replaceChildren(heading);
    if (citation.provisional) {
      const where = served && citation.served
        ? "The citations give the address this page is served from, which may change."
        : "The citations give the address within the edition.";
      const notice = make("p", "cite-provisional",
        `Provisional address: this edition has no permanent address yet. ${where}`);
      notice.id = "cite-dialog-provisional";
      dialog.setAttribute("aria-describedby", notice.id);
      dialog.append(notice);
    } else {
      dialog.removeAttribute("aria-describedby");
    }
    const formats = [
      ["Chicago", citation.chicago, true],
      ["MLA", citation.mla, true],
      ["BibTeX", citation.bibtex, false],
      ["CSL-JSON", JSON.stringify([citation.csl], null, 2), false],
    ];
    for (const [name, text, prose] of formats) {
      const block = make("section", "cite-format");
      block.dataset.format = name;
      block.append(make("h3", "", name));
      const shown = prose ? make("p", "cite-text") : make("pre", "cite-text", text);
      if (prose) shown.append(styled(text, citation.italic));
      const button = make("button", "cite-copy", "Copy");
      button.type = "button";
      button.setAttribute("aria-label", `Copy the ${name} citation`);
      button.addEventListener("click", async () => {
        await copy(text);
        button.textContent = "Copied";
        setTimeout(() => { button.textContent = "Copy"; }, 2000);
      });
      block.append(shown, button);
      dialog.append(block);
    }
    dialog.append(close);
    dialog.showModal();
  };
  const button = (anchor, className) => {
    const citation = citations.get(anchor);
    if (!citation) return null;
    const element = make("button", `cite-button ${className}`, "Cite");
    element.type = "button";
    element.setAttribute("aria-label", `Cite ${citation.label}`);
    element.addEventListener("click", () => open(citation, element));
    return element;
  };
  for (const paragraph of document.querySelectorAll("p.reading-paragraph[id]")) {
    const element = button(paragraph.id, "paragraph-cite");
    if (element) paragraph.querySelector("a.paragraph-number")?.after(element);
  }
  for (const permalink of document.querySelectorAll("a.note-permalink")) {
    const element = button(permalink.getAttribute("href").slice(1), "note-cite");
    if (element) permalink.after(" ", element);
  }
})();
