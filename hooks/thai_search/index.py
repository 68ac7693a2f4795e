"""Post-process Material's search index into a prebuilt lunr index for Thai.

Input: the dict Material writes to ``site/search/search_index.json``
(``{"config": ..., "docs": [{location, title, text}, ...]}``; title and text
are escaped HTML). The docs are left as they are (the worker shows them). The
output ``thai_index`` holds, per doc, the lunr field vectors computed by lunr.py
over our PyThaiNLP tokens, in a compact form the browser worker turns back into
a ``lunr.Index`` without tokenizing anything:

    {"v": 1, "engine": "nlpo3", "fields": {"title": 10, "text": 1},
     "terms": [sorted terms], "vectors": [[[term, score, ...], [...]], ...],
     "synonyms": [[abbreviation, spaceless expansion], ...],
     "stopwords": [...]}
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from .normalize import html_to_text
from .segment import Segmenter
from .vocabulary import spaceless

# Function words: indexed, but never decide the order of results.
STOPWORDS = (
    "การ", "และ", "ของ", "ที่", "ใน", "เพื่อ", "ให้", "มี", "ได้", "เป็น", "ความ",
    "กับ", "จาก", "โดย", "ซึ่ง", "หรือ", "แก่", "ต่อ", "ตาม", "ไป", "มา", "แล้ว",
    "จะ", "ว่า", "นี้", "นั้น", "อย่าง", "ด้วย", "ทั้ง", "ทาง", "แห่ง", "อัน", "ๆ",
    "ไว้", "อื่น", "หรือไม่", "เช่น", "ได้แก่", "ทุก", "เพื่อให้", "ดังนี้", "ดังกล่าว",
    "the", "of", "and", "in", "for", "to", "a", "an", "on",
)

FIELD_BOOSTS = {"title": 10, "text": 1}


@dataclass
class BuildStats:
    docs: int = 0
    terms: int = 0
    tokens: int = 0
    tokenize_seconds: float = 0.0
    lunr_seconds: float = 0.0


def tokenize_docs(docs: list[dict], segmenter: Segmenter) -> list[tuple[list[str], list[str]]]:
    """Title and text terms of every doc, abbreviation/full-name synonyms added."""
    synonyms = segmenter.vocab.synonyms()
    out = []
    for doc in docs:
        title = html_to_text(str(doc.get("title") or ""))
        text = html_to_text(str(doc.get("text") or ""))
        fields = []
        for value in (title, text):
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
    """lunr.py index -> sorted term list and per-doc flat [term, score, ...] vectors."""
    terms = sorted(index.inverted_index)
    position = {term: i for i, term in enumerate(terms)}
    lunr_to_ours = {posting["_index"]: position[term] for term, posting in index.inverted_index.items()}
    vectors = [[[] for _ in fields] for _ in range(n_docs)]
    for ref, vector in index.field_vectors.items():
        field_name, doc_ref = str(ref).split("/", 1)  # lunr FieldRef: "field/ref"
        flat = vectors[int(doc_ref)][fields.index(field_name)]
        elements = vector.elements
        pairs = sorted((lunr_to_ours[elements[i]], elements[i + 1]) for i in range(0, len(elements), 2))
        for term_i, score in pairs:
            flat.append(term_i)
            flat.append(score)
    return terms, vectors


def build_search_data(search_index: dict, segmenter: Segmenter) -> tuple[dict, BuildStats]:
    """Compute the prebuilt Thai index for a Material search index dict."""
    docs = search_index.get("docs") or []
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
        "v": 1,
        "engine": segmenter.engine,
        "fields": FIELD_BOOSTS,
        "terms": terms,
        "vectors": vectors,
        "synonyms": [list(pair) for pair in segmenter.vocab.synonyms()],
        "stopwords": list(STOPWORDS),
    }
    return data, stats
