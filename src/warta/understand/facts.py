"""The understand stage's entry point: who did and said what, when, for one article.

``annotate(article)`` fills, in place, and returns the article:

- ``article.entities``: :func:`warta.understand.entities.find_entities` over the body, then
  over the caption (those marked ``"field": "image_caption"``, offsets into the caption),
  each with ``"entity_id"`` (type and :func:`canonical_key`: "person:yuri ushakov" for
  Yuri and Yury alike), the identity the store aggregates across articles;
- ``article.quotes``: :func:`warta.understand.quotes.find_quotes` over the body, each with
  ``"speaker_entity"``: the canonical name of the person inside the speaker phrase ("Juru
  bicara Kremlin, Yuri Ushakov" -> "Yuri Ushakov"), else the one person of the article whose
  role names the same country or organisation as a role-only speaker ("Pemimpin Rusia itu"
  -> the person with role "Presiden Rusia"), else an organisation or country that is the
  whole speaker ("Kremlin"), else, for a bare role ("kata Hakim"), the article's one person
  whose role starts with it, else ``None``; and ``"speaker_id"``, that entity's id. A quote
  whose attribution points back ("katanya") with no speaker named before it gets the person
  the text was about just before (``speaker_inferred`` true);
- ``article.figures``: :func:`warta.understand.figures.find_figures` over the body;
- ``article.events``: :func:`warta.understand.events.find_events` over body and caption.

The anchor for relative dates is ``article.published_at``; the language is
``article.language`` (detected here when missing; languages other than Indonesian and
English are read with the Indonesian tables).
"""

from __future__ import annotations

import re
from typing import Any

from warta.model import Article
from warta.understand.entities import (
    canonical_key,
    find_entities,
    is_role_phrase,
    load_tagger,
    speaker_mention,
)
from warta.understand.events import find_events, speakers_act
from warta.understand.figures import find_figures
from warta.understand.language import detect_language
from warta.understand.quotes import find_quotes, names_own, points_back, speaker_core
from warta.understand.sentences import sentence_start
from warta.understand.timex import find_times

__all__ = ["annotate", "warm_up"]

_CAPTION = "image_caption"
_PREFERENCE = {"PERSON": 0, "ORG": 1, "COUNTRY": 2, "PLACE": 3}


def warm_up() -> None:
    """Load the tagger and compile the tables now, so the first article is not slow."""
    load_tagger()
    annotate(
        Article(title="Pemanasan", body="Presiden Sinta Wirawan bertemu Menteri Budi di Jakarta hari ini.")
    )


def annotate(article: Article) -> Article:
    """Fill ``entities``, ``quotes``, ``figures`` and ``events`` of ``article`` and return it."""
    if not article.language:
        article.language = detect_language(f"{article.title}\n{article.body}")
    language = article.language if article.language in ("id", "en") else "id"
    anchor = article.published_at
    body = article.body or ""
    entities = find_entities(body, language, anchor)
    times = find_times(body, anchor, language) if body else []
    quotes = find_quotes(body, language) if body else []
    for quote in quotes:
        quote["speaker_entity"] = _speaker_entity(quote, entities, body, language)
        if quote["speaker_entity"] is None and points_back(quote, language):
            _speaker_before(quote, entities, body, quotes, language)
        elif quote["speaker_entity"] is None and quote.get("speaker_start") is not None:
            named = speaker_mention(body, quote["speaker_start"], quote["speaker_end"], entities, language)
            if named is not None:
                entities.append(named)
                quote["speaker_entity"] = named["entity"]
    entities.sort(key=lambda m: m["start"])
    caption_entities: list[dict[str, Any]] = []
    if article.image_caption:
        caption_entities = find_entities(article.image_caption, language, anchor)
        for mention in caption_entities:
            mention["field"] = _CAPTION
    article.entities = entities + caption_entities
    ids: dict[str, str] = {}
    for mention in article.entities:
        kind = str(mention["type"]).lower()
        mention["entity_id"] = ids.setdefault(
            str(mention["entity"]), _entity_id(kind, str(mention["entity"]))
        )
        if mention.get("full_name"):
            # the id the full name has in an article that writes only it
            mention["full_name_id"] = _entity_id(kind, str(mention["full_name"]))
    for quote in quotes:
        quote["speaker_id"] = ids.get(quote["speaker_entity"]) if quote.get("speaker_entity") else None
    article.quotes = quotes
    article.figures = find_figures(body, anchor, language) if body else []
    article.events = find_events(body, entities, times, language, anchor, image_caption=article.image_caption)
    speakers_act(article.events, quotes, body, language)
    return article


