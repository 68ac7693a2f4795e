/*
 * Mermaid on demand: the Mermaid library (3.6 MB) is downloaded only by pages that draw a
 * diagram, also when Material's instant navigation brings such a page in.
 *
 * Material draws every <pre class="mermaid"> with the global `mermaid`, and when that is
 * undefined it fetches Mermaid from unpkg.com (components/content/mermaid in Material's
 * sources), a host an intranet cannot reach. This small file runs on every page
 * (mkdocs.yml extra_javascript) and makes `window.mermaid` a stand-in for the two calls
 * Material makes: initialize() is remembered; the first render() loads the vendored
 * library next to this file (vendor/diagrams/), hands it the remembered settings, and
 * draws once the bundled Thai font is ready (Mermaid sizes each box by measuring its text).
 *
 * Once loaded, the library is `window.mermaid` itself (it makes itself global), with its
 * render() wrapped to record each drawing's aspect ratio on the diagram's host element as
 * --hb-diagram-ratio (and data-hb-tall when it is taller than wide), which print.css uses
 * to print a flowchart whole on one page with its heading.
 */
(function () {
  "use strict"

  var existing = window.mermaid
  if (existing && !(existing instanceof Element)) return  // a page that brings its own Mermaid

  var here = document.currentScript && document.currentScript.src
  var source = new URL("../vendor/diagrams/Mermaid-11.min.js", here || location.href).href
  var settings = []         /* initialize() calls made before the library arrived */
  var library = null        /* Promise of the real Mermaid */

  function loadLibrary() {
    if (library) return library
    library = new Promise(function (resolve, reject) {
      var script = document.createElement("script")
      script.src = source
      script.onload = function () { resolve(window.mermaid) }
      script.onerror = function () { reject(new Error("Mermaid not loaded: " + source)) }
      document.head.appendChild(script)
    }).then(function (real) {
      real.startOnLoad = false  /* Material draws; Mermaid's own page scan must not */
      settings.forEach(function (config) { real.initialize(config) })
      real.render = recordingRatio(real.render.bind(real))
      return real
    })
    return library
  }

  /* Sarabun's Thai and Latin faces, loaded (or failed) before the first measurement */
  function fontsReady() {
    if (!document.fonts || !document.fonts.load) return Promise.resolve()
    return Promise.all([
      document.fonts.load("16px Sarabun", "\u0e01"),
      document.fonts.load("16px Sarabun", "A")
    ]).catch(function () {})
  }

  function aspectRatio(svg) {
    var box = /viewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(svg)
    return box && +box[1] > 0 ? +box[2] / +box[1] : null
  }

  /* render() whose result, once Material has put it in a shadow root, marks the host */
  function recordingRatio(render) {
    return function (id, text, container) {
      return render(id, text, container).then(function (result) {
        var ratio = aspectRatio(result.svg)
        var bind = result.fn  /* what Material calls with the diagram's shadow root */
        return Object.assign({}, result, {
          fn: function (shadow) {
            if (ratio && shadow && shadow.host) {
              shadow.host.style.setProperty("--hb-diagram-ratio", ratio.toFixed(4))
              if (ratio > 1) shadow.host.setAttribute("data-hb-tall", "")  /* printed on a page of its own */
            }
            if (bind) bind(shadow)
          }
        })
      })
    }
  }

  var standIn = {
    initialize: function (config) { settings.push(config) },
    render: function (id, text, container) {
      return Promise.all([loadLibrary(), fontsReady()]).then(function (ready) {
        return ready[0].render(id, text, container)
      })
    }
  }
  window.mermaid = standIn
})()
