"""Infrastructure: SQLite, worker processes, safe YAML, file watching, atomic writes, opening only regular files."""
