"""Demostad, the demo city: one map (`city`) and the loaders that write it.

`loader.load_city()` writes the network (`network`) and its families (`families`); the
capabilities' parts follow on top of it: the front door (`frontdoor`) and the cases
(`cases`). `accounts` holds the demo logins' published secrets.
"""
