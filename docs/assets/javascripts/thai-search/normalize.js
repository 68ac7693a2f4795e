/*
 * Text normalisation of the Thai search, the browser's copy of
 * hooks/thai_search/normalize.py: the same rules, the same character classes
 * (tests/test_search_worker.py runs both on random strings and compares them).
 *
 *  - normalize: NFC, zero-width characters removed, "ํา" -> "ำ", Thai digits ->
 *    Arabic digits, lower case;
 *  - spaceless: normalize, then every separator removed (spaces, dashes,
 *    slashes, punctuation, brackets of every kind); words are never dropped;
 *  - spacelessDisplayed: the same for text already put through the build's
 *    display_text (what the index ships), faster.
 *
 * Loaded by the worker (importScripts) and by the property test's bare page.
 */
(function (root) {
  "use strict"

  var ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g
  var SPACES = " \\t\\n\\r\\f\\v\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000"
  var SEPARATORS = SPACES +
    "\\-\\u2010-\\u2015/\\\\,.:;!?\"'\\u2018\\u2019\\u201c\\u201d()\\[\\]{}<>\\u00b7\\u2022|"
  var SPACE = new RegExp("[" + SPACES + "]+", "g")
  var SEPARATOR = new RegExp("[" + SEPARATORS + "]+", "g")
  var THAI_DIGIT = /[\u0e50-\u0e59]/g
  var THAI_DOTS = /([\u0e01-\u0e4e])\.+/g

  function normalize(value) {
    return String(value).normalize("NFC")
      .replace(ZERO_WIDTH, "")
      .replace(/\u0e4d\u0e32/g, "\u0e33")
      .replace(THAI_DIGIT, function (d) { return String(d.charCodeAt(0) - 0x0e50) })
      .toLowerCase()
  }

  function spaceless(value) {
    return normalize(value).replace(SEPARATOR, "")
  }

  /* spaceless() of text the build already put through display_text() (NFC, no
     zero-width characters, "ำ" whole): the same result, without redoing those */
  function spacelessDisplayed(value) {
    return String(value)
      .replace(THAI_DIGIT, function (d) { return String(d.charCodeAt(0) - 0x0e50) })
      .toLowerCase()
      .replace(SEPARATOR, "")
  }

  /* Abbreviation dots after Thai letters removed: ก.ต.ป.น. -> กตปน */
  function withoutThaiDots(value) {
    return value.replace(THAI_DOTS, "$1")
  }

  function collapseSpaces(value) {
    return String(value).replace(SPACE, " ").trim()
  }

  var api = {
    normalize: normalize,
    spaceless: spaceless,
    spacelessDisplayed: spacelessDisplayed,
    withoutThaiDots: withoutThaiDots,
    collapseSpaces: collapseSpaces,
    SPACES: SPACES
  }
  root.ThaiText = api
  if (typeof module === "object" && module.exports) module.exports = api
})(typeof self !== "undefined" ? self : this)
