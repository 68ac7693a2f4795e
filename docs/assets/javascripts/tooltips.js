/*
 * Tooltips for every element with a `title`: abbreviations, shortened step texts,
 * matrix headers, and the sidebar entries Material shortens with an ellipsis (it sets
 * their `title` to the full text).
 *
 * Material's own tooltips (feature `content.tooltips`) are off: they insert the
 * `title` with innerHTML, so a title holding markup would run as HTML. Here the text
 * only ever goes through `textContent`. Shown on hover, on keyboard focus and on a
 * tap on a touch screen (a first tap on a link shows its text, a second follows it);
 * kept inside the viewport; hidden by Escape, by moving away or by tapping elsewhere.
 */
(function () {
  "use strict";

  var tip = null;      // the one tooltip element
  var host = null;     // the element it describes
  var tapped = null;   // a link tapped once on a touch screen (the next tap follows it)
  var lastPointer = "mouse";

  function tooltip() {
    if (!tip) {
      tip = document.createElement("div");
      tip.id = "hb-tooltip";
      tip.className = "hb-tooltip";
      tip.setAttribute("role", "tooltip");
      var style = tip.style;
      style.position = "fixed";
      style.zIndex = "10";
      style.maxWidth = "min(24rem, calc(100vw - 16px))";
      style.padding = "0.4rem 0.6rem";
      style.borderRadius = "0.2rem";
      style.font = "500 0.7rem/1.5 var(--md-text-font-family, sans-serif)";
      style.color = "var(--md-default-bg-color, #fff)";
      style.background = "var(--md-default-fg-color, rgba(0, 0, 0, 0.87))";
      style.boxShadow = "var(--md-shadow-z2, 0 2px 6px rgba(0, 0, 0, 0.3))";
      style.pointerEvents = "none";
      style.whiteSpace = "normal";
      style.overflowWrap = "anywhere";
      style.display = "none";
    }
    if (!tip.isConnected) document.body.appendChild(tip);
    return tip;
  }

  function titled(node) {
    return node && node.closest ? node.closest("[title], [data-hb-title]") : null;
  }

  function show(element) {
    if (host === element) return;
    hide();
    var text = element.getAttribute("title");
    if (text === null) text = element.getAttribute("data-hb-title");
    if (!text || !text.trim()) return;
    host = element;
    // The title moves aside while the tooltip shows, so the browser does not draw its own too.
    element.setAttribute("data-hb-title", text);
    element.removeAttribute("title");
    element.setAttribute("aria-describedby", "hb-tooltip");
    var box = tooltip();
    box.textContent = text;
    box.style.display = "block";
    place(box, element);
  }

  function place(box, element) {
    var margin = 8;
    var target = element.getBoundingClientRect();
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var left = target.left + target.width / 2 - width / 2;
    left = Math.max(margin, Math.min(left, window.innerWidth - width - margin));
    var top = target.bottom + margin;
    if (top + height > window.innerHeight - margin && target.top - height - margin >= margin) {
      top = target.top - height - margin;  // no room below: above the element
    }
    top = Math.max(margin, Math.min(top, window.innerHeight - height - margin));
    box.style.left = left + "px";
    box.style.top = top + "px";
  }

  function hide() {
    if (host) {
      host.setAttribute("title", host.getAttribute("data-hb-title"));
      host.removeAttribute("data-hb-title");
      host.removeAttribute("aria-describedby");
      host = null;
    }
    if (tip) tip.style.display = "none";
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
    if (lastPointer === "touch" && !titled(event.target)) {
      hide();
      tapped = null;
    }
  }, true);

  document.addEventListener("mouseover", function (event) {
    if (lastPointer === "touch") return;
    var element = titled(event.target);
    if (element) show(element);
  });

  document.addEventListener("mouseout", function (event) {
    if (host && lastPointer !== "touch" && !host.contains(event.relatedTarget)) hide();
  });

  document.addEventListener("focusin", function (event) {
    var element = titled(event.target);
    if (element) show(element);
  });

  document.addEventListener("focusout", function () {
    if (lastPointer !== "touch") hide();
  });

  document.addEventListener("click", function (event) {
    if (lastPointer !== "touch") return;
    var element = titled(event.target);
    if (!element) return;
    var link = element.closest("a[href]");
    if (link && tapped === element) {
      tapped = null;
      hide();
      return;  // second tap: follow the link
    }
    if (link) {
      event.preventDefault();
      event.stopPropagation();  // nor does Material's instant navigation (it listens on <body>)
    }
    tapped = link ? element : null;
    if (host === element && !link) {
      hide();
    } else {
      show(element);
    }
  }, true);

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hide();
  });

  function follow() {  // the element moved (scrolling, a new layout): the tooltip moves with it
    if (host && host.isConnected) place(tip, host);
    else hide();
  }

  window.addEventListener("scroll", follow, { capture: true, passive: true });
  window.addEventListener("resize", follow);
})();
