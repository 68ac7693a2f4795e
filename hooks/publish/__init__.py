"""The handbook off the web server: printing, PDFs and the copy that works from disk.

No MkDocs here (hooks/mkdocs_publish.py is the thin MkDocs layer):
`printing` (the running header of printed pages), `pdf` (`./handbook pdf`: the PDFs
with headless Chromium), `offline` (`./handbook build --offline`: links, search data
and the worker shim for file://), `serving` (a local static server for Chromium).
"""
