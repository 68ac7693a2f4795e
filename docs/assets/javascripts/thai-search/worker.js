/*
 * Thai search worker for Material for MkDocs.
 *
 * Speaks Material's search-worker protocol (SETUP -> READY, QUERY -> RESULT),
 * so Material's search box, result list and suggestions stay as they are; the
 * page script ui.js (loaded before Material's) adds what Material has no place
 * for: the "แสดงผลสำหรับ …" notice, an honest count, a Thai message when the
 * index cannot be loaded, and a search on every input event.
 *
 *  - The index is built at build time (hooks/thai_search: PyThaiNLP segmentation
 *    with the handbook's vocabulary, lunr.py's BM25 field vectors) and comes as
 *    one file, search/thai_index.json (see loadIndexData). It is fetched when the
 *    reader shows an intent to search (ui.js sends LOAD when the search box gets
 *    focus) or at the first query, not with every page.
 *  - READY is answered at once; a query that arrives while the index loads is
 *    answered when it is there; if it cannot be loaded every query is answered
 *    with no results and `thai.error`, which ui.js shows in Thai.
 *  - Queries are normalised like the index (normalize.js), Thai runs segmented
 *    by maximal matching against the index's own vocabulary, the last word
 *    completed, unknown stretches corrected by one edit.
 *  - Questions (hooks/thai_search/questions.py for the words): question words and
 *    particles never decide the order; a role's duties rank its page first; a
 *    month ranks its month section (anchor month-N) first: the named role's if
 *    its page has one, else the calendar's; "who is responsible for X" ranks X.
 *  - Synonyms (processes/synonyms.yaml) are read as what they stand for.
 *  - Ranking, per page: coverage of the query's words first, then where its
 *    rarer words sit (page title, heading), exact or near phrases, then BM25.
 *    Pages whose Material `search.boost` is below 1 (errata) are ranked down.
 *
 * Text from the index is plain text, escaped here; only <mark> and <p> are
 * ever added.
 */
"use strict"

/* global ThaiText */
var MARKS = {}
function mark(name) { MARKS[name] = performance.timeOrigin + performance.now() }
mark("worker script started")

/* Opened from disk (the offline copy, file://), this file runs in an iframe through the
   iframe-worker shim (assets/javascripts/vendor/iframe-worker/): its address is its
   <script>'s, and importScripts() returns a Promise (it is synchronous in a real worker). */
var workerUrl = self.document && document.currentScript ? document.currentScript.src : self.location.href
var T = null
var textImported = importScripts(new URL("normalize.js" + new URL(workerUrl).search, workerUrl).href)
if (!textImported) T = self.ThaiText  /* a real worker: loaded already */
var textReady = Promise.resolve(textImported).then(function () { T = self.ThaiText })

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
var LOAD = "thai-search:load"            /* from ui.js: the reader is about to search */
var STATUS = "thai-search:status"        /* to ui.js: loading / ready / error */
var TIMING = "thai-search:timing"        /* to ui.js and the benchmark */
var MAX_QUERY = 200          /* characters of a query that are looked at */
var MAX_PAGES = 60           /* pages returned (the count says "more than" beyond) */
var MAX_TERM = 48            /* longest vocabulary term tried while segmenting */
var SHORT = 3                /* Thai words this short are highlighted only as whole words */

/* ------------------------------------------------------------------ index data */

/*
 * Where the index comes from: the only place that knows. A transport that
 * cannot fetch defines self.__thai_index, the same object as
 * search/thai_index.json, before this function runs; a site opened from disk
 * (file://) runs search/thai_index.js, written by the offline build, which
 * defines it; otherwise it is fetched next to the site's root, three levels
 * above this file.
 */
function loadIndexData() {
  if (self.__thai_index) return Promise.resolve(self.__thai_index)
  if (new URL(workerUrl).protocol === "file:") {  /* from disk fetch() is refused: the offline build's script */
    return Promise.resolve(importScripts(new URL("../../../search/thai_index.js", workerUrl).href))
      .then(function () {
        if (!self.__thai_index) throw new Error("search/thai_index.js did not define __thai_index")
        return self.__thai_index
      })
  }
  var url = new URL("../../../search/thai_index.json", workerUrl).href
  return fetch(url, { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status + " " + url)
      return response.text()
    })
    .then(function (body) {
      mark("index downloaded")
      return JSON.parse(body)
    })
}

var state = null, loading = null, loadError = null, pending = null, options = {}

function load() {
  if (loading) return loading
  mark("index requested")
  loading = textReady.then(loadIndexData)
    .then(function (data) {
      mark("index parsed")
      state = setup(data)
      mark("index ready")
      postMessage({ type: STATUS, data: { state: "ready" } })
      postTiming()
    })
    .catch(function (error) {
      loadError = error
      console.warn("Thai search: index not loaded", error)
      postMessage({ type: STATUS, data: { state: "error", detail: String(error && error.message || error) } })
    })
    .then(function () {
      if (pending !== null) {
        var query = pending
        pending = null
        answer(query)
      }
    })
  return loading
}

function postTiming() {
  var resources = []
  try {
    resources = performance.getEntriesByType("resource").map(function (r) {
      return { name: r.name, start: performance.timeOrigin + r.startTime,
        end: performance.timeOrigin + r.responseEnd, bytes: r.encodedBodySize }
    })
  } catch (e) { /* no resource timing here */ }
  postMessage({ type: TIMING, data: { marks: MARKS, resources: resources } })
}

/* ------------------------------------------------------------------ set-up */

