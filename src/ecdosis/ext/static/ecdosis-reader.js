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

/* ecdosis: notes in the margin. On wide screens each note is moved down level with its mark,
   as far as the notes before it allow (the paragraph's space grows with its notes, in CSS).
   A long note shows its beginning until it is unfolded: by its button, by its mark, or when the
   page is opened at its address. Without this script every note is shown whole, beside or
   after its paragraph. */
(() => {
  const FOLD_LINES = 8;  // a note of more lines than this (and a few more) is folded
  const groups = [...document.querySelectorAll(".noted-paragraph")];
  if (!groups.length) return;
  const notes = [...document.querySelectorAll("aside.edition-sidenote")];
  const unfold = (note) => {
    if (!note.classList.contains("note-folded")) return;
    note.classList.remove("note-folded");
    const button = note.querySelector("button.note-unfold");
    if (button) button.setAttribute("aria-expanded", "true");
    if (button) button.textContent = "Fold the note";
  };
  const fold = (note) => {
    note.classList.add("note-folded");
    const button = note.querySelector("button.note-unfold");
    button.setAttribute("aria-expanded", "false");
    button.textContent = "Read the whole note";
  };
  for (const note of notes) {
    const body = note.querySelector(".note-body");
    if (!body) continue;
    const lineHeight = parseFloat(getComputedStyle(body).lineHeight) || 20;
    if (body.scrollHeight <= lineHeight * (FOLD_LINES + 3)) continue;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "note-unfold";
    button.setAttribute("aria-controls", note.id);
    note.append(button);
    fold(note);
    button.addEventListener("click", () => {
      if (note.classList.contains("note-folded")) unfold(note);
      else fold(note);
      place();
    });
  }
  // Opening a note from its mark, or at its address, shows it whole.
  const openTarget = () => {
    const target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target && target.matches("aside.edition-sidenote")) {
      unfold(target);
      place();
      target.scrollIntoView({ block: "nearest" });
    }
  };
  for (const mark of document.querySelectorAll("a.note-mark")) {
    mark.addEventListener("click", () => {
      const note = document.getElementById(mark.getAttribute("href").slice(1));
      if (note) unfold(note);
    });
  }
  const beside = (group) => {
    const text = group.querySelector(".noted-text");
    const margin = group.querySelector(".sidenotes");
    return text && margin && margin.getBoundingClientRect().left >= text.getBoundingClientRect().right;
  };
  const place = () => {
    for (const group of groups) {
      const margin = group.querySelector(".sidenotes");
      if (!margin) continue;
      const asides = [...margin.children].filter((child) => child.matches("aside.edition-sidenote"));
      for (const note of asides) note.style.marginTop = "";
      if (!beside(group)) continue;
      const top = margin.getBoundingClientRect().top;
      let bottom = 0;  // where the previous note ends, from the top of the margin
      for (const note of asides) {
        const mark = document.getElementById(`notemark-${note.dataset.note}`);
        const wanted = mark ? mark.getBoundingClientRect().top - top - 4 : bottom;
        const natural = note.getBoundingClientRect().top - top;
        const shift = Math.max(0, wanted - natural);
        if (shift) note.style.marginTop = `${shift + parseFloat(getComputedStyle(note).marginTop)}px`;
        bottom = note.getBoundingClientRect().bottom - top;
      }
    }
  };
  place();
  openTarget();
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("load", place);
  if (document.fonts) document.fonts.ready.then(place);
  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(place);
  });
})();
