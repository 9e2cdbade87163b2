"""Bringing saved articles, links and highlights in from other services.

`detect.read_export(path)` reads one export file into `records.Export` (articles,
links, highlights) or raises `ImportFormatError` naming the entry at fault;
`run.import_exports` then writes them into the library and the notes (see there).
"""
