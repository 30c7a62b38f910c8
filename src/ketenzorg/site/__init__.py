"""The site level: what ties the apps into one product (menu, werkplek, routes, API root).

It sits above every app so that nothing below has to know the others exist
(docs/decisions/0009-layers.md).
"""
