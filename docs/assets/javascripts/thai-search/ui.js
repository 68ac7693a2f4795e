/*
 * Thai search, the page's side: what Material's search box has no place for.
 *
 * Loaded before Material's own script (docs/overrides/main.html), it wraps the
 * page's Worker constructor so that, for the Thai search worker only, it hears
 * the worker's messages beside Material:
 *
 *  - a notice "แสดงผลสำหรับ …" under the count when the query was corrected,
 *    completed or read through a synonym (the worker's `thai.searched`);
 *  - an honest count: "พบ มากกว่า 60 เอกสารที่ตรงกัน" when more pages matched
 *    than are listed;
 *  - a Thai message in the result area when the worker or its index cannot be
 *    loaded, never "กำลังเริ่มต้นการค้นหา" for ever;
 *  - a search on every input event (typing, paste, voice input, the end of an IME
 *    composition): Material reads the box on keyup only;
 *  - the index is loaded when the reader shows an intent to search (the pointer
 *    over the box, focus on it, a touch or click on the search button), not with
 *    every page.
 *
 * A shim that replaces window.Worker (for a site opened from disk) must be
 * loaded before this script. Everything here only adds to Material's search:
 * without it, search works as Material's, with its count and keyup.
 */
(function () {
  "use strict"

  var Native = window.Worker
  if (!Native) return
  var OURS = /\/thai-search\/worker\.js(?:\?|$)/
  var READY = 1, RESULT = 3
  var LOAD = "thai-search:load", STATUS = "thai-search:status"
  var STALLED_MS = 10000

  var TEXT = {
    searched: "แสดงผลสำหรับ",
    more: "มากกว่า",
    loading: "กำลังโหลดข้อมูลสำหรับค้นหา…",
    index: "ค้นหาไม่ได้ในขณะนี้: โหลดข้อมูลสำหรับค้นหาไม่สำเร็จ ลองโหลดหน้านี้ใหม่ หรือแจ้งผู้ดูแลเว็บไซต์",
    worker: "ค้นหาไม่ได้ในขณะนี้: เปิดระบบค้นหาไม่สำเร็จ ลองโหลดหน้านี้ใหม่ หรือแจ้งผู้ดูแลเว็บไซต์",
    stalled: "ระบบค้นหายังไม่พร้อม ลองโหลดหน้านี้ใหม่ หรือแจ้งผู้ดูแลเว็บไซต์",
    query: "ค้นหาคำนี้ไม่สำเร็จ ลองพิมพ์คำค้นใหม่"
  }

  var worker = null, ready = false, failure = null, latest = null, stall = null

  function ThaiSearchWorker(url, options) {
    var instance = options === undefined ? new Native(url) : new Native(url, options)
    if (!worker && OURS.test(String(url))) attach(instance)
    return instance
  }
  ThaiSearchWorker.prototype = Native.prototype
  window.Worker = ThaiSearchWorker

  function $(selector) { return document.querySelector(selector) }

  function translation(key) {
    try {
      return JSON.parse($("#__config").textContent).translations[key] || ""
    } catch (e) {
      return ""
    }
  }

  function attach(instance) {
    worker = instance
    instance.addEventListener("message", function (ev) { received(ev.data || {}) })
    instance.addEventListener("error", function (ev) {
      if (ev && ev.preventDefault) ev.preventDefault()
      fail("worker")
    })
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", listen)
    else listen()
  }

  /* ------------------------------------------------------------ the box */

  function listen() {
    var input = $(".md-search__input")
    if (!input) return
    var load = function () {
      if (worker) worker.postMessage({ type: LOAD })
      if (!ready && !failure && !stall) stall = setTimeout(function () { if (!ready) fail("stalled") }, STALLED_MS)
    }
    input.addEventListener("focus", load)
    var form = $(".md-search__form")
    if (form) form.addEventListener("pointerenter", load)  /* a mouse on its way to the box */
    var button = $("label[for='__search']")
    if (button) {
      button.addEventListener("pointerdown", load)
      button.addEventListener("touchstart", load, { passive: true })
    }
    if (document.activeElement === input) load()
    /* Material reads the box on keyup: tell it about every other change */
    var poke = function () {
      input.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }))
    }
    input.addEventListener("input", function (ev) { if (!ev.isComposing) poke() })
    input.addEventListener("compositionend", poke)
  }

  /* ------------------------------------------------------------ messages */

  function received(message) {
    if (message.type === READY) {
      ready = true
      if (stall) { clearTimeout(stall); stall = null }
      if (failure === "stalled") failure = null  /* late, but there */
    } else if (message.type === STATUS) {
      var status = message.data || {}
      if (status.state === "error") failure = failure || "index"
      else if (status.state === "loading") later(function () { meta(TEXT.loading) })
    } else if (message.type === RESULT) {
      latest = (message.data && message.data.thai) || {}
      if (latest.error) failure = latest.error === "query" ? null : latest.error
      later(show)  /* after Material has drawn the same result */
    }
  }

  function later(fn) { setTimeout(fn, 0) }

  function fail(why) {
    failure = failure || why
    later(show)
  }

  /* ------------------------------------------------------------ drawing */

  function meta(text) {
    var el = $(".md-search-result__meta")
    if (el && el.textContent !== text) el.textContent = text
    return el
  }

  function show() {
    var thai = latest || {}
    var why = failure || (thai.error === "query" ? "query" : null)
    if (why) {
      var el = meta(TEXT[why] || TEXT.index)
      if (el) el.setAttribute("role", "alert")
      notice(null)
      return
    }
    var input = $(".md-search__input")
    if (!input || !input.value.trim()) { notice(null); return }
    if (thai.total > thai.shown) {
      var other = translation("search.result.other") || "#"
      meta(other.replace("#", TEXT.more + " " + thai.shown))
    }
    notice(thai.searched || null)
  }

  /* "แสดงผลสำหรับ <strong>ประเมินคุณภาพภายนอก</strong>": built from text nodes */
  function notice(parts) {
    var el = $(".thai-search-notice")
    if (!parts || !parts.length) {
      if (el) el.hidden = true
      return
    }
    var anchor = $(".md-search-result__meta")
    if (!anchor) return
    if (!el) {
      el = document.createElement("div")
      el.className = "thai-search-notice"
      el.setAttribute("role", "status")
      /* Material's own count line, a line lower */
      var look = getComputedStyle(anchor)
      el.style.cssText = "padding:0 " + look.paddingRight + " .4rem " + look.paddingLeft + ";font-size:" +
        look.fontSize + ";color:" + look.color + ";background-color:" + look.backgroundColor
      anchor.parentNode.insertBefore(el, anchor.nextSibling)
    }
    el.hidden = false
    el.textContent = TEXT.searched + " "
    parts.forEach(function (part) {
      if (part.changed) {
        var strong = document.createElement("strong")
        strong.textContent = part.text
        el.appendChild(strong)
      } else {
        el.appendChild(document.createTextNode(part.text))
      }
    })
  }
})()
