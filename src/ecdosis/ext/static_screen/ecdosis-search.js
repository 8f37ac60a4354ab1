/* ecdosis: search results whose snippets are words of the reading text. Sphinx's search shows
   the words around the first match in the whole page; on a text's page that is often the record
   card or the apparatus. Here the snippet comes from the reading text when the words are there
   (without the notes, the paragraph numbers and the "see also" lines), and from the rest of the
   page otherwise. Loaded on the search page only, after Sphinx's searchtools.js. */
"use strict";
(() => {
  if (typeof Search === "undefined") return;
  const NOISE = "aside, .see-also, a.paragraph-number, button, sup, .glossary-mark, .entity-mark, .headerlink, script, style";
  const textOf = (element) => {
    if (!element) return "";
    const copy = element.cloneNode(true);
    for (const noise of copy.querySelectorAll(NOISE)) noise.remove();
    return copy.textContent.replace(/\s+/g, " ").trim();
  };
  Search.makeSearchSummary = (htmlText, keywords, anchor) => {
    const page = new DOMParser().parseFromString(htmlText, "text/html");
    const main = page.querySelector('[role="main"]');
    const reading = [...page.querySelectorAll(".reading-text")].map(textOf).join(" ");
    const words = [...keywords].map((word) => word.toLowerCase());
    const found = (text) => words.map((word) => text.toLowerCase().indexOf(word)).filter((at) => at > -1);
    let text = reading;
    let positions = found(reading);
    if (!positions.length) {
      const rest = main && main.cloneNode(true);
      for (const record of rest ? rest.querySelectorAll(".edition-record") : []) record.remove();
      const other = textOf(anchor && rest ? rest.querySelector(anchor) || rest : rest);
      if (found(other).length || !reading) {
        text = other;
        positions = found(other);
      }
    }
    const start = Math.max((positions.length ? Math.min(...positions) : 0) - 120, 0);
    const summary = document.createElement("p");
    summary.classList.add("context");
    if (!text) return summary;  // Sphinx appends whatever is returned
    summary.textContent = (start ? "… " : "") + text.substr(start, 240).trim() + (start + 240 < text.length ? " …" : "");
    return summary;
  };
})();
