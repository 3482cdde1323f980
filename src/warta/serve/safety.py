"""Page text is hostile: headers, link and snippet handling that keep it inert.

Templates autoescape everything; these helpers cover the rest: only http(s) URLs
become links, snippet hit markers become ``<mark>`` only after escaping, and every
response carries a strict Content-Security-Policy.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from warta.model import HIT_CLOSE, HIT_OPEN

CSP: Final = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: Final[list[tuple[bytes, bytes]]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),  # for old browsers that ignore frame-ancestors
]


class SecurityHeaders:
    """Pure ASGI middleware (no BaseHTTPMiddleware overhead) adding the headers to every response,
    including static files, errors and 404s."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def safe_href(url: object) -> str | None:
    """``url`` if it is an absolute http(s) URL, else ``None`` (render it as text, not a link).

    ``javascript:``, ``data:``, ``vbscript:``, relative and protocol-relative URLs are refused;
    control characters and whitespace (which browsers strip, e.g. ``java\\tscript:``) too.
    """
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or len(text) > 4096 or any(ord(c) < 0x21 or c == "\x7f" for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def mark_snippet(snippet: object) -> Markup:
    """Escape the snippet FIRST, then turn the private-use hit markers into ``<mark>`` tags.

    Markers are balanced here whatever the text holds (a hostile body may contain the
    private-use characters itself), so the result is always well-formed.
    """
    text = str(escape(str(snippet or "")))
    out: list[str] = []
    open_ = False
    for ch in text:
        if ch == HIT_OPEN:
            if not open_:
                out.append("<mark>")
                open_ = True
        elif ch == HIT_CLOSE:
            if open_:
                out.append("</mark>")
                open_ = False
        else:
            out.append(ch)
    if open_:
        out.append("</mark>")
    return Markup("".join(out))
