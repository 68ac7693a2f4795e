/*
 * Thai search worker for Material for MkDocs.
 *
 * Speaks Material's search-worker protocol (SETUP -> READY, QUERY -> RESULT),
 * so Material's search box, result list, highlighting and suggestions stay as
 * they are. Differences from Material's own worker:
 *
 *  - the lunr index is prebuilt at build time (hooks/thai_search: PyThaiNLP
 *    segmentation with the handbook's vocabulary, lunr.py field vectors) and
 *    loaded from search/thai_index.json, so nothing is tokenized here;
 *  - queries are normalised like the index (Thai digits, abbreviation dots,
 *    case) and Thai runs are segmented by maximal matching against the index's
 *    own vocabulary, with prefix completion of the last word and a one-edit
 *    fuzzy fallback for unknown stretches;
 *  - a run of Thai that occurs nowhere is corrected by one edit (inside a
 *    window of up to three words) when that makes it occur;
 *  - ranking, per page: coverage of the query's words first (function words
 *    hardly count), then where its rarer words sit (page title, heading),
 *    exact or near phrases, then lunr's BM25. Pages whose Material
 *    `search.boost` meta is below 1 (the errata) are ranked down.
 *
 * Text from the index (already HTML-escaped by Material) is unescaped, cut and
 * escaped again here; only <mark> and <p> are ever added.
 */
/* global lunr */
"use strict"

/* Opened from disk (the offline copy, file://), this file runs in an iframe through the
   iframe-worker shim: its address is its <script>'s, and importScripts() returns a
   Promise (it is synchronous in a real worker). */
var workerUrl = self.document && document.currentScript ? document.currentScript.src : self.location.href
var lunrLoaded = Promise.resolve(importScripts(new URL("lunr.min.js", workerUrl).href))

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
var MAX_QUERY = 200          /* characters of a query that are looked at */
var MAX_PAGES = 60           /* pages returned */
var MAX_TERM = 48            /* longest vocabulary term tried while segmenting */

var siteBase = new URL("../../../", workerUrl)
var thaiIndex$ = lunrLoaded.then(loadThaiIndex)

/* The Thai index: search/thai_index.json from the server; from disk, where fetch() is
   refused, the same data as a script (search/thai_index.js, written by the offline
   build, defines __thai_index). */
function loadThaiIndex() {
  if (self.__thai_index) return self.__thai_index
  if (self.location.protocol === "file:") {
    return Promise.resolve(importScripts(new URL("search/thai_index.js", siteBase).href))
      .then(function () { return self.__thai_index })
  }
  return fetch(new URL("search/thai_index.json", siteBase).href, { credentials: "same-origin" })
    .then(function (r) { if (!r.ok) throw new Error("thai_index.json: " + r.status); return r.json() })
}

var state = null

/* ------------------------------------------------------------------ text */

var ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff\u00ad]/g
var THAI_DIGIT = /[\u0e50-\u0e59]/g
var ENTITY = /&(amp|lt|gt|quot|#39|#x27|nbsp);/g
var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: "\"", "#39": "'", "#x27": "'", nbsp: " " }

function normalize(value) {
  return value.normalize("NFC")
    .replace(ZERO_WIDTH, "")
    .replace(/\u0e4d\u0e32/g, "\u0e33")
    .replace(THAI_DIGIT, function (d) { return String(d.charCodeAt(0) - 0x0e50) })
    .toLowerCase()
}

function htmlToText(value) {
  return String(value || "").replace(/<[^>]*>/g, " ")
    .replace(ENTITY, function (_, e) { return ENTITIES[e] })
    .replace(/\s+/g, " ").trim()
}

