"""Thai search for the handbook: build-time segmentation and index prebuilding.

Pure Python, no MkDocs import. ``hooks/mkdocs_thai_search.py`` is the thin hook
on top. PYTHAINLP_DATA defaults to ``<repo>/.pythainlp-data`` (git-ignored) so
PyThaiNLP never writes into the home directory and never downloads anything:
only its bundled dictionary is used.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("PYTHAINLP_DATA", str(REPO_ROOT / ".pythainlp-data"))

from .normalize import normalize_text, spaceless, strip_abbreviation_dots, thai_digits_to_arabic  # noqa: E402
from .vocabulary import Vocabulary, load_vocabulary  # noqa: E402
from .segment import Segmenter  # noqa: E402
from .synonyms import Synonym, load_synonyms  # noqa: E402
from .index import build_search_data  # noqa: E402
from .page_text import search_view  # noqa: E402

__all__ = [
    "REPO_ROOT",
    "Segmenter",
    "Synonym",
    "Vocabulary",
    "build_search_data",
    "load_synonyms",
    "load_vocabulary",
    "normalize_text",
    "search_view",
    "spaceless",
    "strip_abbreviation_dots",
    "thai_digits_to_arabic",
]
