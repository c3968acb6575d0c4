/* Small progressive enhancements on top of htmx. Everything here is optional: without this file
   (or without JavaScript) the forms and links do the same work with full page loads. */
(function () {
  "use strict";

  /* --- the filter form ------------------------------------------------------------------------ */

  // Blank fields would put "q=&from=&to=" into every shared URL: leave them out of htmx requests.
  document.addEventListener("htmx:configRequest", function (event) {
    var data = event.detail.formData;
    if (!data || event.detail.verb !== "get") return;
    var entries = Array.from(data.entries());
    var names = new Set(entries.map(function (e) { return e[0]; }));
    names.forEach(function (name) { data.delete(name); });
    entries.forEach(function (e) { if (String(e[1]).trim() !== "") data.append(e[0], e[1]); });
  });

  // A plain submit (htmx not loaded) gets the same clean URL.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches || !form.matches("#filters") || window.htmx) return;
    Array.from(form.elements).forEach(function (el) {
      if (el.name && el.value === "" && !el.disabled) el.disabled = true;
    });
  });

  // After a swap, the fields outside the swapped region follow the new state (chip removed, axis
  // range chosen), the title follows the results, and focus never falls back to <body>.
  function syncFromResults() {
    var results = document.getElementById("results");
    if (!results) return;
    [["q", "q"], ["from", "from"], ["to", "to"], ["sort", "sort"]].forEach(function (pair) {
      var field = document.getElementById(pair[0]);
      var value = results.getAttribute("data-" + pair[1]) || "";
      if (field && document.activeElement !== field && field.value !== value) field.value = value;
    });
    if (results.dataset.title) document.title = results.dataset.title;
  }

  // "More events": keyboard focus moves to the first of the new cards.
  var cardsBefore = null;
  // A filter chosen in the facets or on the axis: the new results come first, the facets and the
  // axis a moment later (their placeholders ask for them). Focus waits on the result count, then
  // returns to the same option (same id), so that Tab and Enter go on from where they were.
  var focusLater = null;
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    cardsBefore = target && target.id === "more" ? document.querySelectorAll(".card").length : null;
    if (target && target.id === "results") {
      var active = document.activeElement;
      focusLater = active && active.id && active.closest("#facets, #axis") ? active.id : null;
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    syncFromResults();
    var target = event.detail.target;
    var active = document.activeElement;
    var count = document.getElementById("result-count");
    if (focusLater && target && (target.id === "facets" || target.id === "axis")) {
      var again = document.getElementById(focusLater);
      if (again && (active === document.body || active === count || !active)) {
        focusLater = null;
        again.focus({ preventScroll: true });
        return;
      }
    }
    if (active && active !== document.body) return;
    if (cardsBefore !== null) {
      var link = document.querySelectorAll(".card .card__title a")[cardsBefore];
      cardsBefore = null;
      if (link) { link.focus({ preventScroll: true }); return; }
    }
    if (count) {
      count.setAttribute("tabindex", "-1");
      count.focus({ preventScroll: true });
    }
  });
  document.addEventListener("htmx:historyRestore", syncFromResults);

  // Requests that fail say so instead of doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var template = document.body.getAttribute("data-msg-error") || "Error {status}";
    showNotice(template.replace("{status}", String(event.detail.xhr.status)));
  });
  document.addEventListener("htmx:sendError", function () {
    showNotice(document.body.getAttribute("data-msg-offline") || "Network error");
  });
  function showNotice(text) {
    var notice = document.getElementById("notice");
    if (!notice) {
      notice = document.createElement("div");
      notice.id = "notice";
      notice.className = "notice";
      notice.setAttribute("role", "alert");
      document.body.appendChild(notice);
    }
    notice.textContent = text;
    notice.hidden = false;
    window.setTimeout(function () { notice.hidden = true; }, 6000);
  }

  /* --- the overview axis: drag across it to choose a date range --------------------------------- */

  var drag = null;
  var swallowClick = false;
  var DAY = 86400000;

  function isoDay(ms) { return new Date(ms).toISOString().slice(0, 10); }

  function dateAt(plot, x) {
    var axis = plot.closest(".axis");
    var start = Date.parse(axis.getAttribute("data-start"));
    var end = Date.parse(axis.getAttribute("data-end")) + DAY;
    var width = plot.getBoundingClientRect().width || 1;
    var share = Math.min(1, Math.max(0, x / width));
    return start + share * (end - start);
  }

  document.addEventListener("pointerdown", function (event) {
    var plot = event.target.closest && event.target.closest(".axis__plot");
    if (!plot || event.button !== 0 || !event.isPrimary) return;
    var rect = plot.getBoundingClientRect();
    drag = { plot: plot, left: rect.left, width: rect.width, x0: event.clientX - rect.left, x1: null };
  });

  document.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var x = Math.min(drag.width, Math.max(0, event.clientX - drag.left));
    if (drag.x1 === null && Math.abs(x - drag.x0) < 6) return;
    drag.x1 = x;
    var brush = drag.plot.querySelector(".axis__brush");
    if (brush) {
      brush.hidden = false;
      brush.style.left = Math.min(drag.x0, x) + "px";
      brush.style.width = Math.abs(x - drag.x0) + "px";
    }
    event.preventDefault();
  });

  function endDrag() {
    if (!drag) return;
    var current = drag;
    drag = null;
    if (current.x1 === null) return;
    swallowClick = true;
    window.setTimeout(function () { swallowClick = false; }, 0);
    var a = dateAt(current.plot, Math.min(current.x0, current.x1));
    var b = dateAt(current.plot, Math.max(current.x0, current.x1));
    applyRange(isoDay(a), isoDay(Math.max(a, b - 1)));
  }
  document.addEventListener("pointerup", endDrag);
  document.addEventListener("pointercancel", function () {
    if (drag) {
      var brush = drag.plot.querySelector(".axis__brush");
      if (brush) brush.hidden = true;
    }
    drag = null;
  });
  document.addEventListener("click", function (event) {
    if (swallowClick && event.target.closest && event.target.closest(".axis__plot")) {
      event.preventDefault();
      event.stopPropagation();
      swallowClick = false;
    }
  }, true);
  document.addEventListener("dragstart", function (event) {
    if (event.target.closest && event.target.closest(".axis__plot")) event.preventDefault();
  });

  function applyRange(from, to) {
    var form = document.getElementById("filters");
    if (!form) return;
    form.querySelector("#from").value = from;
    form.querySelector("#to").value = to;
    // a date range replaces any chosen years
    document.querySelectorAll('input[type="hidden"][form="filters"][name="year"]').forEach(function (input) {
      input.remove();
    });
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  /* --- the article: the linked passage in view, previous / next ----------------------------------- */

  function passages() {
    return Array.from(document.querySelectorAll('mark.ev[id^="ev-"]')).sort(function (a, b) {
      return Number(a.getAttribute("data-number")) - Number(b.getAttribute("data-number"));
    });
  }

  function showPassage(id, smooth) {
    var first = document.getElementById(id);
    if (!first || !first.matches("mark.ev")) return;
    var ev = first.getAttribute("data-ev");
    document.querySelectorAll("mark.ev.is-current, .passage-link.is-current").forEach(function (el) {
      el.classList.remove("is-current");
    });
    document.querySelectorAll('mark.ev[data-ev="' + ev + '"], .passage-link[data-ev="' + ev + '"]').forEach(function (el) {
      el.classList.add("is-current");
    });
    var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    first.scrollIntoView({ block: "center", behavior: smooth && !reduced ? "smooth" : "auto" });
    var nav = document.querySelector(".passage-nav");
    if (!nav) return;
    var all = passages();
    var index = all.indexOf(first);
    setLink(nav.querySelector(".passage-nav__prev"), all[index - 1]);
    setLink(nav.querySelector(".passage-nav__next"), all[index + 1]);
    var pos = nav.querySelector(".passage-nav__pos");
    var template = nav.getAttribute("data-position");
    if (pos && template) {
      pos.textContent = template.replace("%(num)s", String(index + 1)).replace("%(total)s", String(all.length));
    }
  }

  function setLink(link, target) {
    if (!link) return;
    if (target) {
      link.setAttribute("href", "#" + target.id);
      link.removeAttribute("aria-disabled");
    } else {
      link.removeAttribute("href");
      link.setAttribute("aria-disabled", "true");
    }
  }

  function onHash(smooth) {
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.indexOf("ev-") === 0) showPassage(hash, smooth);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".passage-nav a[href], .passage-link");
    if (!link || event.defaultPrevented || event.metaKey || event.ctrlKey || event.shiftKey) return;
    var url = new URL(link.href, window.location.href);
    if (url.pathname !== window.location.pathname || !url.hash) return;
    event.preventDefault();
    if (window.location.hash === url.hash) onHash(true);
    else window.location.hash = url.hash;  // hashchange does the rest, and Back walks the passages
  });

  window.addEventListener("hashchange", function () { onHash(true); });

  function ready() {
    if (document.querySelector(".reader__text")) onHash(false);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();

/* Editors' pages: keyboard shortcuts of the review queue, and a selection in the article as a passage.
   Without JavaScript the same buttons, links and number fields do the work. */
(function () {
  "use strict";

  function typing(target) {
    return target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  document.addEventListener("keydown", function (event) {
    var queue = document.querySelector('[data-shortcuts="review"]');
    if (!queue || event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var control = queue.querySelector('[data-key="' + event.key.toLowerCase() + '"]');
    if (!control) return;
    event.preventDefault();
    control.click();
  });

  // The article text holds the passage labels (numbers) beside its own characters: offsets count
  // only the text nodes outside them, which are exactly the stored text.
  function offsetIn(root, node, offset) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
      acceptNode: function (n) { return n.parentElement.closest(".plabel") ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT; }
    });
    var total = 0;
    for (var current = walker.nextNode(); current; current = walker.nextNode()) {
      if (current === node) return total + offset;
      total += current.nodeValue.length;
    }
    return null;
  }

  function showSelection() {
    var form = document.querySelector("form.new-event");
    var root = document.getElementById("article-text");
    var selection = window.getSelection();
    if (!form || !root || !selection || selection.rangeCount === 0 || selection.isCollapsed) return;
    var range = selection.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return;
    if (range.startContainer.nodeType !== 3 || range.endContainer.nodeType !== 3) return;
    var start = offsetIn(root, range.startContainer, range.startOffset);
    var end = offsetIn(root, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return;
    form.querySelector('[name="start"]').value = String(start);
    form.querySelector('[name="end"]').value = String(end);
    var preview = form.querySelector(".new-event__selection");
    if (preview) { preview.textContent = selection.toString(); preview.hidden = false; }
  }
  document.addEventListener("mouseup", showSelection);
  document.addEventListener("keyup", function (event) { if (event.shiftKey) showSelection(); });
})();
