/*
 * The reader's side of the handbook's pages: what depends on the reader, not on the
 * build.
 *
 *  - The month the reader is in, by the reader's clock: the month buttons of a
 *    role's page, the calendar and the home page carry data-hb-month (the fiscal
 *    month, 1 = ต.ค. … 12 = ก.ย.); the current one is marked (class hb-now,
 *    aria-current), so is the section it links to, and elements marked
 *    data-hb-month-only are shown for the current month only (the home page's
 *    "this month").
 *  - The search field in a page (form.hb-search): what is typed there goes to the
 *    site's own search box (Material's, with the Thai search worker). Without this
 *    script the form opens the home page with ?q=, which Material's search reads.
 *
 * Material swaps pages without reloading them (instant navigation): everything is
 * set up again for each page it shows (document$). Opened from disk (file://),
 * Material shows pages the ordinary way: each is set up when it has loaded.
 */
(function () {
  "use strict"

  /* 1 = October … 12 = September: the Thai fiscal year, as the pages number it */
  function fiscalMonth(date) {
    return (date.getMonth() + 3) % 12 + 1
  }

  function markCurrentMonth() {
    var now = String(fiscalMonth(new Date()))
    document.querySelectorAll("[data-hb-month]").forEach(function (element) {
      var current = element.getAttribute("data-hb-month") === now
      element.classList.toggle("hb-now", current)
      if (element.hasAttribute("data-hb-month-only")) element.hidden = !current
      if (element.tagName !== "A") return
      if (current) element.setAttribute("aria-current", "date")
      else element.removeAttribute("aria-current")
      /* the section a button of this page leads to (#month-N); Material makes
         the links absolute for its instant navigation */
      if (element.hash && element.href.split("#")[0] === location.href.split("#")[0]) {
        var section = document.getElementById(decodeURIComponent(element.hash.slice(1)))
        if (section) section.classList.toggle("hb-now", current)
      }
    })
  }

  /* Material's search box: focusing it opens the search; its results follow the
     input events (thai-search/ui.js) */
  function handOver(field) {
    var box = document.querySelector(".md-search__input")
    if (!box) return false
    var text = field.value
    field.value = ""
    box.focus()
    if (text) {
      box.value = text
      box.dispatchEvent(new Event("input", { bubbles: true }))
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    }
    return true
  }

  function searchFields() {
    document.querySelectorAll("form.hb-search").forEach(function (form) {
      if (form.hbReady) return
      form.hbReady = true
      var field = form.querySelector("input[name=q]")
      if (!field) return
      form.addEventListener("submit", function (event) {
        if (handOver(field)) event.preventDefault()
      })
      /* typing starts in the page's field and goes on in the search box */
      field.addEventListener("input", function () { handOver(field) })
      field.addEventListener("focus", function () { handOver(field) })
    })
  }

  function setUp() {
    markCurrentMonth()
    searchFields()
  }

  /* The page as loaded, then every page instant navigation shows. Material's
     document$ announces both over http, but completes without a word on a copy
     opened from disk (no instant navigation there): hence both. Setting up twice
     does no harm. */
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp)
  else setUp()
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(setUp)
})()
