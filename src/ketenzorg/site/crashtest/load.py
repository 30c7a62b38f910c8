"""The writers: professionals who log in (password, then TOTP) and record agreements.

Plain `http.client`, one connection per request, so that what the client saw is exactly
what happened on the wire: a 2xx with a uuid is a write the user was told about; a refused
connection was never sent; a connection that broke after it was sent is a write whose
outcome the client cannot know (it may have committed), and is retried later with the same
Idempotency-Key, as a careful client would.
"""

from __future__ import annotations

import http.client
import json
import threading
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

from django_otp.oath import totp

from ketenzorg.site.crashtest.inside import marker

TIMEOUT = 60  # seconds; SQLite writers wait up to 20 s for the lock (settings.py)


class ServerGone(Exception):
    """The connection broke; `sent` says whether the request may have reached the server."""

    def __init__(self, sent: bool, error: BaseException):
        super().__init__(f"{type(error).__name__}: {error}")
        self.sent = sent


@dataclass
class Answer:
    status: int
    headers: dict
    body: bytes

    def json(self):
        return json.loads(self.body)


class Browser:
    """A professional's session: cookies and the CSRF token, as a browser keeps them."""

    def __init__(self, port: int):
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body: bytes = b"", headers=None) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        sent = False
        try:
            all_headers = {"Host": "127.0.0.1", **(headers or {})}
            if self.cookies:
                all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
            conn.connect()
            sent = True  # from here on the server may have the request
            conn.request(method, path, body=body or None, headers=all_headers)
            response = conn.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException) as error:
            raise ServerGone(
                sent and not isinstance(error, ConnectionRefusedError), error
            ) from error
        finally:
            conn.close()
        for line in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(line).items():
                self.cookies[name] = morsel.value
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data)

    def form(self, path: str, fields: dict) -> Answer:
        fields = {**fields, "csrfmiddlewaretoken": self.cookies.get("csrftoken", "")}
        return self.request("POST", path, urlencode(fields).encode(),
                            {"Content-Type": "application/x-www-form-urlencoded"})  # fmt: skip

    def post_json(self, path: str, data: dict, headers=None) -> Answer:
        return self.request("POST", path, json.dumps(data).encode(), {
            "Content-Type": "application/json", "Accept": "application/json",
            "X-CSRFToken": self.cookies.get("csrftoken", ""), **(headers or {}),
        })  # fmt: skip


def totp_code(device: dict) -> str:
    """The code an authenticator app shows now for the device's key."""
    code = totp(bytes.fromhex(device["key"]), step=device["step"], t0=device["t0"],
                digits=device["digits"])  # fmt: skip
    return str(code).zfill(device["digits"])


def log_in(browser: Browser, username: str, password: str, device: dict) -> None:
    """Password, then the second factor, through the login screens."""
    page = browser.request("GET", "/inloggen/")
    if page.status != 200 or "csrftoken" not in browser.cookies:
        raise RuntimeError(f"inlogpagina gaf {page.status}")
    answer = browser.form("/inloggen/", {"username": username, "password": password})
    if answer.status != 302 or "tweede-factor" not in answer.headers.get("location", ""):
        raise RuntimeError(f"inloggen als {username} gaf {answer.status}: {answer.body[:300]!r}")
    code = totp_code(device)
    answer = browser.form("/inloggen/tweede-factor/", {"token": code})
    if answer.status != 302:
        raise RuntimeError(f"tweede factor voor {username} gaf {answer.status}")


@dataclass
class Write:
    key: str
    body: dict
    writer: int


@dataclass
class Tally:
    """What the writers saw, shared between their threads (under `lock`)."""

    acknowledged: dict[str, str] = field(default_factory=dict)  # key -> uuid
    sent: list[str] = field(default_factory=list)
    lost: list[Write] = field(default_factory=list)  # sent, answer never came
    refused: int = 0  # the server was already gone: not sent
    unexpected: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Writer:
    def __init__(self, number: int, person: dict, password: str, case: str, run_id: str):
        self.number = number
        self.person = person
        self.password = password
        self.path = f"/api/v1/casussen/{case}/afspraken/"
        self.run_id = run_id
        self.count = 0
        self.browser: Browser | None = None
        # Set at this round's first acknowledged write (or when the writer gave up): the kill
        # waits for it, so a slow machine still has every writer mid-stream when it lands.
        self.writing = threading.Event()

    def connect(self, port: int) -> None:
        """Log in once; the session lives in the database, so it survives the restarts, and
        a TOTP code may be used only once per 30 seconds anyway."""
        if self.browser is None:
            self.browser = Browser(port)
            log_in(self.browser, self.person["username"], self.password, self.person["totp"])
        self.browser.port = port

    def new_write(self, due_on: str) -> Write:
        self.count += 1
        key = f"{self.run_id}-w{self.number}-{self.count}"
        body = {
            "what": marker(key),
            "due_on": due_on,
            "responsible_professional": self.person["professional"],
        }
        return Write(key, body, self.number)

    def send(self, write: Write, tally: Tally) -> str:
        """POST the write; "ok", "lost" (sent, no answer), "refused" or "unexpected"."""
        with tally.lock:
            tally.sent.append(write.key)
        try:
            answer = self.browser.post_json(self.path, write.body, {"Idempotency-Key": write.key})
        except ServerGone as gone:
            with tally.lock:
                if gone.sent:
                    tally.lost.append(write)
                else:
                    tally.refused += 1
            return "lost" if gone.sent else "refused"
        if 200 <= answer.status < 300:
            uuid = answer.json()["uuid"]
            with tally.lock:
                tally.acknowledged[write.key] = uuid
            return "replayed" if answer.headers.get("idempotency-replayed") == "true" else "ok"
        with tally.lock:
            tally.unexpected.append(f"{write.key}: {answer.status} {answer.body[:200]!r}")
        return "unexpected"

    def keep_writing(self, due_on: str, tally: Tally, stop: threading.Event) -> None:
        try:
            while not stop.is_set():
                if self.send(self.new_write(due_on), tally) != "ok":
                    return
                self.writing.set()
        finally:
            self.writing.set()
