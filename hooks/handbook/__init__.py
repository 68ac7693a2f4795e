"""Domain logic of the handbook site; imports nothing from MkDocs.

Public surface: load the content (`load_handbook`), report problems
(`ContentError`, `Problem`), and generate the site's pages (`build_pages`).
"""
from .loading import load_handbook
from .model import Handbook, clause_anchors, clauses_by_anchor, walk_clauses, walk_steps
from .problems import ContentError, Problem

__all__ = ["ContentError", "Handbook", "Problem", "clause_anchors", "clauses_by_anchor", "load_handbook",
           "walk_clauses", "walk_steps"]
