/* ecdosis: while a note mark or a sidenote is hovered or focused, highlight the words the note
   is about; when the page is opened at a note's address (#note-…), highlight them too. */
"use strict";
(() => {
  const parts = (id) => document.querySelectorAll(`[data-note="${CSS.escape(id)}"]`);
  const toggle = (id, className, on) => {
    for (const element of parts(id)) element.classList.toggle(className, on);
  };
  for (const element of document.querySelectorAll("a.note-mark[data-note], aside.edition-sidenote[data-note]")) {
    const id = element.dataset.note;
    element.addEventListener("mouseenter", () => toggle(id, "note-active", true));
    element.addEventListener("mouseleave", () => toggle(id, "note-active", false));
    element.addEventListener("focusin", () => toggle(id, "note-active", true));
    element.addEventListener("focusout", () => toggle(id, "note-active", false));
  }
  const showTarget = () => {
    for (const element of document.querySelectorAll(".note-target")) element.classList.remove("note-target");
    const match = /^#note-(.+)$/.exec(window.location.hash);
    if (match) toggle(decodeURIComponent(match[1]), "note-target", true);
  };
  window.addEventListener("hashchange", showTarget);
  showTarget();
})();