function escapeHTML(value) {
  return value.replace(/&/g, "&amp;").replace(/</g, "&lt;")
    .replace(/>/g, "&gt;").replace(/"/g, "&quot;")
}

function spaceless(value) {
  return normalize(value).replace(/[\s\-\u2013\u2014/,.:;"'()\[\]]+/g, "")
}

/* Query tokens, mirroring hooks/thai_search/segment.py */
var SCAN = /([a-z0-9]+(?:[.\-/&'\u2019][a-z0-9]+)*)|([\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]+)/g
var JUNK = /^[\u0e2f\u0e46\u0e30-\u0e3a\u0e47-\u0e4e]*$/

function latinTerms(value) {
  var parts = value.split(/[.\-/&'\u2019]+/).filter(Boolean)
  if (parts.length <= 1) return [value]
  return [/[a-z]/.test(value) ? parts.join("") : value].concat(parts)
}

/* ------------------------------------------------------------------ setup */

/* A plain trie of lunr.TokenSet nodes. lunr.TokenSet.fromArray minimises the
   automaton and, on some vocabularies (runs of digits from tables), accepts
   words that are not in the index; an unminimised trie is exact. */
function trieTokenSet(terms) {
  var root = new lunr.TokenSet()
  for (var t = 0; t < terms.length; t++) {
    var node = root, term = terms[t]
    for (var i = 0; i < term.length; i++) {
      var ch = term.charAt(i), next = node.edges[ch]
      if (!next) next = node.edges[ch] = new lunr.TokenSet()
      node = next
    }
    node.final = true
  }
  return root
}

function setup(data, thai) {
  var docs = data.docs || []
  var fields = Object.keys(thai.fields)
  var terms = thai.terms
  var inverted = Object.create(null)
  var vectors = Object.create(null)
  for (var t = 0; t < terms.length; t++) {
    var posting = { _index: t }
    for (var f = 0; f < fields.length; f++) posting[fields[f]] = Object.create(null)
    inverted[terms[t]] = posting
  }
  for (var d = 0; d < docs.length; d++) {
    var vs = thai.vectors[d] || []
    for (var f2 = 0; f2 < fields.length; f2++) {
      var flat = vs[f2] || []
      vectors[fields[f2] + "/" + d] = new lunr.Vector(flat)
      for (var i = 0; i < flat.length; i += 2) {
        inverted[terms[flat[i]]][fields[f2]][d] = {}
      }
    }
  }
  var index = new lunr.Index({
    invertedIndex: inverted,
    fieldVectors: vectors,
    tokenSet: trieTokenSet(terms),
    fields: fields,
    pipeline: new lunr.Pipeline()
  })

  /* Documents: display text and spaceless forms for phrase checks */
  var pages = new Map()
  var items = docs.map(function (doc, n) {
    var title = htmlToText(doc.title)
    var text = htmlToText(doc.text)
    var path = doc.location.split("#")[0]
    var item = {
      n: n, doc: doc, path: path, title: title, text: text,
      titleKey: spaceless(title), textKey: spaceless(text), article: null,
      titleBare: spaceless(title.replace(/\(.*?\)/g, ""))
    }
    if (!pages.has(path)) pages.set(path, item)
    item.article = pages.get(path)
    return item
  })

  /* all spaceless titles and texts, for "does this phrase occur anywhere" */
  var corpus = items.map(function (it) { return it.titleKey + "\u0001" + it.textKey }).join("\u0001")

  var synonyms = new Map()
  for (var s = 0; s < (thai.synonyms || []).length; s++) {
    var pair = thai.synonyms[s]
    synonyms.set(pair[0], pair[1])
    synonyms.set(pair[1], pair[0])
  }
  return {
    index: index, terms: terms, vocab: new Set(terms),
    items: items, stop: new Set(thai.stopwords || []), synonyms: synonyms, corpus: corpus,
    docCount: docs.length, options: data.options || {}
  }
}

/* ------------------------------------------------------------------ query */

function hasPrefix(prefix) {
  var terms = state.terms, lo = 0, hi = terms.length
  while (lo < hi) {
    var mid = (lo + hi) >> 1
    if (terms[mid] < prefix) lo = mid + 1; else hi = mid
  }
  return lo < terms.length && terms[lo].lastIndexOf(prefix, 0) === 0 ? terms[lo] : null
}

function fuzzyTerms(value) {
  if (value.length < 3) return []
  try {
    return state.index.tokenSet.intersect(lunr.TokenSet.fromFuzzyString(value, 1)).toArray()
      .filter(function (x) { return Math.abs(x.length - value.length) <= 1 })
  } catch (e) {
    return []
  }
}

/* Fewest-words segmentation of a Thai run against the index vocabulary.
   Returns [{text, known, prefix}] */
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
      else if (last && j === n && j - i >= 2 && hasPrefix(w)) { c = 1.6; k = 2 }
      if (c > 0 && cost[i] + c < cost[j]) { cost[j] = cost[i] + c; back[j] = i; kind[j] = k }
    }
    if (cost[i] + 4 < cost[i + 1]) { cost[i + 1] = cost[i] + 4; back[i + 1] = i; kind[i + 1] = 0 }
  }
  var out = []
  for (var e = n; e > 0; e = back[e]) out.push({ text: run.slice(back[e], e), known: kind[e] > 0, prefix: kind[e] === 2 })
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

/* A Thai run that occurs nowhere in the handbook: find one edit, inside a
   window of up to three segments, that makes it occur. Longest windows first. */
function correctRun(segs) {
  var texts = segs.map(function (x) { return x.text })
  var windows = []
  for (var a = 0; a < texts.length; a++)
    for (var b = a + 1; b <= Math.min(texts.length, a + 3); b++) {
      var span = texts.slice(a, b).join("")
      if (span.length >= 3) windows.push([a, b, span])
    }
  windows.sort(function (x, y) { return y[2].length - x[2].length })
  for (var w = 0; w < windows.length && w < 12; w++) {
    var found = fuzzyTerms(windows[w][2])
    for (var f = 0; f < found.length && f < 12; f++) {
      var candidate = texts.slice(0, windows[w][0]).join("") + found[f] + texts.slice(windows[w][1]).join("")
      if (state.corpus.indexOf(candidate) >= 0) return candidate
    }
  }
  return null
}

/* Unknown stretches: try one-edit matches on the stretch with its neighbours */
function repairTypos(segments) {
  for (var i = 0; i < segments.length; i++) {
    if (segments[i].known) continue
    var candidates = [
      [i - 1, i + 2], [i - 2, i + 1], [i, i + 3], [i - 1, i + 1], [i, i + 2], [i, i + 1]
    ]
    var fixed = false
    for (var c = 0; c < candidates.length && !fixed; c++) {
      var a = candidates[c][0], b = candidates[c][1]
      if (a < 0 || b > segments.length) continue
      var span = segments.slice(a, b).map(function (s) { return s.text }).join("")
      var found = fuzzyTerms(span)
      if (found.length) {
        segments.splice(a, b - a, { text: span, known: true, fuzzy: found.slice(0, 8) })
        i = a
        fixed = true
      }
    }
  }
  return segments
}

function parseQuery(query) {
  var q = normalize(String(query || "").slice(0, MAX_QUERY))
  q = q.replace(/([\u0e01-\u0e4e])\.+/g, "$1")            /* ก.ต.ป.น. -> กตปน */
  var groups = [], flat = [], m
  SCAN.lastIndex = 0
  var matches = []
  while ((m = SCAN.exec(q)) !== null) matches.push(m)
  for (var k = 0; k < matches.length; k++) {
    m = matches[k]
    var isLast = k === matches.length - 1 && /[^\s]$/.test(q.slice(0, m.index + m[0].length)) &&
      m.index + m[0].length === q.replace(/\s+$/, "").length
    if (m[1]) {
      flat.push(m[1])
      var lt = latinTerms(m[1])
      groups.push({ term: lt[0], alts: lt.slice(0, 1), prefix: isLast || lt[0].length >= 4, exact: true })
    } else {
      var run = m[2]
      var segs = segmentThai(run, isLast)
      var corrected = run.length >= 4 && state.corpus.indexOf(run) < 0 ? correctRun(segs) : null
      if (corrected) {
        run = corrected
        segs = segmentThai(run, false)
        segs.forEach(function (x) { x.corrected = true })
      }
      flat.push(run)
      segs = repairTypos(segs)
      for (var s = 0; s < segs.length; s++) {
        var seg = segs[s]
        if (JUNK.test(seg.text)) continue
        groups.push({
          term: seg.text,
          alts: seg.fuzzy || [seg.text],
          fuzzy: !!seg.fuzzy,
          known: seg.known,
          prefix: seg.prefix || (isLast && s === segs.length - 1) || seg.text.length >= 3
        })
      }
    }
  }
  /* one group per distinct term */
  var seen = new Set()
  groups = groups.filter(function (g) {
    if (seen.has(g.term)) return false
    seen.add(g.term)
    return true
  })
  var content = groups.filter(function (g) { return !state.stop.has(g.term) }).length
  groups.forEach(function (g) {
    g.stop = state.stop.has(g.term)
    g.weight = g.stop && content ? 0.08 : 1
  })
  return { groups: groups, phrase: flat.join(""), raw: q }
}

/* lunr scores of one group: Map(docNumber -> {score, terms}) */
function runGroup(group, fuzzy, alts) {
  var hits = new Map()
  alts = alts || group.alts
  var results = state.index.query(function (q) {
    for (var a = 0; a < alts.length; a++) {
      var term = alts[a]
      if (!term) continue
      q.term(term, { boost: 3, usePipeline: false })
      if (group.prefix && !group.stop && term.length >= 2)
        q.term(term, { boost: 1, usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING })
      if (fuzzy && term.length >= 4)
        q.term(term, { boost: 0.3, usePipeline: false, editDistance: 1 })
    }
  })
  for (var r = 0; r < results.length; r++) {
    var res = results[r]
    hits.set(+res.ref, { score: res.score, terms: Object.keys(res.matchData.metadata) })
  }
  return hits
}

/* Index terms that contain a word (a word inside a longer compound) */
function containing(word) {
  var out = []
  if (word.length < 2) return out
  for (var t = 0; t < state.terms.length && out.length < 40; t++)
    if (state.terms[t].indexOf(word) > 0) out.push(state.terms[t])
  return out
}

/* ------------------------------------------------------------------ ranking */

function search(query) {
  var parsed = parseQuery(query)
  var groups = parsed.groups
  if (!groups.length) return { items: [] }

  var perGroup = groups.map(function (g) {
    var hits = runGroup(g, g.fuzzy)
    if (!hits.size && !g.stop) {
      var inner = containing(g.term)
      if (inner.length) hits = runGroup({ prefix: false, stop: false }, false, inner)
    }
    if (!hits.size && !g.stop && g.term.length >= 4) hits = runGroup(g, true)
    return hits
  })

  /* candidate sections */
  var candidates = new Map()
  perGroup.forEach(function (hits, gi) {
    hits.forEach(function (hit, n) {
      var c = candidates.get(n)
      if (!c) candidates.set(n, c = { n: n, lunr: 0, matched: new Array(groups.length).fill(false), terms: new Set() })
      c.lunr += hit.score * groups[gi].weight
      c.matched[gi] = true
      hit.terms.forEach(function (t) { c.terms.add(t) })
    })
  })

  var totalWeight = groups.reduce(function (s, g) { return s + g.weight }, 0)
  /* specificity of each word (idf over sections): where a rare word of the
     query sits in a title says more than where a common one does */
  var N = state.docCount
  groups.forEach(function (g, gi) {
    g.idf = g.stop ? 0 : Math.log(1 + N / (1 + perGroup[gi].size))
  })
  var totalIdf = groups.reduce(function (s, g) { return s + g.idf }, 0) || 1
  var phrase = parsed.phrase
  /* the query's content words in order, a few characters apart at most */
  var content = groups.filter(function (g) { return !g.stop && !g.fuzzy })
  var near = content.length > 1 ? new RegExp(content.map(function (g) {
    return g.term.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&")
  }).join(".{0,6}")) : null
  var pages = new Map()
  candidates.forEach(function (c) {
    var item = state.items[c.n]
    var covered = 0, titleCovered = 0, pageTitleCovered = 0
    for (var gi = 0; gi < groups.length; gi++) {
      var g = groups[gi], key = g.term, syn0 = state.synonyms.get(key)
      var inTitle = item.titleKey.indexOf(key) >= 0 || (!!syn0 && item.titleKey.indexOf(syn0) >= 0)
      if (!c.matched[gi] && !g.fuzzy && (inTitle || item.textKey.indexOf(key) >= 0)) c.matched[gi] = true
      if (!c.matched[gi] && !g.fuzzy) {
        var syn = state.synonyms.get(key)
        if (syn && (item.titleKey.indexOf(syn) >= 0 || item.textKey.indexOf(syn) >= 0)) c.matched[gi] = true
      }
      if (c.matched[gi]) covered += g.weight
      if (inTitle || (g.fuzzy && g.alts.some(function (a) { return item.titleKey.indexOf(a) >= 0 }))) titleCovered += g.idf
      if (item.article.titleKey.indexOf(key) >= 0 || (!!syn0 && item.article.titleKey.indexOf(syn0) >= 0))
        pageTitleCovered += g.idf
    }
    var coverage = covered / totalWeight
    var titleCoverage = titleCovered / totalIdf
    var pageTitleCoverage = pageTitleCovered / totalIdf
    var phraseBonus = 0
    if (phrase.length >= 4 && groups.length > 1) {
      if (item.titleKey.indexOf(phrase) >= 0) phraseBonus = 2
      else if (item.textKey.indexOf(phrase) >= 0) phraseBonus = 1
      else if (near && near.test(item.titleKey)) phraseBonus = 1.5
      else if (near && near.test(item.textKey)) phraseBonus = 0.8
    }
    var relevance = c.lunr / (c.lunr + 8)
    c.coverage = coverage
    c.score = 10 * coverage * coverage + 2 * titleCoverage * titleCoverage +
      phraseBonus + relevance
    var page = pages.get(item.path)
    if (!page) pages.set(item.path, page = { path: item.path, article: item.article, sections: [], best: 0, union: new Array(groups.length).fill(false), pageTitle: pageTitleCoverage })
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
      Math.min(page.sections.length, 5) * 0.02 + 3 * exactTitle(page.article.titleKey, page.article.titleBare, groups, phrase, totalIdf)
    var boost = page.article.doc.boost
    if (typeof boost === "number" && boost > 0) page.score *= boost
    ranked.push(page)
  })
  ranked.sort(function (a, b) { return b.score - a.score })
  ranked = ranked.slice(0, MAX_PAGES)

  /* Assemble Material's result shape */
  var result = ranked.map(function (page) {
    page.sections.sort(function (a, b) { return b.score - a.score })
    var list = page.sections.map(function (c) { return render(c, groups, page.score) })
    if (!page.sections.some(function (c) { return c.n === page.article.n }))
      list.push(render({ n: page.article.n, score: 0, matched: groups.map(function () { return false }), terms: new Set() }, groups, 0, true))
    return list
  })
  var out = { items: result }
  if (state.options.suggest) out.suggest = suggest(query, groups, ranked)
  return out
}

/* The page is named by the query: its title is the query, or one of its words.
   Returns the share of the query that the title names (0..1). */
function exactTitle(titleKey, bare, groups, phrase, totalIdf) {
  if (bare === phrase || titleKey === phrase) return 1
  var best = 0
  for (var g = 0; g < groups.length; g++) {
    if (groups[g].stop || groups[g].term.length < 3) continue
    var term = groups[g].term, syn = state.synonyms.get(term)
    if (bare === term || titleKey === term || (syn && (bare === syn || titleKey === syn)))
      best = Math.max(best, groups[g].idf / totalIdf)
  }
  return best
}

/* ------------------------------------------------------------------ output */

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

function markRanges(text, regex) {
  var ranges = []
  if (!regex) return ranges
  regex.lastIndex = 0
  var m
  while ((m = regex.exec(text)) !== null) {
    if (!m[0].length) { regex.lastIndex++; continue }
    ranges.push([m.index, m.index + m[0].length])
    if (ranges.length > 200) break
  }
  return ranges
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
  var start = ranges.length ? Math.max(0, ranges[0][0] - 60) : 0
  /* prefer the window with most marks among the first few */
  var bestStart = start, bestCount = -1
  for (var r = 0; r < Math.min(ranges.length, 12); r++) {
    var s = Math.max(0, ranges[r][0] - 60), count = 0
    for (var q = r; q < ranges.length && ranges[q][0] < s + WIDTH; q++) count++
    if (count > bestCount) { bestCount = count; bestStart = s }
  }
  start = bestStart
  var end = Math.min(text.length, start + WIDTH)
  while (start > 0 && start > bestStart - 12 && !/\s/.test(text[start - 1])) start--
  while (end < text.length && end < start + WIDTH + 12 && !/\s/.test(text[end])) end++
  return (start > 0 ? "… " : "") + withMarks(text, ranges, start, end) + (end < text.length ? " …" : "")
}

function render(c, groups, pageScore, filler) {
  var item = state.items[c.n]
  var words = new Set()
  groups.forEach(function (g, gi) {
    if (!c.matched[gi] || g.stop) return
    g.alts.forEach(function (a) { words.add(a) })
    var syn = state.synonyms.get(g.term)
    if (syn) words.add(syn)
  })
  c.terms.forEach(function (t) { if (!state.stop.has(t)) words.add(t) })
  var list = Array.from(words).filter(function (w) { return w.length > 0 })
    .sort(function (a, b) { return b.length - a.length }).slice(0, 30)
  var regex = list.length ? new RegExp(list.map(termPattern).join("|"), "gi") : null
  var termsShown = {}
  groups.forEach(function (g, gi) { if (!g.stop || c.matched[gi]) termsShown[g.term] = !!c.matched[gi] })
  var title = withMarks(item.title, markRanges(item.title, regex), 0, item.title.length)
  var text = item.text ? "<p>" + snippet(item.text, markRanges(item.text, regex)) + "</p>" : ""
  var out = {
    location: item.doc.location,
    title: title,
    text: text,
    score: filler ? 0 : c.score,
    terms: termsShown
  }
  if (item.doc.tags) out.tags = item.doc.tags.slice()
  return out
}

function suggest(query, groups, ranked) {
  var raw = String(query || "")
  if (/[<>&"]/.test(raw)) return []
  var words = raw.split(/([\s-]+)/)
  var lastWord = words[words.length - 1]
  if (!lastWord || !ranked.length) return []
  var last = groups[groups.length - 1]
  if (!last || last.fuzzy) return []
  if (normalize(lastWord) !== lastWord.toLowerCase() || normalize(lastWord).slice(-last.term.length) !== last.term) return []
  /* complete the last word from terms the best page matched */
  var best = null
  ranked[0].sections.forEach(function (c) {
    c.terms.forEach(function (t) {
      if (t.length > last.term.length && t.lastIndexOf(last.term, 0) === 0 && (!best || t.length < best.length)) best = t
    })
  })
  if (!best) return []
  var completed = lastWord.slice(0, lastWord.length - last.term.length) + best
  return [escapeHTML(completed)]
}

/* ------------------------------------------------------------------ worker */

addEventListener("message", function (ev) {
  var message = ev.data
  switch (message.type) {
    case SETUP:
      thaiIndex$.then(function (thai) {
        state = setup(message.data, thai)
        postMessage({ type: READY })
      }).catch(function (err) {
        console.warn("Thai search: index not loaded", err)
      })
      break
    case QUERY:
      var data
      try {
        data = state ? search(message.data) : { items: [] }
      } catch (err) {
        console.warn("Thai search: query failed", message.data, err)
        data = { items: [] }
      }
      postMessage({ type: RESULT, data: data })
      break
    default:
      break
  }
})
