"""Aanbod op maat: the catalogue of programmes and services for families (decision 0015)."""
