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
  // A note of more lines than this (and a few more) is folded: fewer when notes interrupt the
  // text (a narrow screen) than when they stand beside it.
  const FOLD_LINES = window.matchMedia("(min-width: 62rem)").matches ? 8 : 5;
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
  // A keyboard that enters a folded note (its links, its Cite button) unfolds it.
  for (const note of notes) {
    note.addEventListener("focusin", (event) => {
      if (event.target.matches("button.note-unfold") || !note.classList.contains("note-folded")) return;
      unfold(note);
      place();
    });
  }
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
  // Folding and placing the notes moves what follows them: the browser has already scrolled to
  // the address's target, so it is brought back into view, unless the reader has scrolled since.
  let scrolledByReader = false;
  for (const event of ["wheel", "touchmove", "keydown", "mousedown"]) {
    window.addEventListener(event, () => { scrolledByReader = true; }, { once: true, passive: true });
  }
  const keepTarget = () => {
    if (scrolledByReader || !window.location.hash) return;
    const target = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (target) target.scrollIntoView({ block: "start" });
  };
  place();
  openTarget();
  keepTarget();
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("load", () => {
    place();
    keepTarget();
  });
  if (document.fonts) document.fonts.ready.then(place);
  let pending = 0;
  window.addEventListener("resize", () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(place);
  });
})();

/* ecdosis: a page opened from a search result lands at the first paragraph of the reading text
   that holds the words searched for (Sphinx highlights them, a moment after the page loads). */
(() => {
  const land = () => {
    const word = document.querySelector(".reading-text span.highlighted") || document.querySelector(".site-main span.highlighted");
    if (!word || window.location.hash) return;
    const paragraph = word.closest("p, li, dd, td") || word;
    paragraph.scrollIntoView({ block: "start" });
  };
  window.addEventListener("load", () => setTimeout(land, 60));
})();

/* ecdosis: a preview of what a link points to (a note, a paragraph of another text, an entity,
   a glossary term, an event, a source), shown while the link is hovered or focused; Escape
   hides it. The link itself still works, and without this script nothing changes. */
(() => {
  const LINKS = ".site-main a.reference.internal[href*='#'], .site-main a.note-mark, .body a.reference.internal[href*='#']";
  const tip = document.createElement("div");
  tip.className = "edition-preview";
  tip.id = "edition-preview";
  tip.setAttribute("role", "tooltip");
  tip.hidden = true;
  document.body.append(tip);
  const pages = new Map();
  let current = null;
  let timer = 0;
  const pageOf = (url) => {
    const address = new URL(url, window.location.href);
    address.hash = "";
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
  // What to show for the element an address points to: the block that holds it.
  const excerpt = (page, id) => {
    const target = page.getElementById(id);
    if (!target) return null;
    const parts = [];
    if (target.matches("span.edition-anchor, span.edition-anchor + *")) {
      const block = target.parentElement;
      parts.push(block);
      if (block.matches("dt") && block.nextElementSibling) parts.push(block.nextElementSibling);
      else if (block.matches(".timeline-head") && block.nextElementSibling?.matches("p")) parts.push(block.nextElementSibling);
    } else if (target.matches("section")) {
      const heading = target.querySelector("h1, h2, h3, h4");
      if (heading) parts.push(heading);
      const first = target.querySelector("p:not(.synopsis-label)");
      if (first) parts.push(first);
    } else {
      parts.push(target);
    }
    const fragment = document.createElement("div");
    for (const part of parts) {
      const copy = part.cloneNode(true);
      for (const noise of copy.querySelectorAll("button, .headerlink, a.note-permalink, .note-unfold")) noise.remove();
      for (const element of [copy, ...copy.querySelectorAll("[id]")]) element.removeAttribute("id");
      for (const element of copy.querySelectorAll("a[href]")) element.setAttribute("tabindex", "-1");
      copy.classList.remove("note-folded", "note-active", "note-target");
      fragment.append(copy);
    }
    return fragment;
  };
  const visible = (element) => {
    const box = element.getBoundingClientRect();
    return box.top >= 0 && box.bottom <= window.innerHeight && box.width > 0;
  };
  const hide = () => {
    clearTimeout(timer);
    if (current) current.removeAttribute("aria-describedby");
    current = null;
    tip.hidden = true;
    tip.replaceChildren();
  };
  const show = async (link) => {
    const href = link.getAttribute("href");
    const id = decodeURIComponent(href.slice(href.indexOf("#") + 1));
    const page = await pageOf(href);
    if (!page || current !== link) return;
    if (page === document) {
      const target = document.getElementById(id);
      if (!target || visible(target)) return;
    }
    const content = excerpt(page, id);
    if (!content || current !== link) return;
    tip.replaceChildren(...content.childNodes);
    tip.hidden = false;
    link.setAttribute("aria-describedby", tip.id);
    const box = link.getBoundingClientRect();
    const width = tip.offsetWidth;
    const left = Math.min(Math.max(8, box.left), document.documentElement.clientWidth - width - 8);
    const below = box.bottom + tip.offsetHeight + 8 <= window.innerHeight || box.top < tip.offsetHeight + 8;
    tip.style.left = `${left + window.scrollX}px`;
    tip.style.top = `${(below ? box.bottom + 6 : box.top - tip.offsetHeight - 6) + window.scrollY}px`;
  };
  const start = (link, delay) => {
    if (link === current) return;
    hide();
    current = link;
    timer = setTimeout(() => show(link), delay);
  };
  document.addEventListener("mouseover", (event) => {
    if (tip.contains(event.target)) {
      clearTimeout(timer);
      return;
    }
    const link = event.target.closest(LINKS);
    if (link) start(link, 300);
    else if (current && !tip.hidden) timer = setTimeout(hide, 300);
    else if (current) hide();
  });
  document.addEventListener("focusin", (event) => {
    const link = event.target.closest(LINKS);
    if (link) start(link, 0);
    else hide();
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !tip.hidden) hide();
  });
  window.addEventListener("scroll", () => { if (!tip.hidden && current && document.activeElement !== current) hide(); }, { passive: true });
})();
