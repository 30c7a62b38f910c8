"""Demostad, the demo city: one map (`city`) and the loaders that write it.

`loader.load_city()` writes the network (`network`) and its families (`families`); the
capabilities' parts follow on top of it: the front door (`frontdoor`), the catalogue (`aanbod`),
the cases (`cases`) and the catalogue in use (`aanbod_use`: programmes in plans and handed at
contact moments). `accounts` holds the demo logins' published secrets.
"""
