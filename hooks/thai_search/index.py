"""Post-process Material's search index into the one file the Thai search worker loads.

Input: the dict Material writes to ``site/search/search_index.json``
(``{"config": ..., "docs": [{location, title, text, boost?}, ...]}``; title and
text are escaped HTML). Output ``thai_index`` (search/thai_index.json) holds all
the worker needs, so Material's own file can shrink to its ``config``:

    {"v": 2, "engine": "nlpo3", "fields": {"title": 10, "text": 1},
     "docs": [[location, title, text(, boost)], ...],      plain text, no provenance
     "terms": [sorted terms],
     "vectors": [[title, text], ...],   per doc and field: [term step, score x 100, ...]
     "synonyms": [[abbreviation, spaceless expansion], ...],   abbreviations.yaml
     "aliases": [[key, searched text, word], ...],            synonyms.yaml
     "roles": [[page doc, [own keys], [variant keys]], ...],    roles.yaml x their pages
     "stopwords": [...], "words": {...}}                        questions.py

The vectors are lunr.py's BM25 field vectors over our PyThaiNLP tokens (lunr's
own scores, rounded to 2 decimals), delta-coded so the file stays small; the
worker inverts them into postings without tokenizing anything.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from collections.abc import Iterable

from .normalize import display_text, html_to_text, spaceless, strip_abbreviation_dots, without_brackets
from .page_text import PASSAGE_END, Repeats, clean_text
from .questions import question_data
from .segment import Segmenter
from .synonyms import Synonym

# Function words: indexed, but never decide the order of results.
STOPWORDS = (
    "การ", "และ", "ของ", "ที่", "ใน", "เพื่อ", "ให้", "มี", "ได้", "เป็น", "ความ",
    "กับ", "จาก", "โดย", "ซึ่ง", "หรือ", "แก่", "ต่อ", "ตาม", "ไป", "มา", "แล้ว",
    "จะ", "ว่า", "นี้", "นั้น", "อย่าง", "ด้วย", "ทั้ง", "ทาง", "แห่ง", "อัน", "ๆ",
    "ไว้", "อื่น", "หรือไม่", "เช่น", "ได้แก่", "ทุก", "เพื่อให้", "ดังนี้", "ดังกล่าว",
    "เกี่ยวกับ", "แต่ละ", "สำหรับ", "ระหว่าง",
    "the", "of", "and", "in", "for", "to", "a", "an", "on",
)

FIELD_BOOSTS = {"title": 10, "text": 1}
SCORE_SCALE = 100  # scores travel as integers: lunr's score x 100


@dataclass
class BuildStats:
    docs: int = 0
    terms: int = 0
    tokens: int = 0
    tokenize_seconds: float = 0.0
    lunr_seconds: float = 0.0


@dataclass
class Doc:
    location: str
    title: str
    text: str
    boost: float | None = None


def plain_docs(docs: list[dict]) -> list[Doc]:
    """Material's docs as plain text, what the worker shows and phrase-matches; a
    passage a page repeats is indexed where it first appears (page_text.Repeats)."""
    out = []
    pages: dict[str, Repeats] = {}
    for doc in docs:
        location = str(doc.get("location") or "")
        repeats = pages.setdefault(location.split("#")[0], Repeats())
        text = repeats.keep(str(doc.get("text") or ""), lambda passage: spaceless(html_to_text(passage)))
        boost = doc.get("boost")
        out.append(Doc(
            location=location,
            title=display_text(html_to_text(str(doc.get("title") or "").replace(PASSAGE_END, " "))),
            text=display_text(clean_text(html_to_text(text))),
            boost=float(boost) if isinstance(boost, (int, float)) and boost != 1 else None,
        ))
    return out


def tokenize_docs(docs: list[Doc], segmenter: Segmenter) -> list[tuple[list[str], list[str]]]:
    """Title and text terms of every doc, abbreviation/full-name synonyms added."""
    synonyms = segmenter.vocab.synonyms()
    out = []
    for doc in docs:
        fields = []
        for value in (doc.title, doc.text):
            terms = segmenter.tokens(value)
            if synonyms:
                present = set(terms)
                flat = None
                for abbr, full in synonyms:
                    if abbr in present:
                        if full not in present:
                            terms.append(full)
                    else:
                        if flat is None:
                            flat = spaceless(value)
                        if full in flat:
                            terms.append(abbr)
                            terms.append(full)
            fields.append(terms)
        out.append((fields[0], fields[1]))
    return out


def prebuild_lunr(token_lists, boosts=FIELD_BOOSTS, b: float = 0.75, k1: float = 1.2):
    """Build the lunr index with lunr.py from ready-made term lists."""
    from lunr.builder import Builder

    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("id")
    builder.b(b)
    builder.k1(k1)
    for name, boost in boosts.items():
        builder.field(name, boost=boost)
    for i, (title, text) in enumerate(token_lists):
        builder.add({"id": str(i), "title": title, "text": text})
    return builder.build()


def compact_index(index, n_docs: int, fields=("title", "text")) -> tuple[list[str], list]:
    """lunr.py index -> sorted term list and per-doc, per-field [term step, score x 100, ...]."""
    terms = sorted(index.inverted_index)
    position = {term: i for i, term in enumerate(terms)}
    lunr_to_ours = {posting["_index"]: position[term] for term, posting in index.inverted_index.items()}
    vectors = [[[] for _ in fields] for _ in range(n_docs)]
    for ref, vector in index.field_vectors.items():
        field_name, doc_ref = str(ref).split("/", 1)  # lunr FieldRef: "field/ref"
        flat = vectors[int(doc_ref)][fields.index(field_name)]
        elements = vector.elements
        pairs = sorted((lunr_to_ours[elements[i]], elements[i + 1]) for i in range(0, len(elements), 2))
        previous = 0
        for term_i, score in pairs:
            flat.append(term_i - previous)
            flat.append(max(1, round(score * SCORE_SCALE)))
            previous = term_i
    return terms, vectors


def role_pages(docs: list[Doc], segmenter: Segmenter) -> list[list]:
    """Each role of roles.yaml: the page titled by its name (-1: none), the keys of its
    own names (name, abbreviation, each named part of "ครูแกนนำ/ครูต้นแบบ/…") and the
    keys of the other spellings the manuals use (`variants`, some of them garbled),
    as the worker compares them (normalised, no dots, no spaces)."""
    pages = {}
    for n, doc in enumerate(docs):
        if "#" not in doc.location:
            pages.setdefault(spaceless(without_brackets(doc.title)), n)

    def key(text: str) -> str:
        return spaceless(strip_abbreviation_dots(text))

    out = []
    for role in segmenter.vocab.roles:
        own = {key(role.name), key(without_brackets(role.name))}
        if role.abbreviation:
            own.add(key(role.abbreviation))
        for part in role.name.split("/"):
            part_key = key(without_brackets(part))
            if len(part_key) >= 6:  # a named part ("ครูภูมิปัญญา"), not a bare word ("กลุ่ม")
                own.add(part_key)
        own.discard("")
        variants = {key(v) for v in role.variants} - own - {""}
        page = pages.get(spaceless(without_brackets(role.name)), -1)
        out.append([page, sorted(own), sorted(variants)])
    return out


def alias_rows(synonyms: Iterable[Synonym]) -> list[list[str]]:
    return [[s.key, s.target, s.word] for s in synonyms]


def build_search_data(search_index: dict, segmenter: Segmenter,
                      synonyms: Iterable[Synonym] = ()) -> tuple[dict, BuildStats]:
    """Compute the Thai search data for a Material search index dict."""
    docs = plain_docs(search_index.get("docs") or [])
    stats = BuildStats(docs=len(docs))
    started = time.perf_counter()
    token_lists = tokenize_docs(docs, segmenter)
    stats.tokenize_seconds = time.perf_counter() - started
    stats.tokens = sum(len(a) + len(b) for a, b in token_lists)

    started = time.perf_counter()
    index = prebuild_lunr(token_lists)
    terms, vectors = compact_index(index, len(docs))
    stats.lunr_seconds = time.perf_counter() - started
    stats.terms = len(terms)
    data = {
        "v": 2,
        "engine": segmenter.engine,
        "fields": FIELD_BOOSTS,
        "scale": SCORE_SCALE,
        "docs": [[d.location, d.title, d.text] + ([d.boost] if d.boost is not None else []) for d in docs],
        "terms": terms,
        "vectors": vectors,
        "synonyms": [list(pair) for pair in segmenter.vocab.synonyms()],
        "aliases": alias_rows(synonyms),
        "roles": role_pages(docs, segmenter),
        "stopwords": list(STOPWORDS),
        "words": question_data(),
    }
    return data, stats
