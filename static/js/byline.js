// byline: progressive enhancement for the default theme.
//
// Entity hover cards: an entity link in the story body (a.entity) shows a
// small card with the entity's name, role and short description when it is
// hovered or focused. The card's content is cloned from the sidebar entry
// #entity-<id> on the same page, so nothing is fetched and, with scripts
// off, the sidebar already says everything the card would.
//
// The card follows WCAG 1.4.13: it can be hovered itself without vanishing,
// Escape dismisses it, and it is placed beside the link, never over it.
(function () {
	"use strict";

	var SHOW_DELAY = 250;
	var HIDE_DELAY = 200;
	var GAP = 10; // px between link and card

	var body = document.querySelector(".story-body");
	if (!body || !document.querySelector(".entity-sidebar")) return;

	var card = null;   // the one card element, made on first use
	var current = null; // the link the card belongs to
	var showTimer = 0;
	var hideTimer = 0;

	function makeCard() {
		card = document.createElement("div");
		card.className = "entity-popup";
		card.id = "entity-popup";
		card.setAttribute("role", "tooltip");
		card.hidden = true;
		card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
		card.addEventListener("mouseleave", function () { scheduleHide(); });
		document.body.appendChild(card);
	}

	// fill copies the sidebar entry into the card. Links become plain text:
	// a tooltip holds no controls, and the link being described already
	// goes to the entity page. Ids are dropped so none is duplicated.
	function fill(entry) {
		var copy = entry.cloneNode(true);
		copy.removeAttribute("id");
		copy.querySelectorAll("[id]").forEach(function (el) { el.removeAttribute("id"); });
		copy.querySelectorAll("a").forEach(function (a) {
			var span = document.createElement("span");
			span.className = a.className;
			span.textContent = a.textContent;
			a.replaceWith(span);
		});
		card.replaceChildren.apply(card, Array.prototype.slice.call(copy.childNodes));
	}

	function entryFor(link) {
		var id = link.getAttribute("data-entity");
		return id ? document.getElementById("entity-" + id) : null;
	}

	function place(link) {
		// A link that wraps across lines: anchor to the first line box.
		var rects = link.getClientRects();
		var r = rects.length ? rects[0] : link.getBoundingClientRect();
		var vw = document.documentElement.clientWidth;
		var vh = window.innerHeight;
		var w = card.offsetWidth;
		var h = card.offsetHeight;
		var left = Math.min(Math.max(r.left, GAP), vw - w - GAP);
		if (left < GAP) left = GAP;
		// Below the line if it fits, else above; it never covers the link.
		var top = r.bottom + GAP;
		if (top + h > vh && r.top - GAP - h > 0) top = r.top - GAP - h;
		card.style.left = left + window.scrollX + "px";
		card.style.top = top + window.scrollY + "px";
	}

	function show(link) {
		clearTimeout(showTimer);
		clearTimeout(hideTimer);
		var entry = entryFor(link);
		if (!entry) return;
		if (!card) makeCard();
		if (current && current !== link) current.removeAttribute("aria-describedby");
		current = link;
		fill(entry);
		card.hidden = false;
		place(link);
		link.setAttribute("aria-describedby", card.id);
	}

	function hide() {
		clearTimeout(showTimer);
		clearTimeout(hideTimer);
		if (!card || card.hidden) return;
		card.hidden = true;
		if (current) current.removeAttribute("aria-describedby");
		current = null;
	}

	function scheduleHide() {
		clearTimeout(showTimer);
		clearTimeout(hideTimer);
		hideTimer = setTimeout(hide, HIDE_DELAY);
	}

	function entityLink(target) {
		return target && target.closest ? target.closest("a.entity[data-entity]") : null;
	}

	// Mouse: show after a short pause, so sweeping across text stays quiet.
	body.addEventListener("mouseover", function (e) {
		var link = entityLink(e.target);
		if (!link) return;
		clearTimeout(hideTimer);
		if (link === current) return;
		clearTimeout(showTimer);
		showTimer = setTimeout(function () { show(link); }, SHOW_DELAY);
	});
	body.addEventListener("mouseout", function (e) {
		var link = entityLink(e.target);
		if (!link || link.contains(e.relatedTarget)) return;
		scheduleHide();
	});

	// Keyboard: show at once on focus, hide on blur.
	body.addEventListener("focusin", function (e) {
		var link = entityLink(e.target);
		if (link) show(link);
	});
	body.addEventListener("focusout", function (e) {
		if (entityLink(e.target)) hide();
	});

	document.addEventListener("keydown", function (e) {
		if (e.key === "Escape" || e.key === "Esc") hide();
	});
	// A touch or click anywhere else closes it; following the link is
	// left to the browser.
	document.addEventListener("pointerdown", function (e) {
		if (card && !card.hidden && !card.contains(e.target) && !entityLink(e.target)) hide();
	});
	window.addEventListener("resize", function () {
		if (current && card && !card.hidden) place(current);
	});
})();

// Quote footnotes: :target in the stylesheet highlights the note a
// reference leads to. Following the same reference twice does not change
// the hash, so restart the highlight by hand.
(function () {
	"use strict";
	document.addEventListener("click", function (e) {
		var a = e.target.closest && e.target.closest('a[href^="#"]');
		if (!a || a.getAttribute("href") !== location.hash) return;
		var t = document.getElementById(location.hash.slice(1));
		if (!t) return;
		t.style.animation = "none";
		void t.offsetWidth; // reflow, so the animation starts again
		t.style.animation = "";
	});
})();

// Wide code blocks and tables scroll sideways; a keyboard user can only
// scroll a box that can take focus.
(function () {
	"use strict";
	function mark() {
		document.querySelectorAll(".story-body pre, .story-body table").forEach(function (el) {
			if (el.scrollWidth > el.clientWidth + 1) {
				if (!el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
			} else if (el.getAttribute("tabindex") === "0") {
				el.removeAttribute("tabindex");
			}
		});
	}
	mark();
	window.addEventListener("resize", mark);
})();
