/*
 * Diagrams full-screen: a button above each diagram opens it in a viewer that fills
 * the screen, zooms (pinch, mouse wheel, + and − buttons or keys) and pans (drag,
 * arrow keys); Esc or the ✕ button closes it. On a phone a flowchart is too small to
 * read in the page's width; in the viewer it can be read box by box.
 *
 * Material draws each diagram from the text of its <pre class="mermaid"> into a
 * closed shadow root, which no script of the page can reach, and replaces the <pre>
 * once Mermaid has finished (asynchronously). So the source is read here when
 * Material announces the page (document$, also after its instant navigation),
 * before the <pre> is gone, and the viewer has Mermaid draw it again, in the page.
 * Nothing is fetched: it works from a web server and from a folder opened as file://.
 * Mermaid itself is loaded by the theme (mkdocs.yml), not here.
 */
(function () {
  "use strict";

  var MIN_SCALE = 0.2;
  var MAX_SCALE = 8;
  var sources = new WeakMap(); // button -> the diagram's Mermaid source
  var drawn = 0; // ids of the viewer's drawings
  var viewer = null; // the <dialog>, made on first use
  var state = { scale: 1, x: 0, y: 0, width: 0, height: 0 };
  var pointers = new Map(); // pointer id -> last position, while pressed on the stage
  var pinch = null; // {distance, scale} at the start of a two-finger gesture
  var opener = null; // the button that opened the viewer (focus returns to it)

  function addButtons() {
    var blocks = document.querySelectorAll("article pre.mermaid");
    Array.prototype.forEach.call(blocks, function (pre) {
      var before = pre.previousElementSibling;
      if (before && before.classList.contains("hb-diagram-open")) return;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "hb-diagram-open";
      button.setAttribute("aria-haspopup", "dialog");
      button.textContent = "เปิดแผนผังเต็มจอ";
      sources.set(button, pre.textContent);
      button.addEventListener("click", function () { open(button); });
      pre.parentNode.insertBefore(button, pre);
    });
  }

  function makeViewer() {
    var dialog = document.createElement("dialog");
    dialog.className = "hb-viewer";
    dialog.setAttribute("aria-label", "แผนผังเต็มจอ");
    dialog.innerHTML =
      '<div class="hb-viewer-bar">' +
      '<span class="hb-viewer-title"></span>' +
      '<button type="button" data-action="in" aria-label="ขยาย" title="ขยาย">+</button>' +
      '<button type="button" data-action="out" aria-label="ย่อ" title="ย่อ">−</button>' +
      '<button type="button" data-action="fit" title="พอดีจอ">พอดีจอ</button>' +
      '<button type="button" data-action="close" aria-label="ปิด" title="ปิด (Esc)">✕</button>' +
      "</div>" +
      '<div class="hb-viewer-stage" tabindex="0"><div class="hb-viewer-canvas"></div></div>';
    dialog.querySelector(".hb-viewer-bar").addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) return;
      var action = button.getAttribute("data-action");
      if (action === "close") close();
      else if (action === "fit") fit();
      else zoomAtCentre(action === "in" ? 1.5 : 1 / 1.5);
    });
    dialog.addEventListener("close", function () {
      dialog.querySelector(".hb-viewer-canvas").textContent = "";
      document.documentElement.classList.remove("hb-viewer-open");
      if (opener && opener.isConnected) opener.focus();
    });
    var stage = dialog.querySelector(".hb-viewer-stage");
    stage.addEventListener("wheel", onWheel, { passive: false });
    stage.addEventListener("pointerdown", onPointerDown);
    stage.addEventListener("pointermove", onPointerMove);
    stage.addEventListener("pointerup", onPointerUp);
    stage.addEventListener("pointercancel", onPointerUp);
    stage.addEventListener("keydown", onKey);
    document.body.appendChild(dialog);
    return dialog;
  }

  function open(button) {
    if (!window.mermaid) return;
    viewer = viewer && viewer.isConnected ? viewer : makeViewer();
    opener = button;
    var heading = document.querySelector("article h1");
    viewer.querySelector(".hb-viewer-title").textContent =
      heading ? heading.textContent.replace(/¶/g, "").trim() : "";
    var canvas = viewer.querySelector(".hb-viewer-canvas");
    canvas.textContent = "";
    document.documentElement.classList.add("hb-viewer-open");
    viewer.showModal();
    drawn += 1;
    window.mermaid.render("hb-viewer-diagram-" + drawn, sources.get(button)).then(function (result) {
      canvas.innerHTML = result.svg;
      var svg = canvas.querySelector("svg");
      var box = svg.viewBox && svg.viewBox.baseVal;
      state.width = box && box.width ? box.width : svg.getBoundingClientRect().width;
      state.height = box && box.height ? box.height : svg.getBoundingClientRect().height;
      svg.removeAttribute("style"); // Mermaid's max-width: the viewer sets the size
      svg.setAttribute("width", String(state.width));
      svg.setAttribute("height", String(state.height));
      fit();
      viewer.querySelector(".hb-viewer-stage").focus();
    });
  }

  function close() {
    if (viewer && viewer.open) viewer.close();
  }

  function stageSize() {
    var stage = viewer.querySelector(".hb-viewer-stage");
    return { width: stage.clientWidth, height: stage.clientHeight };
  }

  function apply() {
    var canvas = viewer.querySelector(".hb-viewer-canvas");
    canvas.style.transform = "translate(" + state.x + "px, " + state.y + "px) scale(" + state.scale + ")";
    canvas.setAttribute("data-scale", state.scale.toFixed(3));
  }

  // The whole diagram in view; on a phone a tall chart starts at its top, as wide as the screen.
  function fit() {
    if (!state.width || !state.height) return;
    var size = stageSize();
    var byWidth = size.width / state.width;
    var scale = Math.min(byWidth, size.height / state.height);
    if (scale < 0.5 * byWidth) scale = Math.min(byWidth, 1); // too small to read: fit the width instead
    state.scale = clamp(scale);
    state.x = (size.width - state.width * state.scale) / 2;
    state.y = Math.max(0, (size.height - state.height * state.scale) / 2);
    apply();
  }

  function clamp(scale) {
    return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
  }

  // Zoom by a factor, keeping the point (px, py) of the stage where it is.
  function zoomAt(factor, px, py) {
    var scale = clamp(state.scale * factor);
    factor = scale / state.scale;
    state.x = px - (px - state.x) * factor;
    state.y = py - (py - state.y) * factor;
    state.scale = scale;
    apply();
  }

  function zoomAtCentre(factor) {
    var size = stageSize();
    zoomAt(factor, size.width / 2, size.height / 2);
  }

  function stagePoint(event) {
    var rect = viewer.querySelector(".hb-viewer-stage").getBoundingClientRect();
    return { x: event.clientX - rect.left, y: event.clientY - rect.top };
  }

  function onWheel(event) {
    event.preventDefault();
    var point = stagePoint(event);
    zoomAt(Math.pow(1.0015, -event.deltaY), point.x, point.y);
  }

  function onPointerDown(event) {
    event.currentTarget.setPointerCapture(event.pointerId);
    pointers.set(event.pointerId, stagePoint(event));
    if (pointers.size === 2) pinch = { distance: spread(), scale: state.scale };
  }

  function onPointerMove(event) {
    if (!pointers.has(event.pointerId)) return;
    var previous = pointers.get(event.pointerId);
    var point = stagePoint(event);
    pointers.set(event.pointerId, point);
    if (pointers.size === 1) { // drag: pan
      state.x += point.x - previous.x;
      state.y += point.y - previous.y;
      apply();
    } else if (pointers.size === 2 && pinch) { // two fingers: zoom around their middle
      var centre = middle();
      zoomAt(clamp(pinch.scale * spread() / pinch.distance) / state.scale, centre.x, centre.y);
    }
  }

  function onPointerUp(event) {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
  }

  function spread() {
    var points = Array.from(pointers.values());
    return Math.max(1, Math.hypot(points[0].x - points[1].x, points[0].y - points[1].y));
  }

  function middle() {
    var points = Array.from(pointers.values());
    return { x: (points[0].x + points[1].x) / 2, y: (points[0].y + points[1].y) / 2 };
  }

  function onKey(event) {
    var step = 60;
    var moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (event.key === "+" || event.key === "=") zoomAtCentre(1.25);
    else if (event.key === "-") zoomAtCentre(1 / 1.25);
    else if (event.key === "0") fit();
    else if (moves[event.key]) {
      state.x += moves[event.key][0];
      state.y += moves[event.key][1];
      apply();
    } else return;
    event.preventDefault();
  }

  function whenReady(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }

  // Material announces each page it shows (the first, and each after instant navigation).
  // Opened as file://, Material's instant navigation ends that announcement before the
  // first page (it completes document$ without a page): the page is read when it is ready.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    var announced = false;
    window.document$.subscribe({
      next: function () { announced = true; addButtons(); },
      complete: function () { if (!announced) whenReady(addButtons); },
    });
  } else {
    whenReady(addButtons);
  }
})();
