"""Reading an API request's input: one way, so every operation answers bad input alike.

`is_valid(raise_exception=True)` turns a serializer's errors into the 400 problem
(`api/problems.py`) with `invalid_params`, before any service is called.
"""

from __future__ import annotations


def validated(serializer_class, data, **kwargs) -> dict:
    serializer = serializer_class(data=data, **kwargs)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
