/* ecdosis: the reading page. Without this script every note is shown whole, beside or after its
   paragraph, and every link works; the script adds:
   - the words a note is about, highlighted while its mark or the note is hovered or focused,
     or when the page is opened at the note's address (#note-…);
   - notes in the margin moved down level with their marks, and long notes folded;
   - landing at the paragraph that holds the words of a search;
   - previews of what a link points to. */
"use strict";
(() => {
  // The element the page's address points to (none for a malformed or absent fragment).
  const hashTarget = () => {
    try {
      const id = decodeURIComponent(window.location.hash.slice(1));
      return id ? document.getElementById(id) : null;
    } catch {
      return null;
    }
  };

  /* -- The words of a note ------------------------------------------------------------------ */
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
    const target = hashTarget();
    if (target && target.matches("aside.edition-sidenote")) toggle(target.dataset.note, "note-target", true);
  };
  window.addEventListener("hashchange", showTarget);
  showTarget();

  /* -- Notes in the margin ------------------------------------------------------------------ */
  // A paragraph's notes stand beside it where the stylesheet makes its group a grid (wide
  // screens); each is moved down level with its mark, as far as the notes before it allow (the
  // paragraph's space grows with its notes). A note longer than the stylesheet's
  // --ed-fold-lines (and a few lines more) shows its beginning until it is unfolded: by its
  // button, its mark, a keyboard entering it, or the page's address.
  const groups = [...document.querySelectorAll(".noted-paragraph")];
  const notes = [...document.querySelectorAll("aside.edition-sidenote")];
  const opened = new WeakSet();  // notes the reader has unfolded: they stay open
  const setFolded = (note, folded) => {
    const button = note.querySelector(":scope > button.note-unfold");
    note.classList.toggle("note-folded", folded);
    if (!button) return;
    button.setAttribute("aria-expanded", String(!folded));
    button.textContent = folded ? "Read the whole note" : "Fold the note";
  };
  const foldLong = () => {
    for (const note of notes) {
      const body = note.querySelector(":scope > .note-body");
      if (!body || opened.has(note)) continue;
      note.classList.remove("note-folded");
      const style = getComputedStyle(note);
      const lines = parseFloat(style.getPropertyValue("--ed-fold-lines")) || 6;
      const lineHeight = parseFloat(getComputedStyle(body).lineHeight) || 20;
      const long = body.scrollHeight > lineHeight * (lines + 3);
      let button = note.querySelector(":scope > button.note-unfold");
      if (long && !button) {
        button = document.createElement("button");
        button.type = "button";
        button.className = "note-unfold";
        button.setAttribute("aria-controls", note.id);
        button.addEventListener("click", () => {
          const folding = !note.classList.contains("note-folded");
          if (folding) opened.delete(note);
          else opened.add(note);
          setFolded(note, folding);
          place();
        });
        note.append(button);
      }
      if (button) button.hidden = !long;
      if (long) setFolded(note, true);
    }
  };
  const open = (note) => {
    opened.add(note);
    if (note.classList.contains("note-folded")) {
      setFolded(note, false);
      place();
    }
  };
  const place = () => {
    // Read every position first, then write every margin: one layout, however many notes.
    const moves = [];
    for (const group of groups) {
      const margin = group.querySelector(":scope > .sidenotes");
      if (!margin) continue;
      const asides = [...margin.children].filter((child) => child.matches("aside.edition-sidenote"));
      for (const note of asides) note.style.marginTop = "";
      moves.push([group, margin, asides]);
    }
    const shifts = [];
    for (const [group, margin, asides] of moves) {
      if (getComputedStyle(group).display !== "grid") continue;
      const top = margin.getBoundingClientRect().top;
      let moved = 0;  // how far the notes before this one were moved down
      for (const note of asides) {
        const mark = document.getElementById(`notemark-${note.dataset.note}`);
        if (!mark) continue;
        const natural = note.getBoundingClientRect().top - top + moved;
        const shift = Math.max(0, mark.getBoundingClientRect().top - top - 4 - natural);
        if (shift) shifts.push([note, shift + parseFloat(getComputedStyle(note).marginTop)]);
        moved += shift;
      }
    }
    for (const [note, margin] of shifts) note.style.marginTop = `${margin}px`;
  };
  // Folding and placing the notes moves what follows them: the browser has already scrolled to
  // the address's target, so it is brought back into view, unless the reader has scrolled since.
  let scrolledByReader = false;
  for (const event of ["wheel", "touchmove", "keydown", "mousedown"]) {
    window.addEventListener(event, () => { scrolledByReader = true; }, { once: true, passive: true });
  }
  const keepTarget = () => {
    const target = hashTarget();
    if (target && !scrolledByReader) target.scrollIntoView({ block: "start" });
  };
  const openTarget = () => {
    const target = hashTarget();
    if (target && target.matches("aside.edition-sidenote")) {
      open(target);
      target.scrollIntoView({ block: "nearest" });
    }
  };
  if (groups.length) {
    for (const note of notes) {
      // a keyboard entering a folded note (its links, its Cite button) unfolds it
      note.addEventListener("focusin", (event) => {
        if (!event.target.matches("button.note-unfold")) open(note);
      });
    }
    for (const mark of document.querySelectorAll("a.note-mark")) {
      mark.addEventListener("click", () => {
        const note = document.getElementById(mark.getAttribute("href").slice(1));
        if (note) open(note);
      });
    }
    foldLong();
    place();
    openTarget();
    keepTarget();
    window.addEventListener("hashchange", openTarget);
    window.addEventListener("load", () => {
      place();
      keepTarget();
    });
    if (document.fonts) document.fonts.ready.then(place);
    // Across the stylesheet's breakpoints notes fold differently; otherwise only a change of
    // width moves them (a phone's toolbar changes the height alone).
    let width = window.innerWidth;
    let pending = 0;
    window.addEventListener("resize", () => {
      if (window.innerWidth === width) return;
      width = window.innerWidth;
      cancelAnimationFrame(pending);
      pending = requestAnimationFrame(() => {
        foldLong();
        place();
      });
    });
  }

  // Once the page has loaded and its notes are placed (tests wait for this).
  window.addEventListener("load", () => { document.documentElement.dataset.readerReady = ""; });

  /* -- Landing from a search ---------------------------------------------------------------- */
  // Sphinx highlights the words searched for a moment after the page loads; the page then
  // scrolls to the first paragraph of the reading text that holds them.
  if (!window.location.hash) {
    const land = () => {
      const word = document.querySelector(".reading-text span.highlighted")
        || document.querySelector(".site-main span.highlighted");
      if (!word) return false;
      (word.closest("p, li, dd, td") || word).scrollIntoView({ block: "start" });
      return true;
    };
    const main = document.querySelector('[role="main"]');
    if (main && !land()) {
      const watch = new MutationObserver(() => { if (land()) watch.disconnect(); });
      watch.observe(main, { childList: true, subtree: true });
      setTimeout(() => watch.disconnect(), 3000);
    }
  }

  /* -- Previews of what a link points to ---------------------------------------------------- */
  // A note, a paragraph of another text, an entity, a glossary term, an event, a source: shown
  // while the link is hovered (it stays while the pointer is on it or on the preview) or
  // focused; Escape hides it. It repeats what the link leads to, so it is hidden from
  // assistive technology, which follows the link itself.
  const LINKS = ".site-main a.reference.internal[href*='#'], .site-main a.note-mark";
  const tip = document.createElement("div");
  tip.className = "edition-preview";
  tip.setAttribute("aria-hidden", "true");
  tip.hidden = true;
  document.body.append(tip);
  const pages = new Map();
  let current = null;
  let showing = 0;
  let hiding = 0;
  const pageOf = (address) => {
    const here = new URL(window.location.href);
    here.hash = "";
    if (address.href === here.href) return Promise.resolve(document);
    if (address.origin !== window.location.origin) return Promise.resolve(null);
    if (!pages.has(address.href)) {
      pages.set(address.href, fetch(address.href)
        .then((response) => (response.ok ? response.text() : ""))
        .then((html) => (html ? new DOMParser().parseFromString(html, "text/html") : null))
        .catch(() => null));
    }
    return pages.get(address.href);
  };
  // What to show of the element an address points to: the block that holds it.
  const excerpt = (page, id, address) => {
    const target = page.getElementById(id);
    if (!target) return null;
    const blocks = [];
    if (target.matches("span.edition-anchor")) {
      const block = target.parentElement;
      blocks.push(block);
      const next = block.nextElementSibling;
      if (next && (block.matches("dt") || (block.matches(".timeline-head") && next.matches("p")))) blocks.push(next);
    } else if (target.matches("section")) {
      const heading = target.querySelector("h1, h2, h3, h4");
      const first = target.querySelector("p:not(.synopsis-label)");
      blocks.push(...[heading, first].filter(Boolean));
    } else {
      blocks.push(target);
    }
    return blocks.map((block) => {
      const copy = block.cloneNode(true);
      for (const noise of copy.querySelectorAll("button, .headerlink, a.note-permalink")) noise.remove();
      for (const element of [copy, ...copy.querySelectorAll("[id]")]) element.removeAttribute("id");
      for (const link of copy.querySelectorAll("a[href]")) {
        link.href = new URL(link.getAttribute("href"), address).href;  // from the page it came from
        link.tabIndex = -1;
      }
      copy.classList.remove("note-folded", "note-active", "note-target");
      return copy;
    });
  };
  const inView = (element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0;
  };
  const hide = () => {
    clearTimeout(showing);
    clearTimeout(hiding);
    if (current && current.dataset.previewTitle !== undefined) {
      current.title = current.dataset.previewTitle;
      delete current.dataset.previewTitle;
    }
    current = null;
    tip.hidden = true;
    tip.replaceChildren();
  };
  const show = async (link) => {
    const address = new URL(link.getAttribute("href"), window.location.href);
    let id;
    try {
      id = decodeURIComponent(address.hash.slice(1));
    } catch {
      return;
    }
    address.hash = "";
    const page = await pageOf(address);
    if (!page || current !== link) return;
    if (page === document) {
      const target = document.getElementById(id);
      if (!target || inView(target)) return;
    }
    const content = excerpt(page, id, address);
    if (!content || current !== link) return;
    tip.replaceChildren(...content);
    tip.hidden = false;
    if (link.title) {  // the browser's own tooltip would stand over the preview
      link.dataset.previewTitle = link.title;
      link.removeAttribute("title");
    }
    const box = link.getBoundingClientRect();
    const left = Math.min(Math.max(8, box.left), document.documentElement.clientWidth - tip.offsetWidth - 8);
    const below = box.bottom + tip.offsetHeight + 8 <= window.innerHeight || box.top < tip.offsetHeight + 8;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${(below ? box.bottom + 6 : box.top - tip.offsetHeight - 6) + window.scrollY}px`;
  };
  const start = (link, delay) => {
    clearTimeout(hiding);
    if (link === current) return;
    hide();
    current = link;
    showing = setTimeout(() => show(link), delay);
  };
  document.addEventListener("mouseover", (event) => {
    clearTimeout(hiding);
    if (tip.contains(event.target)) return;
    const link = event.target.closest(LINKS);
    if (link) start(link, 300);
    else if (current) hiding = setTimeout(hide, 300);
  });
  document.addEventListener("focusin", (event) => {
    if (tip.contains(event.target)) return;
    const link = event.target.closest(LINKS);
    if (link) start(link, 0);
    else hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && current) hide();
  });
  window.addEventListener("scroll", () => {
    // a preview shown stays where it was put: it goes when its link scrolls away from the pointer
    if (current && !tip.hidden && document.activeElement !== current && !tip.matches(":hover")) hide();
  }, { passive: true });
})();