function setup(data) {
  if (!data || data.v !== 2 || !Array.isArray(data.docs) || !Array.isArray(data.terms))
    throw new Error("unexpected index format")
  var docs = data.docs, terms = data.terms, scale = data.scale || 100
  var n = docs.length

  /* documents: display text and spaceless forms for phrase checks */
  var items = new Array(n), pages = new Map()
  for (var d = 0; d < n; d++) {
    var row = docs[d], location = row[0], hash = location.indexOf("#")
    var path = hash < 0 ? location : location.slice(0, hash)
    var item = {
      n: d, location: location, path: path, anchor: hash < 0 ? "" : location.slice(hash + 1),
      title: row[1], text: row[2] || "", boost: row.length > 3 ? row[3] : 1,
      titleKey: T.spacelessDisplayed(row[1]), textKey: T.spacelessDisplayed(row[2] || ""),
      titleBare: T.spacelessDisplayed(row[1].replace(/\([^()]*\)/g, " ")), article: null
    }
    items[d] = item
    if (!pages.has(path) || (hash < 0 && pages.get(path).anchor)) pages.set(path, item)
  }
  items.forEach(function (it) { it.article = pages.get(it.path) })
  var corpus = items.map(function (it) { return it.titleKey + "\u0001" + it.textKey }).join("\u0001")

  /* postings: term -> [doc, score, doc, score, …] per field */
  var fieldNames = Object.keys(data.fields || { title: 10, text: 1 })
  var postings = fieldNames.map(function () { return new Array(terms.length) })
  for (var v = 0; v < n; v++) {
    var vector = data.vectors[v] || []
    for (var f = 0; f < fieldNames.length; f++) {
      var flat = vector[f] || [], term = 0
      for (var i = 0; i < flat.length; i += 2) {
        term += flat[i]
        var list = postings[f][term] || (postings[f][term] = [])
        list.push(v, flat[i + 1] / scale)
      }
    }
  }
  var termIndex = new Map()
  var byLength = []
  for (var t = 0; t < terms.length; t++) {
    termIndex.set(terms[t], t)
    var len = terms[t].length
    ;(byLength[len] || (byLength[len] = [])).push(terms[t])
  }

  var words = data.words || {}
  var vocab = new Set(terms)
  function addAll(list) { (list || []).forEach(function (w) { vocab.add(w) }) }
  addAll(words.question); addAll(words.frame); addAll(words.duty); addAll(words.who); addAll(words.month)

  var months = new Map()
  ;(words.months || []).forEach(function (names, i) {
    names.forEach(function (name) { months.set(name, i + 1); vocab.add(name) })
  })

  var synonyms = new Map()
  ;(data.synonyms || []).forEach(function (pair) {
    synonyms.set(pair[0], pair[1])
    synonyms.set(pair[1], pair[0])
  })
  var aliases = new Map()
  ;(data.aliases || []).forEach(function (row) {
    aliases.set(row[0], { target: row[1], word: row[2] })
    if (!/[a-z0-9]/.test(row[0])) vocab.add(row[0])
  })

  /* roles: every way of writing them -> role; own names apart from variants */
  var roles = [], roleKeys = new Map(), rolePages = new Set()
  ;(data.roles || []).forEach(function (row, i) {
    var role = { page: row[0] >= 0 ? items[row[0]].path : null, keys: row[1].concat(row[2] || []) }
    roles.push(role)
    if (role.page) rolePages.add(role.page)
    row[1].forEach(function (k) { roleKeys.set(k, { role: i, own: true }) })
    ;(row[2] || []).forEach(function (k) { if (!roleKeys.has(k)) roleKeys.set(k, { role: i, own: false }) })
  })

  /* month sections, by page: what is indexed, not page names */
  var monthSections = new Map()
  items.forEach(function (it) {
    var m = /^month-(\d{1,2})$/.exec(it.anchor)
    if (!m) return
    if (!monthSections.has(it.path)) monthSections.set(it.path, [])
    monthSections.get(it.path)[+m[1]] = it.n
  })
  /* the calendar: the page with month sections that is no role's page */
  var calendar = null
  monthSections.forEach(function (sections, path) {
    if (rolePages.has(path)) return
    var count = sections.filter(function (x) { return x !== undefined }).length
    if (!calendar || count > calendar.count) calendar = { path: path, count: count }
  })
  /* pages whose sections say who does each step */
  var stepPages = new Set()
  items.forEach(function (it) { if (it.anchor === "steps") stepPages.add(it.path) })

  function set(list) { return new Set(list || []) }
  return {
    items: items, terms: terms, termIndex: termIndex, byLength: byLength, postings: postings,
    fieldNames: fieldNames, vocab: vocab, corpus: corpus, docCount: n,
    stop: set(data.stopwords), question: set(words.question), frame: set(words.frame),
    duty: set(words.duty), who: set(words.who), whoVerb: set(words.whoVerb),
    whoWhat: words.whoWhat || [], monthWords: set(words.month), months: months,
    synonyms: synonyms, aliases: aliases, roles: roles, roleKeys: roleKeys,
    monthSections: monthSections, calendar: calendar ? calendar.path : null, stepPages: stepPages,
    containers: new Map()  /* short word -> vocabulary words around it (highlighting) */
  }
}

/* ------------------------------------------------------------------ words */

