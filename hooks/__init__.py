"""Build-time code of the handbook site.

`handbook/` holds the domain logic (loading, validation, cross-references,
flowcharts, page rendering) and never imports MkDocs; `mkdocs_*.py` are the thin
MkDocs hooks on top; `check.py` is the editors' fast check command.
"""
