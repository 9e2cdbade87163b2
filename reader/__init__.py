"""reader: a keyboard-first terminal reader for articles kept on disk."""

__version__ = "0.1.0"
