"""Django's SQLite backend with each statement's placeholders rewritten once per process
(`base.py` says why)."""
