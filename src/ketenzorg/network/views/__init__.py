"""Beheer screens of the network, one module per part; thin: parse, call a selector or service, render."""
