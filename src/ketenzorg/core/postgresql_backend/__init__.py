"""Django's PostgreSQL backend with a kept connection's health checked without a round trip
when nothing has come from the server (`base.py` says why)."""
