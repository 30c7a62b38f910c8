"""The catalogue's full-text search: one Dutch analyzer in Python (`analyzer`), indexed by
PostgreSQL (a GIN index over `to_tsvector('simple', …)`) or SQLite (an FTS5 table kept by
triggers), chosen by the database in use (`engine`). Decision 0015, docs/aanbod.md."""
