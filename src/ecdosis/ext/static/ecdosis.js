/* ecdosis: "Cite" beside each paragraph's number and at the end of each note. It opens a
   dialog with the citation in Chicago and MLA style, as BibTeX and as CSL-JSON, each with a
   copy button. The citations are the page's JSON data (also <siglum>.citations.json).
   While the edition has no permanent address, its citations give each address relative to the
   edition's home ("path") and say it is provisional; served over http(s), the dialog puts in
   the address the page is served from, still called provisional, and says so. The Cite button
   is a button (Enter and Space open the dialog); Escape closes it, and the focus goes back. */
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
  const bibtexUrl = (url) => url.replace(/[\\{} ]/g, (c) => ({
    "\\": "%5C", "{": "%7B", "}": "%7D", " ": "%20",
  })[c]);
  // The last occurrence of the address replaced, where the citation gives it.
  const swap = (text, from, to) => {
    const at = text.lastIndexOf(from);
    return at < 0 ? text : text.slice(0, at) + to + text.slice(at + from.length);
  };
  const localised = (citation) => {
    if (!citation.provisional || !served) return citation;
    const url = new URL(citation.path, served).href;
    return {
      ...citation,
      url,
      chicago: swap(citation.chicago, citation.path, url),
      mla: swap(citation.mla, citation.path, url.replace(/^https?:\/\//, "")),
      bibtex: swap(citation.bibtex, `url = {${bibtexUrl(citation.path)}}`,
        `url = {${bibtexUrl(url)}}`),
      csl: { ...citation.csl, URL: url },
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
      const where = served
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
