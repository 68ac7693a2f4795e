"""Domain logic of the handbook site; imports nothing from MkDocs.

Public surface: load the content (`load_handbook`), report problems
(`ContentError`, `Problem`), and generate the site's pages (`build_pages`).
"""
from .model import Handbook, load_handbook
from .problems import ContentError, Problem

__all__ = ["ContentError", "Handbook", "Problem", "load_handbook"]
