"""Jinja2 ports of the case page and the dashboard, for `bench/template_engines.py` only."""
