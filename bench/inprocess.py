"""What the load generator sends, as Django's test client sends it in-process.

`inside.py` counts the queries of each request this way and `ab.py` times them; both take
the endpoint specs that `inside.prepare()` writes for wrk (method, paths, headers, body).
"""

from __future__ import annotations

from django.test import Client


def client_for(spec: dict) -> tuple[Client, dict]:
    """A client with the spec's cookies, and the keyword arguments of its request."""
    client, headers = Client(), {}
    for key, value in spec.get("headers", {}).items():
        if key == "Cookie":
            for part in value.split(";"):
                k, v = part.strip().split("=", 1)
                client.cookies[k] = v
        elif key != "Content-Type":
            headers[key] = value
    extra = {"headers": headers}
    if spec["method"] == "POST":
        extra["data"], extra["content_type"] = spec["body"], spec["headers"]["Content-Type"]
    return client, extra
