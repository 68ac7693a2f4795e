"""Thai-aware tokenizer for the search index (PyThaiNLP, custom dictionary).

``Segmenter.tokens(text)`` returns the index terms of a plain-text string:

* Thai runs are cut by PyThaiNLP (engine ``nlpo3`` by default: the Rust twin of
  newmm, about 5x faster on the handbook) with the default dictionary plus the
  handbook's vocabulary, so ศึกษานิเทศก์ or เขตพื้นที่การศึกษา stay whole. A
  compound is indexed whole *and* by its parts (default-dictionary cut plus any
  vocabulary word inside it), so a reader typing a part still finds it.
* Abbreviations (ก.ต.ป.น., สมศ., พ.ศ.) are kept whole and indexed without dots.
* Thai digits become Arabic digits; Latin words are lower-cased; O-NET is
  indexed as "onet", "o" and "net"; 5.2 as "5.2", "5" and "2".
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from functools import lru_cache
from pathlib import Path

from .normalize import CLUSTER_ABBR, GENERIC_ABBR, normalize_text, strip_abbreviation_dots
from .vocabulary import Vocabulary

ENGINES = ("nlpo3", "newmm")
_LATIN = r"[a-z0-9]+(?:[.\-/&'’][a-z0-9]+)*"
_THAI_RUN = r"[\u0e01-\u0e2e\u0e30-\u0e3a\u0e40-\u0e4e]+"
_JUNK = re.compile(r"^[\u0e2f\u0e46\u0e30-\u0e3a\u0e47-\u0e4e]*$")  # ฯ ๆ or bare marks
_lock = threading.Lock()


class Segmenter:
    def __init__(self, vocab: Vocabulary | None = None, engine: str = "nlpo3") -> None:
        if engine not in ENGINES:
            raise ValueError(f"unknown engine {engine!r}; choose from {ENGINES}")
        from pythainlp.corpus import thai_words

        self.vocab = vocab or Vocabulary()
        self.engine = engine
        self.default_words = frozenset(thai_words())
        custom = set(self.vocab.words)
        for abbr in self.vocab.abbreviations:
            bare = strip_abbreviation_dots(abbr)
            if len(bare) >= 3:
                custom.add(bare)
        self.custom_words = frozenset(custom)
        self._inner = sorted((w for w in custom if len(w) >= 3), key=len, reverse=True)
        words = sorted(self.default_words | self.custom_words)
        if engine == "newmm":
            from pythainlp.util import dict_trie

            self._trie = dict_trie(words)
            self._default_trie = None
        else:
            self._dict_name = self._load_nlpo3_dict(words, "custom")
            from pythainlp.tokenize import nlpo3 as _n

            _n._ensure_default_dict_loaded()
            self._default_dict_name = _n._NLPO3_DEFAULT_DICT
        known = sorted(self.vocab.abbreviations, key=len, reverse=True)
        alternatives = [re.escape(a) for a in known if "." in a]
        alternatives += [GENERIC_ABBR.pattern, CLUSTER_ABBR.pattern]
        self._scan = re.compile(
            "(?P<abbr>" + "|".join(alternatives) + ")|(?P<latin>" + _LATIN + ")|(?P<thai>" + _THAI_RUN + ")"
        )
        self._cut_cache: dict[str, tuple[str, ...]] = {}
        self._parts_cache: dict[str, tuple[str, ...]] = {}

    # ------------------------------------------------------------------ engines
    @staticmethod
    def _load_nlpo3_dict(words: list[str], tag: str) -> str:
        from nlpo3 import load_dict

        data = "\n".join(words) + "\n"
        digest = hashlib.sha1(data.encode("utf-8")).hexdigest()[:16]
        name = f"thai_search_{tag}_{digest}"
        with _lock:
            if name in _LOADED:
                return name
            folder = Path(os.environ["PYTHAINLP_DATA"])
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"{name}.txt"
            if not path.exists():
                path.write_text(data, encoding="utf-8")
                for stale in folder.glob(f"thai_search_{tag}_*.txt"):  # earlier vocabularies
                    if stale != path:
                        stale.unlink(missing_ok=True)
            load_dict(str(path), name)
            _LOADED.add(name)
        return name

    def _cut(self, run: str, default: bool = False) -> tuple[str, ...]:
        if self.engine == "newmm":
            from pythainlp.tokenize import word_tokenize

            if default:
                return tuple(word_tokenize(run, engine="newmm", keep_whitespace=False))
            return tuple(word_tokenize(run, custom_dict=self._trie, engine="newmm", keep_whitespace=False))
        from nlpo3 import segment

        name = self._default_dict_name if default else self._dict_name
        return tuple(segment(run, name, False, False))

    # ------------------------------------------------------------------ public
    def cut(self, run: str) -> tuple[str, ...]:
        """Segment one normalised Thai run with the custom dictionary (cached)."""
        hit = self._cut_cache.get(run)
        if hit is None:
            hit = self._cut_cache[run] = tuple(t for t in self._cut(run) if t.strip())
        return hit

    def parts(self, word: str) -> tuple[str, ...]:
        """Sub-terms of a compound: its default-dictionary cut and inner vocabulary words."""
        hit = self._parts_cache.get(word)
        if hit is not None:
            return hit
        out: list[str] = []
        if len(word) >= 4 and (word in self.custom_words or word not in self.default_words):
            pieces = [p for p in self._cut(word, default=True) if p.strip()]
            if len(pieces) > 1:
                out.extend(pieces)
            for inner in self._inner:
                if len(inner) < len(word) and inner in word:
                    out.append(inner)
        hit = self._parts_cache[word] = tuple(dict.fromkeys(p for p in out if p != word and not _JUNK.match(p)))
        return hit

    def tokens(self, text: str, *, with_parts: bool = True) -> list[str]:
        """Index terms of a plain-text string, in order (parts follow their compound)."""
        out: list[str] = []
        for match in self._scan.finditer(normalize_text(text)):
            kind = match.lastgroup
            value = match.group()
            if kind == "abbr":
                bare = strip_abbreviation_dots(value)
                if bare:
                    out.append(bare)
            elif kind == "latin":
                out.extend(latin_terms(value))
            else:
                for word in self.cut(value):
                    if _JUNK.match(word):
                        continue
                    out.append(word)
                    if with_parts:
                        out.extend(self.parts(word))
        return out


_LOADED: set[str] = set()


@lru_cache(maxsize=4096)
def latin_terms(value: str) -> tuple[str, ...]:
    parts = [p for p in re.split(r"[.\-/&'’]+", value) if p]
    if len(parts) <= 1:
        return (value,)
    if any(c.isalpha() for c in value):
        return ("".join(parts), *parts)
    return (value, *parts)
