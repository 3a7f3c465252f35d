"""Full-text search of the catalog: one interface, an SQLite FTS5 and a PostgreSQL backend.

`text` turns text into what both engines index (exact, folded, n-gram); `query` parses what
a user typed; `base` holds the backend interface and registry; `sqlite` and `postgres` the
two backends; `index` keeps the index in step with the items (called by services only).
"""