def _entity_id(kind: str, name: str) -> str:
    """One id per identity across articles: the type and a spelling-insensitive key of the name."""
    return f"{kind}:{canonical_key(name)}"


def _speaker_before(
    quote: dict[str, Any],
    entities: list[dict[str, Any]],
    body: str,
    quotes: list[dict[str, Any]],
    language: str,
) -> None:
    """ "...," katanya (or "dia"), with no speaker named before in the article: the person the
    text was about, at most 400 characters back and outside any quotation: the first person of
    the sentence that named the last one ("Dadan membenarkan adanya rapat itu. \"Iya ...,\"
    katanya" is Dadan). Marked ``speaker_inferred``."""
    start = int(quote["start"])
    said = [(int(q["start"]), int(q["end"])) for q in quotes]
    phrase = quote.get("speaker_start"), quote.get("speaker_end")

    def someone_else(m: dict[str, Any]) -> bool:
        """A name inside the speaker's own description that is a relative's ("Suami Sheila Dara itu")."""
        a, b = phrase
        return (
            a is not None
            and b is not None
            and a <= m["start"] < b
            and not names_own(body[a : m["start"]], language)
        )

    people = [
        m
        for m in entities
        if m["type"] == "PERSON"
        and start - 400 <= m["end"] <= start
        and not any(a <= m["start"] < b for a, b in said)
        and not someone_else(m)
    ]
    if not people:
        return
    last = people[-1]
    sentence = sentence_start(body, last["start"])
    first = next(m for m in people if m["start"] >= sentence or m is last)
    quote.update(
        speaker=first["surface"],
        speaker_start=first["start"],
        speaker_end=first["end"],
        speaker_entity=str(first["entity"]),
        speaker_inferred=True,
    )


_GLUED_ACRONYM = re.compile(r"[A-Z]{2,}(?=[A-Z][a-z])")


def _role_like(surface: str, language: str) -> bool:
    """A "person" that is a role: a role word, or a role's short form glued to a name
    ("CEOTokocrypto", "Co-CEOClaim")."""
    return is_role_phrase(surface, language) or _GLUED_ACRONYM.search(surface) is not None


def _speaker_entity(
    quote: dict[str, Any], entities: list[dict[str, Any]], body: str, language: str
) -> str | None:
    start, end = quote.get("speaker_start"), quote.get("speaker_end")
    if start is None or end is None or points_back(quote, language):
        return None  # "mantan suami Maia Estianty itu": a name inside only tells who is meant
    inside = [m for m in entities if start <= m["start"] and m["end"] <= end]
    people = [m for m in inside if m["type"] == "PERSON"]
    if people:
        first = people[0]
        if first["start"] == start and not _role_like(first["surface"], language):
            # a phrase that opens with a name is that person's; the rest describes them or runs
            # on ("Rizwan Alamsjah selaku Ketua ...", "Edward Plaisted, CEO Skytrax")
            return str(first["entity"])
        return str(people[-1]["entity"])  # the name comes last in "Juru bicara Kremlin, Yuri Ushakov"
    # a role-only speaker ("Pemimpin Rusia itu"): the article's one person whose role names the same
    # country or organisation ("Presiden Rusia"); a speaker without a role word ("Media pemerintah Cina") is not one
    speaker = body[start:end].strip()
    named = {m["entity"] for m in inside if m["type"] in ("COUNTRY", "ORG", "PLACE")}
    if named and is_role_phrase(speaker, language):
        holders = {
            p["entity"]
            for p in entities
            if p["type"] == "PERSON"
            and p.get("role_start") is not None
            and any(m["entity"] in named for m in entities if p["role_start"] <= m["start"] < p["start"])
        }
        if len(holders) == 1:
            return str(holders.pop())
    core = speaker_core(speaker, language)
    whole = [m for m in inside if m["surface"] == speaker or (m["surface"] == core and m["type"] != "PERSON")]
    if whole:
        return str(min(whole, key=lambda m: _PREFERENCE.get(m["type"], 9))["entity"])
    # a bare role ("kata Hakim", "ujar Kapolres"): the article's one person who holds it
    words = speaker.split()
    if not named and 1 <= len(words) <= 2 and is_role_phrase(speaker, language):
        role = words[0].lower()
        holders = {
            str(p["entity"])
            for p in entities
            if p["type"] == "PERSON" and p.get("role") and str(p["role"]).lower().split()[0] == role
        }
        if len(holders) == 1:
            return holders.pop()
    return None
