"""The privacy officer's screens and API over the access log.

They search persons (families) and read the log (audit), so they live above both as a
domain module; `audit` itself stays the log's infrastructure (docs/decisions/0009-layers.md).
"""
