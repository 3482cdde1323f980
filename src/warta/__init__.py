"""warta: news pages in, a searchable, linked record of who did and said what, when, out."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "open"]


def open(path: str = "warta.db"):
    """Open (creating if needed) a warta database and return its handle."""
    from warta.api import Warta

    return Warta(path)