/* Query tokens, mirroring hooks/thai_search/segment.py */
var SCAN = /([a-z0-9]+(?:[.\-/&'\u2019][a-z0-9]+)*)|([\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]+)/g
var JUNK = /^[\u0e2f\u0e46\u0e30-\u0e3a\u0e47-\u0e4e]*$/
var THAI = /[\u0e01-\u0e4e]/

function latinKey(value) {
  var parts = value.split(/[.\-/&'\u2019]+/).filter(Boolean)
  if (parts.length <= 1) return value
  return /[a-z]/.test(value) ? parts.join("") : value
}

function hasPrefix(prefix) {
  var terms = state.terms, lo = 0, hi = terms.length
  while (lo < hi) {
    var mid = (lo + hi) >> 1
    if (terms[mid] < prefix) lo = mid + 1; else hi = mid
  }
  return lo < terms.length && terms[lo].lastIndexOf(prefix, 0) === 0 ? lo : -1
}

function completions(prefix, limit) {
  var out = [], at = hasPrefix(prefix)
  if (at < 0) return out
  for (var i = at; i < state.terms.length && out.length < limit; i++) {
    if (state.terms[i].lastIndexOf(prefix, 0) !== 0) break
    if (state.terms[i] !== prefix) out.push(state.terms[i])
  }
  return out
}

/* One edit apart (insertion, deletion, substitution or a swap of neighbours) */
function oneEdit(a, b) {
  var la = a.length, lb = b.length
  if (Math.abs(la - lb) > 1 || a === b) return false
  var i = 0
  while (i < la && i < lb && a[i] === b[i]) i++
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1)
}

/* Index terms one edit away from a word of four characters or more (never a
   function word: "สี่" is no typo of "ที่") */
function fuzzyTerms(word) {
  var out = []
  if (word.length < 4) return out
  for (var len = word.length - 1; len <= word.length + 1; len++) {
    var bucket = state.byLength[len] || []
    for (var i = 0; i < bucket.length && out.length < 12; i++)
      if (oneEdit(word, bucket[i]) && !state.stop.has(bucket[i])) out.push(bucket[i])
  }
  return out
}

/* Index terms that contain a word (a word inside a longer compound) */
function containing(word) {
  var out = []
  if (word.length < 2) return out
  for (var t = 0; t < state.terms.length && out.length < 40; t++)
    if (state.terms[t].indexOf(word) > 0) out.push(state.terms[t])
  return out
}

/* Fewest-words segmentation of a Thai run against the vocabulary.
   Returns [{text, start, known, prefix}] (start relative to the run). */
function segmentThai(run, last) {
  var n = run.length, vocab = state.vocab
  var cost = new Float64Array(n + 1).fill(Infinity), back = new Int32Array(n + 1), kind = new Int8Array(n + 1)
  cost[0] = 0
  for (var i = 0; i < n; i++) {
    if (cost[i] === Infinity) continue
    var limit = Math.min(n, i + MAX_TERM)
    for (var j = i + 1; j <= limit; j++) {
      var w = run.slice(i, j), c = -1, k = 0
      if (vocab.has(w) && (w.length > 1 || n === 1)) { c = 1; k = 1 }
      else if (last && j === n && j - i >= 2 && hasPrefix(w) >= 0) { c = 1.6; k = 2 }
      if (c > 0 && cost[i] + c < cost[j]) { cost[j] = cost[i] + c; back[j] = i; kind[j] = k }
    }
    if (cost[i] + 4 < cost[i + 1]) { cost[i + 1] = cost[i] + 4; back[i + 1] = i; kind[i + 1] = 0 }
  }
  var out = []
  for (var e = n; e > 0; e = back[e])
    out.push({ text: run.slice(back[e], e), start: back[e], known: kind[e] > 0, prefix: kind[e] === 2 })
  out.reverse()
  /* merge unknown characters into runs */
  var merged = []
  for (var m = 0; m < out.length; m++) {
    var prev = merged[merged.length - 1]
    if (!out[m].known && prev && !prev.known) prev.text += out[m].text
    else merged.push(out[m])
  }
  return merged
}

/* ------------------------------------------------------------------ query */

/* The query normalised like the index, with where each character came from in
   what the reader typed (to show what was searched in the reader's own words). */
function normalizeQuery(raw) {
  var text = T.withoutThaiDots(T.normalize(raw))
  var from = [], out = "", prevThai = false
  for (var i = 0; i < raw.length; i++) {
    var ch = raw[i]
    if (/[\u200b\u200c\u200d\u2060\ufeff\u00ad]/.test(ch)) continue
    if (ch === "\u0e4d" && raw[i + 1] === "\u0e32") { out += "\u0e33"; from.push(i); i++; prevThai = true; continue }
    if (ch === "." && prevThai) continue
    var low = /[\u0e50-\u0e59]/.test(ch) ? String(ch.charCodeAt(0) - 0x0e50) : ch.toLowerCase()
    for (var k = 0; k < low.length; k++) from.push(i)
    out += low
    prevThai = /[\u0e01-\u0e4e]/.test(ch)
  }
  return { text: text, from: out === text ? from : null }
}

/* The words of a query, in order: Thai segments and Latin/number tokens, each
   with its place in the normalised query. */
function queryWords(q) {
  var words = [], runs = [], match
  SCAN.lastIndex = 0
  var end = q.replace(/\s+$/, "").length
  while ((match = SCAN.exec(q)) !== null) runs.push(match)
  runs.forEach(function (m, index) {
    var isLast = index === runs.length - 1 && m.index + m[0].length === end && !/\s$/.test(q)
    if (m[1]) {
      words.push({ text: latinKey(m[1]), start: m.index, end: m.index + m[1].length, run: index,
        latin: true, number: /^[0-9]+$/.test(m[1]), known: state.termIndex.has(latinKey(m[1])), last: isLast })
      return
    }
    var segs = segmentThai(m[2], isLast)
    segs.forEach(function (s, si) {
      if (JUNK.test(s.text)) return
      words.push({ text: s.text, start: m.index + s.start, end: m.index + s.start + s.text.length, run: index,
        known: s.known, prefix: s.prefix, last: isLast && si === segs.length - 1 })
    })
  })
  return words
}

/* Synonyms of the registry: the longest run of up to four words that is a key */
function applyAliases(words) {
  var out = [], changes = []
  for (var i = 0; i < words.length; i++) {
    var found = null, key = ""
    for (var j = i; j < Math.min(words.length, i + 4); j++) {
      key += words[j].text
      if (state.aliases.has(key)) found = { end: j, alias: state.aliases.get(key) }
    }
    if (!found) { out.push(words[i]); continue }
    var first = words[i], lastWord = words[found.end]
    var target = T.withoutThaiDots(T.normalize(found.alias.target))
    var targetWords = targetWordsOf(target)
    targetWords.forEach(function (w, k) {
      w.start = first.start; w.end = lastWord.end; w.alias = found.alias.word
      /* the word as typed still finds a page that uses it */
      if (k === 0) w.also = aliasKey(words, i, found.end)
      out.push(w)
    })
    changes.push({ start: first.start, end: lastWord.end, text: found.alias.target })
    i = found.end
  }
  return { words: out, changes: changes }
}

function aliasKey(words, from, to) {
  var key = ""
  for (var k = from; k <= to; k++) key += words[k].text
  return key
}

function targetWordsOf(text) {
  var out = [], match
  var scan = new RegExp(SCAN.source, "g")
  while ((match = scan.exec(text)) !== null) {
    if (match[1]) out.push({ text: latinKey(match[1]), latin: true, known: state.termIndex.has(latinKey(match[1])) })
    else segmentThai(match[2], false).forEach(function (s) {
      if (!JUNK.test(s.text)) out.push({ text: s.text, known: s.known })
    })
  }
  return out
}

/* A stretch of Thai that occurs nowhere in the handbook: find one edit, inside a
   window of up to three words (or of the pieces a typo made of one word), that
   makes it occur. Longest windows first. */
function correctStretch(texts) {
  var windows = []
  for (var a = 0; a < texts.length; a++)
    for (var b = a + 1; b <= Math.min(texts.length, a + 6); b++) {
      var span = texts.slice(a, b).join("")
      /* up to three words, or more when a typo broke a word into pieces */
      if (span.length >= 4 && span.length <= 24 && (b - a <= 3 || span.length <= 3 * (b - a))) windows.push([a, b, span])
    }
  windows.sort(function (x, y) { return y[2].length - x[2].length })
  for (var w = 0; w < windows.length && w < 12; w++) {
    var found = fuzzyTerms(windows[w][2])
    for (var f = 0; f < found.length; f++) {
      var candidate = texts.slice(0, windows[w][0]).join("") + found[f] + texts.slice(windows[w][1]).join("")
      if (state.corpus.indexOf(candidate) >= 0) return candidate
    }
  }
  return null
}

/* Unknown stretches left: one-edit matches on the stretch with its neighbours */
function repairUnknown(words) {
  for (var i = 0; i < words.length; i++) {
    if (words[i].known || words[i].latin || words[i].kind || words[i].alias) continue
    var spans = [[i - 1, i + 2], [i - 2, i + 1], [i, i + 3], [i - 1, i + 1], [i, i + 2], [i, i + 1]]
    for (var c = 0; c < spans.length; c++) {
      var a = spans[c][0], b = spans[c][1]
      if (a < 0 || b > words.length) continue
      var part = words.slice(a, b)
      if (part.some(function (w) { return w.latin || w.run !== words[i].run || w.kind })) continue
      var text = part.map(function (w) { return w.text }).join("")
      var found = fuzzyTerms(text)
      if (found.length) {
        words.splice(a, b - a, { text: text, start: part[0].start, end: part[part.length - 1].end, run: part[0].run,
          known: true, fuzzy: found.slice(0, 8) })
        i = a
        break
      }
    }
  }
  return words
}

/* What each word does in the question: month, year, question word, frame… */
function classify(words) {
  var info = { month: 0, question: false, who: false, duty: false }
  words.forEach(function (w, i) {
    if (state.months.has(w.text) && !w.alias) { w.kind = "month"; info.month = state.months.get(w.text) }
  })
  words.forEach(function (w, i) {
    if (w.kind) return
    if (state.who.has(w.text)) { w.kind = "who"; info.who = true; info.question = true }
    else if (state.question.has(w.text)) { w.kind = "question"; info.question = true }
  })
  if (info.month) words.forEach(function (w, i) {
    if (w.kind) return
    var prev = words[i - 1]
    var year = w.number && (/^(2[4-6]\d\d|19\d\d|20\d\d)$/.test(w.text) ||
      (/^\d\d$/.test(w.text) && prev && prev.kind === "month"))
    if (year) w.kind = "year"
    else if (state.monthWords.has(w.text)) w.kind = "frame"
  })
  var framed = info.question || info.who || info.month
  words.forEach(function (w) {
    if (w.kind) return
    if (state.duty.has(w.text)) { w.duty = true; info.duty = info.duty || state.duty.has(w.text) }
    if (framed && state.frame.has(w.text)) w.kind = "frame"
    if (info.who && state.whoVerb.has(w.text)) w.kind = "frame"
  })
  return info
}

/* The role a run of content words names (longest key), if any */
function findRole(words) {
  var best = null
  for (var i = 0; i < words.length; i++) {
    var key = ""
    for (var j = i; j < words.length && j < i + 8; j++) {
      key += words[j].text
      var hit = state.roleKeys.get(key)
      if (hit && (!best || key.length > best.length)) best = { role: hit.role, own: hit.own, from: i, to: j, length: key.length }
    }
  }
  return best
}

function parseQuery(query) {
  var raw = String(query || "").slice(0, MAX_QUERY).normalize("NFC")
  var norm = normalizeQuery(raw)
  var q = norm.text
  var words = queryWords(q)
  var aliased = applyAliases(words)
  words = aliased.words
  var changes = aliased.changes.slice()
  var info = classify(words)

  /* typos: stretches of content words of one Thai run that occur nowhere */
  var stretch = []
  function flush() {
    if (stretch.length) {
      var texts = stretch.map(function (w) { return w.text })
      var joined = texts.join("")
      if (joined.length >= 4 && state.corpus.indexOf(joined) < 0) {
        var fixed = correctStretch(texts)
        if (fixed) {
          var first = stretch[0], lastWord = stretch[stretch.length - 1]
          var at = words.indexOf(first)
          var fresh = segmentThai(fixed, false).filter(function (s) { return !JUNK.test(s.text) })
            .map(function (s) { return { text: s.text, start: first.start, end: lastWord.end, run: first.run, known: s.known, corrected: true } })
          words.splice.apply(words, [at, stretch.length].concat(fresh))
          changes.push({ start: first.start, end: lastWord.end, text: fixed })
        }
      }
    }
    stretch = []
  }
  words.slice().forEach(function (w) {
    var joins = stretch.length && stretch[stretch.length - 1].run === w.run
    if (!w.kind && !w.latin && !w.alias && (!stretch.length || joins)) stretch.push(w)
    else { flush(); if (!w.kind && !w.latin && !w.alias) stretch.push(w) }
  })
  flush()
  words = repairUnknown(words)

  /* content: what the query is about */
  var content = words.filter(function (w) { return !w.kind })
  var role = findRole(content)
  var rest = content.filter(function (w, i) {
    if (role && i >= role.from && i <= role.to) return false
    return !state.stop.has(w.text) && !state.frame.has(w.text) && !w.duty
  })
  var intent = { month: info.month, role: null, who: false, whoWhat: false }
  if (role && rest.length === 0 && (info.question || info.duty || info.month || info.who))
    intent.role = state.roles[role.role]
  if (info.who && !intent.role) {
    /* "ใครทำอะไร(ในแต่ละกระบวนงาน)": nothing named but roles and processes */
    var left = content.filter(function (w) { return !state.stop.has(w.text) && !state.frame.has(w.text) })
      .map(function (w) { return w.text }).join("")
    state.whoWhat.forEach(function (key) { left = left.split(key).join("") })
    state.duty.forEach(function (key) { left = left.split(key).join("") })
    if (!left) intent.whoWhat = true
    else intent.who = true
  }

  /* groups: one per distinct content word (function words hardly count) */
  var groups = [], seen = new Map()
  function addGroup(w, weight) {
    if (seen.has(w.text)) return
    var g = {
      term: w.text, word: w, alts: w.fuzzy || (w.also ? [w.text, w.also] : [w.text]), fuzzy: !!w.fuzzy, latin: !!w.latin,
      prefix: !!(w.prefix || (w.last && !w.known)), last: !!w.last, month: w.kind === "month",
      stop: state.stop.has(w.text), weight: weight
    }
    seen.set(w.text, g)
    groups.push(g)
  }
  if (intent.whoWhat) state.whoWhat.forEach(function (text) { addGroup({ text: text, known: true }, 1) })
  content.forEach(function (w) {
    if (intent.whoWhat) return
    /* "หน้าที่", "รับผิดชอบ": the question's frame once a role or "who" is asked */
    if (w.duty && (intent.role || intent.who)) return
    addGroup(w, w.duty && (info.question || info.who) ? 0.3 : 1)
  })
  /* the month itself: pages that name it come after its section */
  words.forEach(function (w) { if (w.kind === "month") addGroup(w, 1) })
  if (!groups.length) words.forEach(function (w) { if (w.kind !== "year") addGroup(w, 1) })
  var contentCount = groups.filter(function (g) { return !g.stop }).length
  groups.forEach(function (g) { if (g.stop && contentCount) g.weight = 0.08 })

  /* the phrase: the content words as typed together, and with abbreviations expanded */
  var phraseWords = content.filter(function (w) { return !intent.whoWhat })
  var phrase = phraseWords.map(function (w) { return w.text }).join("")
  var phrases = [phrase]
  var expanded = phraseWords.map(function (w) { return state.synonyms.get(w.text) || w.text }).join("")
  if (expanded !== phrase) phrases.push(expanded)

  return { groups: groups, phrase: phrase, phrases: phrases, raw: raw, norm: norm, words: words,
    changes: changes, intent: intent }
}

/* ------------------------------------------------------------------ matching */

/* Scores of one group: Map(doc -> {score, terms}) */
function runGroup(forms) {
  var hits = new Map()
  for (var a = 0; a < forms.length; a++) {
    var t = state.termIndex.get(forms[a].term)
    if (t === undefined) continue
    for (var f = 0; f < state.fieldNames.length; f++) {
      var list = state.postings[f][t]
      if (!list) continue
      for (var i = 0; i < list.length; i += 2) {
        var doc = list[i], hit = hits.get(doc)
        if (!hit) hits.set(doc, hit = { score: 0, terms: new Set() })
        hit.score += forms[a].boost * list[i + 1]
        hit.terms.add(forms[a].term)
      }
    }
  }
  return hits
}

function matchGroup(g) {
  var forms = []
  g.alts.forEach(function (alt) {
    forms.push({ term: alt, boost: g.fuzzy ? 1 : 3 })
    var syn = state.synonyms.get(alt)
    if (syn) forms.push({ term: syn, boost: 3 })
  })
  if (g.prefix && !g.stop && g.term.length >= 2)
    completions(g.term, 30).forEach(function (c) { forms.push({ term: c, boost: 1, completion: true }) })
  var hits = runGroup(forms)
  if (!hits.size && !g.stop) {
    var inner = containing(g.term).map(function (c) { return { term: c, boost: 1, inner: true } })
    if (inner.length) { forms = forms.concat(inner); hits = runGroup(forms) }
  }
  if (!hits.size && !g.stop && !g.fuzzy && g.term.length >= 4) {
    var near = fuzzyTerms(g.term)
    if (near.length) {
      g.fuzzy = true
      g.alts = near.slice(0, 8)
      if (g.word && g.word.start !== undefined) g.word.fuzzy = g.alts
      forms = g.alts.map(function (c) { return { term: c, boost: 0.3 } })
      hits = runGroup(forms)
    }
  }
  g.forms = forms
  return hits
}

/* ------------------------------------------------------------------ ranking */

function search(query) {
  var parsed = parseQuery(query)
  var groups = parsed.groups, intent = parsed.intent
  if (!groups.length && !intent.month) return { items: [], thai: { total: 0 } }

  var perGroup = groups.map(matchGroup)

  /* candidate sections */
  var candidates = new Map()
  function candidate(n) {
    var c = candidates.get(n)
    if (!c) candidates.set(n, c = { n: n, lunr: 0, matched: new Array(groups.length).fill(false), terms: new Set(), bonus: 0 })
    return c
  }
  perGroup.forEach(function (hits, gi) {
    hits.forEach(function (hit, n) {
      var c = candidate(n)
      c.lunr += hit.score * groups[gi].weight
      c.matched[gi] = true
      hit.terms.forEach(function (t) { c.terms.add(t) })
    })
  })

  /* a month: its section on the named role's page, else on the calendar */
  var monthTarget = -1, pageBonus = new Map()
  if (intent.month) {
    var onRole = intent.role && intent.role.page && state.monthSections.get(intent.role.page)
    var sections = onRole || (!intent.role && state.calendar ? state.monthSections.get(state.calendar) : null)
    if (sections && sections[intent.month] !== undefined) monthTarget = sections[intent.month]
    if (monthTarget >= 0 && (intent.role || !contentLeft(groups))) {
      candidate(monthTarget).bonus += 20
      pageBonus.set(state.items[monthTarget].path, 30)
    }
    /* a month beside other words: its sections come first within their pages */
    state.monthSections.forEach(function (list) {
      var n = list[intent.month]
      if (n !== undefined && candidates.has(n)) candidates.get(n).bonus += 3
    })
  }
  if (intent.role && intent.role.page) {
    pageBonus.set(intent.role.page, (pageBonus.get(intent.role.page) || 0) + 30)
    var top = state.items.find(function (it) { return it.path === intent.role.page && !it.anchor })
    if (top) candidate(top.n)
  }

  var totalWeight = groups.reduce(function (s, g) { return s + g.weight }, 0) || 1
  /* specificity of each word (idf over sections): where a rare word of the
     query sits in a title says more than where a common one does */
  var N = state.docCount
  groups.forEach(function (g, gi) {
    g.idf = g.stop ? 0 : Math.log(1 + N / (1 + perGroup[gi].size)) * g.weight
  })
  var totalIdf = groups.reduce(function (s, g) { return s + g.idf }, 0) || 1
  var phrases = parsed.phrases.filter(function (p) { return p.length >= 4 })
  var multi = groups.filter(function (g) { return !g.stop }).length > 1
  /* the query's content words in order, a few characters apart at most */
  var content = groups.filter(function (g) { return !g.stop && !g.fuzzy && g.weight >= 1 })
  var near = content.length > 1 ? new RegExp(content.map(function (g) {
    return g.term.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")
  }).join(".{0,6}")) : null
  var pages = new Map()
  candidates.forEach(function (c) {
    var item = state.items[c.n]
    var covered = 0, titleCovered = 0, pageTitleCovered = 0
    for (var gi = 0; gi < groups.length; gi++) {
      var g = groups[gi], key = g.term, syn = state.synonyms.get(key)
      var inTitle = item.titleKey.indexOf(key) >= 0 || (!!syn && item.titleKey.indexOf(syn) >= 0)
      if (!c.matched[gi] && !g.fuzzy && (inTitle || item.textKey.indexOf(key) >= 0 ||
          (!!syn && item.textKey.indexOf(syn) >= 0))) c.matched[gi] = true
      if (c.matched[gi]) covered += g.weight
      if (inTitle || (g.fuzzy && g.alts.some(function (a) { return item.titleKey.indexOf(a) >= 0 }))) titleCovered += g.idf
      if (item.article.titleKey.indexOf(key) >= 0 || (!!syn && item.article.titleKey.indexOf(syn) >= 0))
        pageTitleCovered += g.idf
    }
    var coverage = covered / totalWeight
    var titleCoverage = titleCovered / totalIdf
    var phraseBonus = 0
    if (multi && coverage > 0.5) {
      for (var p = 0; p < phrases.length && !phraseBonus; p++) {
        if (item.titleKey.indexOf(phrases[p]) >= 0) phraseBonus = 2
        else if (item.textKey.indexOf(phrases[p]) >= 0) phraseBonus = 1
      }
      if (!phraseBonus && near && near.test(item.titleKey)) phraseBonus = 1.5
      else if (!phraseBonus && near && near.test(item.textKey)) phraseBonus = 0.8
    }
    var relevance = c.lunr / (c.lunr + 8)
    c.score = 10 * coverage * coverage + 2 * titleCoverage * titleCoverage + phraseBonus + relevance + c.bonus
    var page = pages.get(item.path)
    if (!page) pages.set(item.path, page = { path: item.path, article: item.article, sections: [], best: 0,
      union: new Array(groups.length).fill(false), pageTitle: pageTitleCovered / totalIdf })
    page.sections.push(c)
    if (c.score > page.best) page.best = c.score
    for (var u = 0; u < groups.length; u++) page.union[u] = page.union[u] || c.matched[u]
  })

  var ranked = []
  pages.forEach(function (page) {
    var unionCov = 0
    for (var u = 0; u < groups.length; u++) if (page.union[u]) unionCov += groups[u].weight
    unionCov /= totalWeight
    page.score = page.best + 4 * unionCov * unionCov + 4 * page.pageTitle * page.pageTitle +
      Math.min(page.sections.length, 5) * 0.02 +
      3 * exactTitle(page.article.titleKey, page.article.titleBare, groups, parsed.phrases, totalIdf) +
      (pageBonus.get(page.path) || 0) + (intent.who && state.stepPages.has(page.path) ? 3 : 0)
    var boost = page.article.boost
    if (typeof boost === "number" && boost > 0) page.score *= boost
    ranked.push(page)
  })
  ranked.sort(function (a, b) { return b.score - a.score })
  var total = ranked.length
  ranked = ranked.slice(0, MAX_PAGES)

  /* Assemble Material's result shape */
  var marker = highlighter(groups)
  var result = ranked.map(function (page, rank) {
    page.sections.sort(function (a, b) { return b.score - a.score })
    /* the sections Material draws at once for the first ten pages, fewer further down */
    var shown = page.sections.slice(0, rank < 10 ? 5 : 2)
    var list = shown.map(function (c) { return render(c, groups, marker) })
    if (!shown.some(function (c) { return c.n === page.article.n }))
      list.push(render({ n: page.article.n, score: 0, matched: groups.map(function () { return false }), terms: new Set() }, groups, marker, true))
    return list
  })
  var out = { items: result, thai: { total: total, shown: result.length } }
  var notice = searchedFor(parsed, ranked)
  if (notice) out.thai.searched = notice
  if (options.suggest) out.suggest = suggest(query, parsed, ranked)
  return out
}

function contentLeft(groups) {
  return groups.some(function (g) { return !g.stop && !g.month && g.weight >= 1 })
}

/* The page is named by the query: its title is the query, or one of its words.
   Returns the share of the query that the title names (0..1). */
function exactTitle(titleKey, bare, groups, phrases, totalIdf) {
  for (var p = 0; p < phrases.length; p++)
    if (phrases[p] && (bare === phrases[p] || titleKey === phrases[p])) return 1
  var best = 0
  for (var g = 0; g < groups.length; g++) {
    if (groups[g].stop || groups[g].term.length < 3) continue
    var term = groups[g].term, syn = state.synonyms.get(term)
    if (bare === term || titleKey === term || (syn && (bare === syn || titleKey === syn)))
      best = Math.max(best, groups[g].idf / totalIdf)
  }
  return best
}

/* ------------------------------------------------------------------ what was searched */

/* The query as it was searched, in the reader's words where nothing changed:
   [{text, changed}], or null when it was searched as typed. A last word that
   was completed counts as changed, with the completion the best page matched. */
function searchedFor(parsed, ranked) {
  var changes = parsed.changes.slice()
  var lastWord = parsed.words[parsed.words.length - 1]
  if (lastWord && lastWord.last && (lastWord.prefix || !lastWord.known) && !lastWord.alias && !lastWord.corrected &&
      !lastWord.fuzzy && ranked.length) {
    var completion = bestCompletion(lastWord.text, ranked)
    if (completion) changes.push({ start: lastWord.start, end: lastWord.end, text: completion })
  }
  parsed.words.forEach(function (w) {
    if (w.fuzzy && w.start !== undefined && !changes.some(function (c) { return c.start <= w.start && w.end <= c.end }))
      changes.push({ start: w.start, end: w.end, text: w.fuzzy[0] })
  })
  if (!changes.length) return null
  changes.sort(function (a, b) { return a.start - b.start })
  var q = parsed.norm.text, from = parsed.norm.from, raw = parsed.raw
  function typed(a, b) {
    if (b <= a) return ""
    return from ? raw.slice(from[a], from[b - 1] + 1) : q.slice(a, b)
  }
  var parts = [], cursor = 0
  changes.forEach(function (c) {
    if (c.start < cursor) return
    if (c.start > cursor) parts.push({ text: typed(cursor, c.start), changed: false })
    parts.push({ text: c.text, changed: true })
    cursor = c.end
  })
  if (cursor < q.length) parts.push({ text: typed(cursor, q.length), changed: false })
  return parts.filter(function (p) { return p.text.length }).map(function (p) {
    return { text: p.changed ? p.text : p.text, changed: p.changed }
  })
}

function bestCompletion(prefix, ranked) {
  var best = null
  ranked.slice(0, 3).forEach(function (page) {
    page.sections.forEach(function (c) {
      c.terms.forEach(function (t) {
        if (t.length > prefix.length && t.lastIndexOf(prefix, 0) === 0 && (!best || t.length < best.length)) best = t
      })
    })
  })
  return best
}

/* ------------------------------------------------------------------ output */

function escapeHTML(value) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

function termPattern(term) {
  var consonantsOnly = /^[\u0e01-\u0e2e]{2,6}$/.test(term)
  var out = ""
  for (var i = 0; i < term.length; i++) {
    var ch = term[i], part
    if (/[0-9]/.test(ch)) part = "[" + ch + String.fromCharCode(0x0e50 + +ch) + "]"
    else part = ch.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")
    out += part
    if (consonantsOnly && i < term.length - 1) out += "\\.?"
  }
  return out
}

/* What a query highlights: the words it matched with, as matched (the word,
   its abbreviation or full name, the completion, the correction); each tied to
   its group, so a section highlights only the words it matched. */
function highlighter(groups) {
  var forms = new Map()
  function add(form, gi, core) {
    if (!form) return
    var entry = forms.get(form)
    if (!entry) forms.set(form, entry = { groups: new Set(), core: false })
    entry.groups.add(gi)
    entry.core = entry.core || core
  }
  groups.forEach(function (g, gi) {
    if (g.stop) return
    if (!g.fuzzy) add(g.term, gi, true)
    ;(g.forms || []).forEach(function (f) {
      if (f.inner) return  /* the word inside a compound: the word itself is marked */
      add(f.term, gi, !f.completion && !g.fuzzy)
    })
  })
  var list = Array.from(forms.keys()).filter(function (w) { return w.length > 1 })
    .sort(function (a, b) { return b.length - a.length }).slice(0, 48)
  return {
    regex: list.length ? new RegExp(list.map(termPattern).join("|"), "gi") : null,
    forms: forms,
    whole: new Map()  /* context -> is the short word whole there (for this query) */
  }
}

/* A matched piece of text as the index writes it (the text is NFC already) */
function formOf(text) {
  return text.toLowerCase().replace(/\./g, "")
    .replace(/[\u0e50-\u0e59]/g, function (d) { return String(d.charCodeAt(0) - 0x0e50) })
}

/* Ranges to mark in a section: a word of a group the section matched; a
   completion or correction only where the section matched that very term. */
function markRanges(text, marker, c) {
  var ranges = [], regex = marker.regex
  if (!regex) return ranges
  regex.lastIndex = 0
  var m, examined = 0
  while ((m = regex.exec(text)) !== null && examined++ < 400) {
    if (!m[0].length) { regex.lastIndex++; continue }
    var a = m.index, b = a + m[0].length, form = m[0], entry = marker.forms.get(form)
    if (!entry) entry = marker.forms.get(form = formOf(form))
    if (!entry || !Array.from(entry.groups).some(function (gi) { return c.matched[gi] })) continue
    if (!entry.core && !c.terms.has(form)) continue
    if (!wholeEnough(text, a, b, form, marker.whole)) continue
    ranges.push([a, b])
    if (ranges.length >= 24) break  /* enough to place and fill a snippet */
  }
  return ranges
}

/* A short Thai word is highlighted only where it stands as a word, not inside
   every compound ("งาน" in "ประสานงาน"); a number only as a whole number; a Latin
   word only from its start. */
function wholeEnough(text, a, b, form, cache) {
  var before = text[a - 1] || " ", after = text[b] || " "
  if (/^[0-9]+$/.test(form)) return !/[0-9\u0e50-\u0e59]/.test(before) && !/[0-9\u0e50-\u0e59]/.test(after)
  if (/^[a-z0-9]/.test(form)) return !/[a-z0-9]/i.test(before)
  if (form.length > SHORT) return true
  if (!THAI.test(before) && !THAI.test(after)) return true
  /* inside a longer word of the vocabulary ("ประสานงาน", "ดำเนินงาน"): not this word */
  var key = text.slice(Math.max(0, a - 20), b + 20) + "|" + Math.min(a, 20)
  var known = cache.get(key)
  if (known !== undefined) return known
  var whole = true, around = containers(form)
  for (var i = 0; i < around.length && whole; i++) {
    var start = a - around[i][1]
    if (start >= 0 && text.startsWith(around[i][0], start)) whole = false
  }
  cache.set(key, whole)
  return whole
}

/* Vocabulary words that contain a short word, with where it sits in them */
function containers(form) {
  var known = state.containers.get(form)
  if (known) return known
  var out = []
  state.vocab.forEach(function (word) {
    if (word.length <= form.length) return
    for (var at = word.indexOf(form); at >= 0; at = word.indexOf(form, at + 1)) out.push([word, at])
  })
  state.containers.set(form, out)
  return out
}

function withMarks(text, ranges, from, to) {
  var out = "", cursor = from
  for (var r = 0; r < ranges.length; r++) {
    var a = Math.max(ranges[r][0], from), b = Math.min(ranges[r][1], to)
    if (b <= a || a < cursor) continue
    out += escapeHTML(text.slice(cursor, a)) + "<mark>" + escapeHTML(text.slice(a, b)) + "</mark>"
    cursor = b
  }
  return out + escapeHTML(text.slice(cursor, to))
}

function snippet(text, ranges) {
  var WIDTH = 220
  if (text.length <= WIDTH) return withMarks(text, ranges, 0, text.length)
  var bestStart = ranges.length ? Math.max(0, ranges[0][0] - 60) : 0, bestCount = -1
  /* prefer the window with most marks among the first few */
  for (var r = 0; r < Math.min(ranges.length, 12); r++) {
    var s = Math.max(0, ranges[r][0] - 60), count = 0
    for (var q = r; q < ranges.length && ranges[q][0] < s + WIDTH; q++) count++
    if (count > bestCount) { bestCount = count; bestStart = s }
  }
  var start = bestStart
  var end = Math.min(text.length, start + WIDTH)
  while (start > 0 && start > bestStart - 12 && !/\s/.test(text[start - 1])) start--
  while (end < text.length && end < start + WIDTH + 12 && !/\s/.test(text[end])) end++
  return (start > 0 ? "… " : "") + withMarks(text, ranges, start, end) + (end < text.length ? " …" : "")
}

function render(c, groups, marker, filler) {
  var item = state.items[c.n]
  var title = withMarks(item.title, markRanges(item.title, marker, c), 0, item.title.length)
  var text = item.text ? "<p>" + snippet(item.text, markRanges(item.text, marker, c)) + "</p>" : ""
  /* Material shows missing words struck through, and asks the page it opens to
     highlight the matched ones (anywhere in a word: only words long enough) */
  var terms = {}
  groups.forEach(function (g, gi) {
    if (g.stop || g.weight < 1) return
    var shown = g.fuzzy ? g.alts[0] : g.term
    if (!c.matched[gi]) terms[shown] = false
    else if (shown.length > SHORT || g.latin) terms[shown] = true
  })
  return {
    location: item.location,
    title: title,
    text: text,
    score: filler ? 0 : c.score,
    terms: terms
  }
}

function suggest(query, parsed, ranked) {
  var raw = String(query || "")
  if (/[<>&"]/.test(raw) || !ranked.length) return []
  var lastWord = parsed.words[parsed.words.length - 1]
  if (!lastWord || !lastWord.last || lastWord.fuzzy || lastWord.alias || lastWord.latin) return []
  var typed = raw.replace(/\s+$/, "")
  if (T.normalize(typed).slice(-lastWord.text.length) !== lastWord.text) return []
  var best = bestCompletion(lastWord.text, ranked)
  if (!best) return []
  return [escapeHTML(typed.slice(0, typed.length - lastWord.text.length) + best)]
}

/* ------------------------------------------------------------------ worker */

function answer(query) {
  if (state) {
    var data, started = performance.now()
    try {
      data = search(query)
      data.thai.ms = Math.round((performance.now() - started) * 10) / 10  /* for the benchmark */
    } catch (err) {
      console.warn("Thai search: query failed", query, err)
      data = { items: [], thai: { error: "query", detail: String(err && err.message || err) } }
    }
    postMessage({ type: RESULT, data: data })
  } else if (loadError) {
    postMessage({ type: RESULT, data: { items: [], thai: { error: "index", detail: String(loadError.message || loadError) } } })
  } else if (!String(query || "").trim()) {
    postMessage({ type: RESULT, data: { items: [] } })
  } else {
    pending = query
    postMessage({ type: STATUS, data: { state: "loading" } })
    load()
  }
}

addEventListener("message", function (ev) {
  var message = ev.data || {}
  switch (message.type) {
    case SETUP:
      mark("SETUP received")
      options = (message.data && message.data.options) || {}
      postMessage({ type: READY })
      break
    case QUERY:
      answer(message.data)
      break
    case LOAD:
      load()
      break
    default:
      break
  }
})
