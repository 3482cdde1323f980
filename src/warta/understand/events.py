"""Events: who did what to whom, when and where, coded in PLOVER with the CAMEO root code.

``find_events(text, entities, times, language, published_at, *, image_caption=None)``
returns one plain dict per event, in text order::

    {"actor1", "actor2", "code", "cameo", "mode", "date", "location", "evidence",
     "start", "end", "trigger", "modality"}  (+ "field": "image_caption" for caption events)

- ``actor1``/``actor2``: canonical entity names (``entities`` from
  :func:`warta.understand.entities.find_entities`), ``None`` when unknown. A capital the
  gazetteer lets stand for its government acts as its country ("Moskow" -> "Russia").
- ``code``: the PLOVER type (CONSULT, COOPERATE, SUPPORT, AID, REQUEST, DEMAND, ACCUSE,
  REJECT, THREATEN, PROTEST, SANCTION, COERCE, ASSAULT, ...); ``cameo`` its CAMEO root.
- ``mode``: for CONSULT, "video call", "phone call", "meeting" or "visit" from the nearest
  mode phrase in the sentence; "dalam format yang sama" takes the previous event's mode.
- ``date``: ISO date from the sentence's time expressions (``times`` from
  :func:`warta.understand.timex.find_times`): a relative one before the trigger ("delapan
  hari setelah Putin berbicara ...") gives the date it resolves to, else the expression
  nearest the trigger, save, for an asserted event, one after the article's date past a
  future word after the trigger ("mengancam akan membalas pada awal tahun depan"); else the
  article's date when the sentence says "hari ini"/"today"; else the date of a following
  sentence that refers back to this one ("Kesepakatan itu dicapai ... 15 Desember 2021");
  else ``None``.
- ``location``: the place named after a locative ("di Beijing"), a city before a country.
- ``evidence`` is the sentence; ``start``/``end`` its offsets in ``text`` (in the caption for
  caption events). ``trigger`` is the matched pattern; ``modality`` is ``"asserted"`` or
  ``"planned"`` ("akan", "berharap"); negated triggers ("tidak ada rencana ... kunjungan")
  give no event.

How actors are found: the subject is the nearest actor mention (or coordinated mentions,
"X dan Y") before the trigger in its clause that no preposition governs and that is not the
modifier of a role ("Rusia" in "Presiden Rusia Vladimir Putin"); "keduanya", "kedua negara",
"both" stand for the most recent coordinated pair; a verb with no subject of its own shares
the previous event's subject in the sentence ("... membahas ... serta sepakat"); a noun
trigger with none takes the previous sentence's pair; "ia"/"dia" takes the first person of
the sentence that named the last one; a verb in a fronted clause ("Sebelum bertemu Putin,
Prabowo ...") or after ", dan" shares the main clause's subject; a first-person event inside
a direct quotation is the speaker's (:func:`speakers_act`). The object is the first actor
mention after the trigger before the next trigger or clause boundary (for a named subject, a
group the text names by a noun counts too: "meminta masyarakat agar ...", ``generic_actors``;
such a group is the subject only of the acts in ``group_subjects``, "Polisi menangkap ..."),
and within
``object_reach`` words unless a partner word leads to it or the type may target an owner
(``far_objects``: "menyerang pangkalan militer Iran"); a trigger may ask more of it
(``partner``: "membahas ... dengan X"; ``objects``: "membela" a person or country). A
passive trigger ("ditangkap oleh X") has its patient before it, after any reporting verb,
and its agent after it. A meeting or visit noun followed by an actor names its own sides
("kunjungan Presiden Prabowo ke Rusia"). Symmetric types (CONSULT, COOPERATE) with a pair
and no object give one event between the two. Triggers marked ``match_sense`` give nothing
in a sentence about a match ("City menjamu MU"), ``not_followed_by`` words make another
sense ("menangkap ikan"), ``followed_by`` words are the only sense ("menyumbang dana") and
``not_verb_after`` prefixes mark a means, not an act ("membantu mengurangi"); with
``actor_after`` an actor must follow ("called Xi", not "called the actor a star").

All words are data: ``data/plover.toml``, one table per language.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from importlib import resources
from typing import Any

from warta.understand.entities import _alternation
from warta.understand.sentences import sentence_start, split_sentences

__all__ = ["find_events", "speakers_act"]

_WORD_BEFORE = re.compile(r"([\w'’-]+)\W*$")
_WORD_AFTER = re.compile(r"\W*([\w'’-]+)")
_CLAUSE_PUNCT = re.compile(r"[,;:\"“”()—–]|\s-\s")
_STRONG_PUNCT = re.compile(r"[;:\"“”()]")
_MAX_SUBJECT_GAP = 80
# a date or a short name in brackets: (17/6/2025), (17/6), (PBB), (Kemlu)
_BRACKETED_ASIDE = re.compile(r"\(\s*(?:\d{1,4}(?:\s*[/.\-]\s*\d{1,4}){1,2}|[\w.&'’-]{1,15})\s*\)")


@dataclass(frozen=True, slots=True)
class _Trigger:
    code: str
    nominal: bool
    passive: bool
    partner: frozenset[str] = frozenset()  # when set, the object must follow one of these words
    objects: frozenset[str] = frozenset()  # when set, the object's entity type must be one of these
    not_objects_after: frozenset[str] = frozenset()  # and it must not follow one of these words
    match_sense: bool = False  # in a sentence about a match it is a game played, not a meeting
    not_followed_by: frozenset[str] = frozenset()  # another sense: "menangkap ikan" is fishing
    followed_by: frozenset[str] = frozenset()  # when set, the only sense: "menyumbang dana"
    not_verb_after: tuple[str, ...] = ()  # a verb of these prefixes after it: "membantu mengurangi" is no aid
    actor_after: bool = False  # or an actor right after it: "called Xi" (not "called the actor a star")
    not_by: frozenset[str] = frozenset()  # no act when one of these does it: "an earthquake ... struck"
    not_right_after: frozenset[str] = frozenset()  # no act right after these: "dalam mendukung" is a purpose


@dataclass(frozen=True, slots=True)
class _Tables:
    language: str
    trigger: re.Pattern[str]
    triggers: dict[str, _Trigger]
    modes: re.Pattern[str]
    mode_of: dict[str, str]  # phrase -> mode ("" for "the same mode")
    negation: frozenset[str]
    planned: frozenset[str]
    achieved: frozenset[str]  # right before a planned word, it was done ("senang dapat bertemu")
    asked: frozenset[str]  # "meminta X menolak": what is asked for has not happened
    aim: frozenset[str]  # "untuk membebaskan": the aim of another act has not happened
    aim_of_trip: frozenset[str]  # ... unless it is a trip's ("tiba di Rusia untuk menemui")
    group: re.Pattern[str]
    reciprocal: re.Pattern[str]
    first_person: re.Pattern[str]
    third_person: re.Pattern[str]
    birth: re.Pattern[str]
    match_words: re.Pattern[str]
    prepositions: frozenset[str]
    locatives: frozenset[str]
    clause: re.Pattern[str]
    reporting: re.Pattern[str]
    object_reach: int  # words between a trigger and its object, unless one of far_object_after leads to it
    far_object_after: frozenset[str]
    purpose: frozenset[str]  # a far object after one of these belongs to another clause
    far_objects: frozenset[str]  # codes whose target may sit deep in a phrase ("target militer Iran")
    fronted: frozenset[str]  # a sentence opening with one of these puts its main clause after a comma
    coordinators: frozenset[str]  # ", dan mendesak ...": the verb shares the sentence's subject
    adverbs: frozenset[str]  # words that may stand between a coordinator and its verb
    verb_prefixes: tuple[str, ...]  # a word with one of these is a verb's shape ("memperingatkan")
    possessor_after: bool  # a nominal trigger's own actor follows it ("kunjungan Presiden Prabowo ke Rusia")
    nominal_modifiers: frozenset[str]  # words that may stand between such a noun and its actor
    pair_openers: frozenset[str]  # "pertemuan antara X dan Y"
    nominal_partners: frozenset[str]  # "pembicaraan Napoli dengan Torino", "kunjungan Prabowo ke Rusia"
    agent: frozenset[str]
    today: re.Pattern[str]
    generic_actors: re.Pattern[str]  # "masyarakat", "warga": a group the text names by a noun
    group_subjects: dict[str, frozenset[str]]  # code -> groups that may be its doer ("Polisi menangkap ...")
    time_clause: re.Pattern[str]  # "setelah ...", "menyusul ...": to the next comma, another act's time
    anaphor: re.Pattern[str]
    determiners: frozenset[str]
    cameo: dict[str, str]
    symmetric: frozenset[str]


def _alt(words: Any) -> str:
    return _alternation({str(w).lower() for w in words})


def _words(pattern_words: Any) -> re.Pattern[str]:
    return re.compile(r"(?<![\w])(?:" + _alt(pattern_words) + r")(?![\w])")


def _norm(phrase: str) -> str:
    return " ".join(phrase.lower().split())


@cache
def _tables(language: str) -> _Tables:
    data = tomllib.loads(resources.files("warta.understand").joinpath("data/plover.toml").read_text("utf-8"))
    lang = language if language in data else "id"
    table = data[lang]
    triggers: dict[str, _Trigger] = {}
    for row in table.get("triggers", []):
        for word in row["words"]:
            triggers.setdefault(
                _norm(word),
                _Trigger(
                    row["code"],
                    bool(row.get("nominal")),
                    bool(row.get("passive")),
                    frozenset(w.lower() for w in row.get("partner", [])),
                    frozenset(row.get("objects", [])),
                    frozenset(w.lower() for w in row.get("not_objects_after", [])),
                    bool(row.get("match_sense")),
                    frozenset(w.lower() for w in row.get("not_followed_by", [])),
                    frozenset(w.lower() for w in row.get("followed_by", [])),
                    tuple(w.lower() for w in row.get("not_verb_after", [])),
                    bool(row.get("actor_after")),
                    frozenset(w.lower() for w in row.get("not_by", [])),
                    frozenset(w.lower() for w in row.get("not_right_after", [])),
                ),
            )
    mode_of: dict[str, str] = {}
    for mode, phrases in table.get("modes", {}).items():
        for phrase in phrases:
            mode_of.setdefault(_norm(phrase), mode)
    for phrase in table.get("same_mode", []):
        mode_of[_norm(phrase)] = ""
    nouns = _alt(table.get("anaphoric_nouns", []))
    dets = _alt(table.get("anaphoric_determiners", []))
    # used with .match(text, sentence_start): anchored there without "^"
    anaphor = rf"(?:{nouns})\s+(?:{dets})(?![\w])" if lang != "en" else rf"(?:{dets})\s+(?:{nouns})(?![\w])"
    codes = data.get("codes", {})
    return _Tables(
        language=lang,
        trigger=_words(triggers),
        triggers=triggers,
        modes=_words(mode_of),
        mode_of=mode_of,
        negation=frozenset(w.lower() for w in table.get("negation", [])),
        planned=frozenset(w.lower() for w in table.get("planned", [])),
        achieved=frozenset(w.lower() for w in table.get("achieved", [])),
        asked=frozenset(w.lower() for w in table.get("asked", [])),
        aim=frozenset(w.lower() for w in table.get("aim", [])),
        aim_of_trip=frozenset(w.lower() for w in table.get("aim_of_trip", [])),
        group=_words(table.get("group_pronouns", [])),
        reciprocal=_words(table.get("reciprocal", [])),
        # the pronoun, then up to 25 characters of the same clause, ending where the trigger starts
        first_person=re.compile(
            rf"(?<!\w)(?:{_alt(table.get('first_person', []))})(?!\w)[^,;:.!?]{{0,25}}\Z"
        ),
        match_words=_words(table.get("match_words", [])),
        birth=re.compile(rf"(?<!\w)(?:{_alt(table.get('not_event_dates_after', []))})\s*\Z"),
        third_person=re.compile(
            rf"(?<!\w)(?:{_alt(table.get('third_person', []))})(?!\w)[^,;:.!?\"“”]{{0,25}}\Z"
        ),
        prepositions=frozenset(w.lower() for w in table.get("prepositions", [])),
        locatives=frozenset(w.lower() for w in table.get("locatives", [])),
        clause=_words(table.get("clause_words", [])),
        reporting=_words(table.get("reporting_verbs", [])),
        object_reach=int(table.get("object_reach", 1000)),
        far_object_after=frozenset(w.lower() for w in table.get("far_object_after", [])),
        purpose=frozenset(w.lower() for w in table.get("purpose", [])),
        far_objects=frozenset(code for code, v in codes.items() if v.get("far_objects")),
        fronted=frozenset(w.lower() for w in table.get("fronted_clauses", [])),
        coordinators=frozenset(w.lower() for w in table.get("coordinators", [])),
        adverbs=frozenset(w.lower() for w in table.get("verb_adverbs", [])),
        verb_prefixes=tuple(table.get("verb_prefixes", [])),
        possessor_after=bool(table.get("nominal_possessor_after")),
        nominal_modifiers=frozenset(w.lower() for w in table.get("nominal_modifiers", [])),
        pair_openers=frozenset(w.lower() for w in table.get("pair_openers", [])),
        nominal_partners=frozenset(w.lower() for w in table.get("nominal_partners", [])),
        agent=frozenset(w.lower() for w in table.get("agent", [])),
        today=_words(table.get("today", [])),
        group_subjects={code: frozenset(groups) for code, groups in table.get("group_subjects", {}).items()},
        generic_actors=re.compile(rf"(?<![\w-])(?:{_alt(table.get('generic_actors', []))})(?![\w-])"),
        # (with no openers the alternation matches nothing, and so does the pattern)
        time_clause=re.compile(
            rf"(?<![\w-])(?:{_alt(table.get('time_clause_openers', []))})(?![\w-])[^,;.]*"
        ),
        anaphor=re.compile(anaphor),
        determiners=frozenset(w.lower() for w in table.get("anaphoric_determiners", [])),
        cameo={code: str(v.get("cameo")) for code, v in codes.items()},
        symmetric=frozenset(code for code, v in codes.items() if v.get("symmetric")),
    )


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)  # keep offsets


@dataclass(slots=True)
class _Mention:
    start: int
    end: int
    head: int  # where the mention's phrase starts (its role phrase, when it has one)
    actor: str | None  # canonical actor name, None for places that are not actors
    place: str | None  # name when it can be a location
    rank: int  # location preference: 0 a known city, 1 another place, 2 a country
    before: str  # the word before the phrase, lower-cased
    in_role: bool = False
    kind: str = ""  # the entity type: PERSON, ORG, PLACE, COUNTRY


def _mentions(text: str, low: str, entities: list[dict[str, Any]]) -> list[_Mention]:
    out: list[_Mention] = []
    role_spans = [
        (int(e["role_start"]), int(e["start"])) for e in entities if e.get("role_start") is not None
    ]
    for e in entities:
        start, end = int(e["start"]), int(e["end"])
        kind = e.get("type")
        name = e.get("entity") or e.get("surface")
        head = int(e["role_start"]) if e.get("role_start") is not None else start
        m = _WORD_BEFORE.search(low, max(0, head - 30), head)
        before = m.group(1) if m else ""
        actor: str | None
        place: str | None = None
        rank = 3
        if kind == "PLACE":
            actor = e.get("country") if e.get("metonym") else None
            place, rank = name, (0 if e.get("country") else 1)
        elif kind == "COUNTRY":
            actor, place, rank = name, name, 2
        else:
            actor = name
        in_role = any(a <= start < b for a, b in role_spans)
        out.append(_Mention(start, end, head, actor, place, rank, before, in_role, str(kind or "")))
    return out


def _with_groups(text: str, low: str, mentions: list[_Mention], t: _Tables) -> list[_Mention]:
    """``mentions`` and the groups the text names by a noun (``generic_actors``: "meminta
    masyarakat agar ..."), targets named as written. Not a noun that is part of a name or a
    role ("pemerintah Indonesia"; a capitalised word follows) or inside an entity."""
    groups = []
    for m in t.generic_actors.finditer(low):
        start, end = m.span()
        if any(o.head <= start < o.end for o in mentions):
            continue
        after = text[end : end + 2]
        if after[:1] == " " and after[1:2].isupper():
            continue
        before = _WORD_BEFORE.search(low, max(0, start - 30), start)
        groups.append(
            _Mention(start, end, start, m.group(), None, 3, before.group(1) if before else "", False, "GROUP")
        )
    return sorted([*mentions, *groups], key=lambda m: m.start) if groups else mentions


def _pairs(text: str, mentions: list[_Mention]) -> list[tuple[int, str, str]]:
    """Coordinated actor pairs ("Putin dan Xi", "Cina dan Rusia"): (end offset, first, second)."""
    conj = {"dan", "and", "serta", "&"}
    actors = [m for m in mentions if m.actor and not m.in_role]
    out: list[tuple[int, str, str]] = []
    for a, b in itertools.pairwise(actors):
        gap = text[a.end : b.head].strip().lower()
        if gap in conj and a.actor != b.actor:
            out.append((b.end, str(a.actor), str(b.actor)))
    return out


def find_events(
    text: str,
    entities: list[dict[str, Any]],
    times: list[dict[str, Any]],
    language: str | None,
    published_at: datetime | None,
    *,
    image_caption: str | None = None,
) -> list[dict[str, Any]]:
    """Events in ``text`` (and in ``image_caption``, marked ``"field": "image_caption"``)."""
    lang = "en" if language == "en" else "id"
    events = _events_in(text, entities, times, lang, published_at) if text else []
    if image_caption:
        # the caption is short: its own mentions and times are cheap to find here
        from warta.understand.entities import find_entities
        from warta.understand.timex import find_times

        cap_entities = find_entities(image_caption, lang, published_at)
        cap_times = find_times(image_caption, published_at, lang)
        for event in _events_in(image_caption, cap_entities, cap_times, lang, published_at):
            same = next((e for e in events if _same_event(e, event)), None)
            if same is not None:
                # the photo shows what the body tells: one event, with what the caption adds
                for key in ("location", "mode", "date"):
                    if same[key] is None:
                        same[key] = event[key]
                continue
            event["field"] = "image_caption"
            events.append(event)
    return events


def _same_event(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return (
        a["code"] == b["code"]
        and {a["actor1"], a["actor2"]} == {b["actor1"], b["actor2"]}
        and (a["date"] == b["date"] or b["date"] is None)
        and a["modality"] == b["modality"]
    )


def _events_in(
    text: str,
    entities: list[dict[str, Any]],
    times: list[dict[str, Any]],
    lang: str,
    published_at: datetime | None,
) -> list[dict[str, Any]]:
    t = _tables(lang)
    low = _lower(text)
    mentions = _mentions(text, low, entities)
    with_groups = _with_groups(text, low, mentions, t)
    pairs = _pairs(text, mentions)
    sentences = split_sentences(text)
    events: list[dict[str, Any]] = []
    previous: list[dict[str, Any]] = []
    for index, (s, e) in enumerate(sentences):
        hits = [m for m in t.trigger.finditer(low, s, e)]
        if not hits:
            _anaphor(t, low, s, e, times, previous)
            previous = []
            continue
        current: list[dict[str, Any]] = []
        window_start = sentences[max(0, index - 1)][0]
        for i, hit in enumerate(hits):
            trig = t.triggers.get(_norm(hit.group()))
            if trig is None:
                continue
            ts, te = hit.span()
            limit = hits[i + 1].start() if i + 1 < len(hits) else e
            after = hits[i - 1].end() if i else s
            made = _event(
                text,
                low,
                t,
                trig,
                hit,
                s,
                e,
                limit,
                after,
                mentions,
                pairs,
                window_start,
                current,
                with_groups,
            )
            for event in made:
                event.update(
                    _details(text, low, t, event, ts, te, s, e, mentions, times, published_at, events)
                )
                twin = next((c for c in current if _same_event(c, event)), None)
                if twin is not None:
                    for key in ("mode", "location", "date"):
                        if twin[key] is None:
                            twin[key] = event[key]
                    continue
                current.append(event)
                events.append(event)
        _anaphor(t, low, s, e, times, previous)
        previous = current
    for event in events:
        event.pop("_subject", None)
    return _drop_repeats(events)


def _drop_repeats(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """An undated event told again ("kedua pemimpin telah berbicara ...") after a dated one is that one."""
    out: list[dict[str, Any]] = []
    for event in events:
        if event["date"] is None and any(
            o["date"] is not None
            and o["code"] == event["code"]
            and {o["actor1"], o["actor2"]} == {event["actor1"], event["actor2"]}
            and o["modality"] == event["modality"]
            for o in out
        ):
            continue
        out.append(event)
    return out


def _negated(low: str, t: _Tables, s: int, ts: int) -> str | None:
    """``"negated"``, ``"planned"`` or ``None`` from the five words before the trigger: planned,
    hoped for, weighed, only possible ("bisa", unless glad or proud of it: "senang bisa
    bertemu") or asked for ("akan", "meminta X menolak"), or the aim of another act ("untuk
    membebaskan", the aim right before the trigger or one word from it) but not of a trip
    ("tiba di Rusia untuk menemui Putin" is told as done)."""
    words = re.findall(r"[\w'’-]+", low[max(s, ts - 60) : ts])[-5:]
    if any(w in t.negation or w.endswith("n't") for w in words):
        return "negated"
    for i, w in enumerate(words):
        # "bangga bisa bertemu": glad to have been able to, so done
        if (w in t.planned and not (i and words[i - 1] in t.achieved)) or w in t.asked:
            return "planned"
    if t.aim.intersection(words[-2:]) and not t.aim_of_trip.intersection(words):
        return "planned"
    return None


def _clause_start(low: str, t: _Tables, s: int, ts: int, strong: bool) -> int:
    start = s
    punct = _STRONG_PUNCT if strong else _CLAUSE_PUNCT
    # a date or an abbreviation in brackets does not end the subject's clause: "Khamenei, Rabu
    # (17/6/2025), memperingatkan", "Perserikatan Bangsa-Bangsa (PBB) menolak"
    asides = [m.span() for m in _BRACKETED_ASIDE.finditer(low, s, ts)] if strong else []
    for m in punct.finditer(low, s, ts):
        if not any(a <= m.start() < b for a, b in asides):
            start = max(start, m.end())
    for m in t.clause.finditer(low, s, ts):
        start = max(start, m.end())
    return start


def _event(
    text: str,
    low: str,
    t: _Tables,
    trig: _Trigger,
    hit: re.Match[str],
    s: int,
    e: int,
    limit: int,
    after_trigger: int,
    mentions: list[_Mention],
    pairs: list[tuple[int, str, str]],
    window_start: int,
    current: list[dict[str, Any]],
    with_groups: list[_Mention] | None = None,
) -> list[dict[str, Any]]:
    ts, te = hit.span()
    if trig.match_sense and t.match_words.search(low, s, e):
        return []  # "City menjamu MU di Etihad": a match, not a meeting
    if trig.not_followed_by or trig.followed_by or trig.not_verb_after or trig.actor_after:
        after = _WORD_AFTER.match(low, te)
        word = after.group(1) if after else ""
        actor_next = after is not None and any(m.head == after.start(1) and m.actor for m in mentions)
        if (
            word in trig.not_followed_by
            or ((trig.followed_by or trig.actor_after) and word not in trig.followed_by and not actor_next)
            or (len(word) >= 6 and word.startswith(trig.not_verb_after))
        ):
            return []
    state = _negated(low, t, s, ts)
    if state == "negated":
        return []
    word_before = _WORD_BEFORE.search(low, max(s, ts - 30), ts) if trig.not_right_after else None
    if word_before is not None and word_before.group(1) in trig.not_right_after:
        return []  # "dalam mendukung operasional", "sangat membantu": a purpose or a quality, no act
    if trig.not_by and trig.not_by.intersection(
        re.findall(r"[\w-]+", low[_clause_start(low, t, s, ts, False) : ts])
    ):
        return []  # "Parkinson bisa menyerang", "the quake struck": a disease or a force of nature
    if trig.nominal:
        # "pertemuan tersebut" / "this meeting" refers to an event already told
        after = _WORD_AFTER.match(low, te)
        before = _WORD_BEFORE.search(low, max(s, ts - 20), ts)
        if (t.language != "en" and after and after.group(1) in t.determiners) or (
            t.language == "en" and before and before.group(1) in ("this", "that")
        ):
            return []
    own = _nominal_sides(low, t, te, limit, mentions) if trig.nominal and t.possessor_after else None
    if own is not None:
        subject, obj = own
        return _pairs_out(text[ts:te], t, trig, state, subject, obj, False)
    subject, pronoun = [], False
    if not trig.passive and _coordinated(low, t, s, ts):
        # ", mendesak mereka ...": the main clause's subject, not the last name before the comma
        subject = _main_subject(low, t, s, e, ts, te, mentions)
    if not subject:
        subject, pronoun = _subject(text, low, t, s, ts, mentions, pairs, strict=trig.passive)
    if not subject and not pronoun and not trig.passive:
        subject = _person_pronoun(low, t, s, ts, mentions)
    if not subject and not pronoun and not trig.passive:
        subject = _main_subject(low, t, s, e, ts, te, mentions)
    if not subject and not pronoun and not trig.passive and trig.code in t.group_subjects and with_groups:
        # "Polisi menangkap ...", "Warga memprotes ...": for these acts a group is a doer
        subject = _group_subject(low, s, ts, with_groups, t.group_subjects[trig.code])
    if (
        current
        and not pronoun
        and after_trigger > s
        and not _CLAUSE_PUNCT.search(low, after_trigger, ts)
        and not t.clause.search(low, after_trigger, ts)
        and any(after_trigger <= m.start < ts for m in mentions if m.actor)
    ):
        # "menolak campur tangan Barat dan membela ...": Barat was the object of the previous verb
        subject = list(current[-1]["_subject"])
    # a group named by a noun is the other side of a named actor's act ("meminta masyarakat
    # agar ..."), never the only actor: with no one named, a "membantu" or "mendukung" is
    # mostly no act at all
    targets = with_groups if with_groups is not None and subject and not trig.passive else mentions
    obj = _object(low, t, te, limit, targets, pairs, subject, trig)
    if trig.objects and not obj:
        return []  # a trigger that needs its object ("membela") has none of the right kind
    if trig.passive:
        agent = _agent(low, t, te, limit, mentions)
        subject, obj = agent, subject
    if not subject and not pronoun and not trig.passive:
        if current:
            subject = list(current[-1]["_subject"])  # "X dan Y membahas ... serta sepakat ..."
            if trig.nominal and current[-1]["code"] == trig.code:
                return []  # "berjabat tangan ... saat pertemuan": the same meeting, told twice
        elif trig.nominal:
            recent = [p for p in pairs if window_start <= p[0] <= ts]
            if recent:
                subject = [recent[-1][1], recent[-1][2]]
    reciprocal = t.reciprocal.search(low, max(s, ts - 20), ts) is not None or t.reciprocal.search(
        low, te, min(e, te + 20)
    )
    return _pairs_out(text[ts:te], t, trig, state, subject, obj, reciprocal)


def _group_subject(low: str, s: int, ts: int, mentions: list[_Mention], groups: frozenset[str]) -> list[str]:
    """One of ``groups``, named by a noun right before the trigger, two words at most between
    them ("Polisi juga menangkap"), in the same sentence."""
    for m in reversed(mentions):
        if m.end > ts or m.head < s:
            continue
        if (
            m.kind == "GROUP"
            and m.actor in groups
            and len(low[m.end : ts].split()) <= 2
            and not _CLAUSE_PUNCT.search(low, m.end, ts)
        ):
            return [str(m.actor)]
        break
    return []


def _pairs_out(
    trigger: str,
    t: _Tables,
    trig: _Trigger,
    state: str | None,
    subject: list[str],
    obj: list[str],
    reciprocal: bool,
) -> list[dict[str, Any]]:
    pairs_out: list[tuple[str | None, str | None]] = []
    if len(subject) >= 2 and not obj and (trig.code in t.symmetric or reciprocal):
        pairs_out.append((subject[0], subject[1]))
    elif subject and obj:
        pairs_out.extend((a, b) for a in subject for b in obj if a != b)
    elif subject:
        if trig.code in t.symmetric and not trig.passive:
            return []  # a meeting needs two sides
        pairs_out.extend((a, None) for a in subject)
    elif obj:
        pairs_out.extend((None, b) for b in obj)
    return [
        {
            "actor1": a,
            "actor2": b,
            "code": trig.code,
            "cameo": t.cameo.get(trig.code),
            "trigger": trigger,
            "modality": state or "asserted",
            "_subject": subject,
        }
        for a, b in pairs_out
    ]


def _nominal_sides(
    low: str, t: _Tables, te: int, limit: int, mentions: list[_Mention]
) -> tuple[list[str], list[str]] | None:
    """The actors a nominal trigger names itself, after it: "kunjungan kerja Presiden Prabowo ke
    Rusia" (Prabowo, Russia), "pembicaraan Napoli dengan Torino", "pertemuan antara Wirtz dan
    Slot"; "KTT G7" names one side only. None when no actor follows the noun, so that the
    sentence's subject is looked for as with a verb ("Putin, dalam panggilan video dengan Xi")."""
    after = [m for m in mentions if te <= m.head <= limit and m.actor and not m.in_role]
    if not after:
        return None
    first = after[0]
    gap = low[te : first.head].split()
    between = bool(gap) and gap[-1] in t.pair_openers
    if any(w not in t.nominal_modifiers for w in (gap[:-1] if between else gap)):
        return None
    sides = [str(first.actor)]
    if len(after) > 1:
        nxt = after[1]
        link = low[first.end : nxt.head].split()
        if link and len(link) <= 2 and link[-1] in t.nominal_partners and nxt.actor != first.actor:
            return sides, [str(nxt.actor)]
    return sides, []


def _subject(
    text: str,
    low: str,
    t: _Tables,
    s: int,
    ts: int,
    mentions: list[_Mention],
    pairs: list[tuple[int, str, str]],
    *,
    strict: bool = False,
) -> tuple[list[str], bool]:
    # strict (passive verbs): the patient must be in the verb's own clause, never further back
    for strong in (False,) if strict else (False, True):
        start = _clause_start(low, t, s, ts, strong)
        if strict:
            # "X mengatakan pelaku harus ditangkap": the speaker is not who was arrested
            for m in t.reporting.finditer(low, start, ts):
                start = m.end()
        found = [
            m
            for m in mentions
            if start <= m.head
            and m.end <= ts
            and m.actor
            and not m.in_role
            and m.before not in t.prepositions
        ]
        tail_from = found[-1].end if found else start
        group = t.group.search(low, tail_from, ts)
        if group is not None:
            recent = [p for p in pairs if p[0] <= group.start()]
            if recent:
                return [recent[-1][1], recent[-1][2]], True
            return [], True
        if found:
            last = found[-1]
            if ts - last.end > _MAX_SUBJECT_GAP:
                return [], False
            names = [str(last.actor)]
            k = len(found) - 1
            while k > 0:
                gap = text[found[k - 1].end : found[k].head].strip().lower()
                if gap not in ("dan", "and", "serta", ",", "&"):
                    break
                k -= 1
                if found[k].actor not in names:
                    names.insert(0, str(found[k].actor))
            return names, False
    return [], False


def _coordinated(low: str, t: _Tables, s: int, ts: int) -> bool:
    """True for a verb that opens a clause coordinated with the sentence's main one: after a
    comma with a coordinator or none (", dan mendesak ...", ", mendesak mereka ...")."""
    start = _clause_start(low, t, s, ts, False)
    clause = low[start:ts].split()
    if not clause:
        # with no "dan", only after a clause with a verb of its own: ", Name, membantah" closes
        # an apposition ("Kapuspen TNI, Mayjen Kristomei Sianturi, membantah ...")
        return (
            start > s
            and low[:start].rstrip().endswith(",")
            and bool(t.verb_prefixes)
            and any(len(w) >= 6 and w.startswith(t.verb_prefixes) for w in low[s:start].split())
        )
    return clause[0] in t.coordinators and set(clause[1:]) <= t.adverbs


def _main_subject(
    low: str, t: _Tables, s: int, e: int, ts: int, te: int, mentions: list[_Mention]
) -> list[str]:
    """The subject the trigger shares with its sentence's main clause: after a fronted clause
    ("Sebelum pertemuan dengan Putin, Prabowo akan ...": Prabowo) or before a coordinated one
    ("Kementerian Luar Negeri Jepang menaikkan peringatan ..., dan mendesak warganya ...")."""
    lead = _WORD_AFTER.match(low, s)
    if lead and lead.group(1) in t.fronted and "," not in low[s:ts]:
        comma = low.find(",", te, e)
        if comma < 0:
            return []
        m = next((m for m in mentions if m.head > comma and m.actor), None)
        if m is not None and not m.in_role and len(low[comma + 1 : m.head].split()) == 0:
            return [str(m.actor)]
        return []
    if _coordinated(low, t, s, ts):
        first = next((m for m in mentions if m.head >= s and m.actor), None)
        if first is not None and not first.in_role and first.end < ts and not low[s : first.head].split():
            return [str(first.actor)]
    return []


def _person_pronoun(low: str, t: _Tables, s: int, ts: int, mentions: list[_Mention]) -> list[str]:
    """ "Ia meminta ...": a person named before the pronoun, at most 400 characters back: the
    first person of the sentence that named the last one (its subject, usually: "Marcella
    mengaku ... menyudutkan Presiden Prabowo. Kemudian, ia menyesal" is Marcella)."""
    he = t.third_person.search(low, s, ts)
    if he is None:
        return []
    people = [
        m
        for m in mentions
        if m.kind == "PERSON" and m.actor and not m.in_role and he.start() - 400 <= m.end <= he.start()
    ]
    if not people:
        return []
    last = people[-1]
    start = s if last.start >= s else sentence_start(low, last.start)
    return [str(next((m for m in people if m.start >= start), last).actor)]


def _object(
    low: str,
    t: _Tables,
    te: int,
    limit: int,
    mentions: list[_Mention],
    pairs: list[tuple[int, str, str]],
    subject: list[str],
    trig: _Trigger | None = None,
) -> list[str]:
    end = limit
    for m in _CLAUSE_PUNCT.finditer(low, te, limit):
        end = m.start()
        break
    for m in t.clause.finditer(low, te, end):
        end = m.start()
        break
    group = t.group.search(low, te, end)
    for m in mentions:
        if m.start < te or m.head >= end:
            continue
        if group is not None and group.start() < m.start:
            break
        if trig is not None and trig.partner and m.before not in trig.partner:
            continue  # "membahas X": a topic, not the other side
        if trig is not None and trig.objects:
            # "membela Palestina": a person or country right after the verb, else nothing
            # ("membela PSIM", "membela tim Indonesia", "membela diri dari serangan Israel")
            near = len(low[te : m.head].split()) <= 1 and m.before not in trig.not_objects_after
            return [m.actor] if m.actor and m.kind in trig.objects and near else []
        if m.actor and not m.in_role and m.before not in t.locatives and m.actor not in subject:
            gap = low[te : m.head].split()
            if len(gap) > t.object_reach:
                # "meminta suntikan dana dari APBN", "mendesak warganya untuk ... ke Iran": a noun
                # phrase of its own stands first; only a partner word ("pertemuan dengan Presiden
                # sekaligus Direktur MPA") reaches past it, or a code whose target may be a
                # possessor ("menolak ... campur tangan AS"), and never past a purpose clause
                far = trig is not None and trig.code in t.far_objects
                if t.purpose.intersection(gap) or not (far or t.far_object_after.intersection(gap)):
                    return []
            return [m.actor]
    if group is not None:
        recent = [p for p in pairs if p[0] <= group.start()]
        for _, a, b in reversed(recent):
            names = [n for n in (a, b) if n not in subject]
            if len(names) == 2 or (names and len(subject) > 0):
                return names
    return []


def _agent(low: str, t: _Tables, te: int, limit: int, mentions: list[_Mention]) -> list[str]:
    """The agent after a passive verb: right after it ("diboikot AS") or after "oleh"/"by"."""
    for m in mentions:
        if m.head < te or not m.actor or m.in_role:
            continue
        gap = low[te : m.head].split()
        if m.head <= limit and (not gap or " ".join(gap) in t.agent):
            return [m.actor]
        break
    return []


def _details(
    text: str,
    low: str,
    t: _Tables,
    event: dict[str, Any],
    ts: int,
    te: int,
    s: int,
    e: int,
    mentions: list[_Mention],
    times: list[dict[str, Any]],
    published_at: datetime | None,
    earlier: list[dict[str, Any]],
) -> dict[str, Any]:
    mode = None
    if event["code"] == "CONSULT":
        best: tuple[int, str] | None = None
        for m in t.modes.finditer(low, s, e):
            distance = (
                0
                if m.start() <= ts < m.end() or ts <= m.start() < te
                else min(abs(m.start() - te), abs(ts - m.end()))
            )
            if best is None or distance < best[0]:
                best = (distance, t.mode_of.get(_norm(m.group()), ""))
        if best is not None:
            mode = best[1] or next((x["mode"] for x in reversed(earlier) if x.get("mode")), None)
    return {
        "mode": mode,
        "date": _date(low, t, (ts, te), s, e, times, published_at, event["modality"] == "asserted"),
        "location": _location(mentions, t, s, e),
        "evidence": text[s:e],
        "start": s,
        "end": e,
    }


def _day_of(value: Any) -> str | None:
    return str(value)[:10] if value else None


def _date(
    low: str,
    t: _Tables,
    trigger: tuple[int, int],
    s: int,
    e: int,
    times: list[dict[str, Any]],
    published_at: datetime | None,
    asserted: bool = True,
) -> str | None:
    ts, te = trigger
    today = published_at.date().isoformat() if published_at is not None else None

    def later_act(x: dict[str, Any]) -> bool:
        """ "mengkritik ... dan mengancam akan membalas pada awal tahun depan": a date after the
        article's, past a future word after the trigger, is that future act's, not the done one's."""
        return (
            asserted
            and today is not None
            and str(x["value"])[:10] > today
            and x["start"] >= te
            and any(w in t.planned for w in low[te : x["start"]].split())
        )

    inside = [
        x
        for x in times
        if s <= x["start"] < e
        and x.get("value")
        and not t.birth.search(low, max(s, x["start"] - 20), x["start"])
        and not later_act(x)
    ]
    relative = [x for x in inside if x.get("relation") and x["end"] <= ts]
    if relative:
        return _day_of(relative[-1]["value"])
    # "..., setelah Israel menyerang Iran pada 13 Juni": a clause opened by "setelah",
    # "menyusul" ... tells another act; its time is that act's, and the act inside it takes
    # its own clause's time first
    clauses = [m.span() for m in t.time_clause.finditer(low, s, e)]
    own = next(((a, b) for a, b in clauses if a <= ts < b), None)
    mine = [x for x in inside if own[0] <= x["start"] < own[1]] if own else []
    others = [span for span in clauses if span != own]
    inside = mine or [x for x in inside if not any(a <= x["start"] < b for a, b in others)]
    plain = [x for x in inside if not x.get("relation")]
    if plain:
        plain.sort(
            key=lambda x: (x.get("granularity") == "range", min(abs(x["start"] - ts), abs(ts - x["end"])))
        )
        return _day_of(plain[0]["value"])
    if published_at is not None and t.today.search(low, s, e):
        return published_at.date().isoformat()
    return None


def _location(mentions: list[_Mention], t: _Tables, s: int, e: int) -> str | None:
    places = [m for m in mentions if s <= m.start < e and m.place and m.before in t.locatives]
    if not places:
        return None
    return min(places, key=lambda m: (m.rank, m.start)).place


def _anaphor(
    t: _Tables, low: str, s: int, e: int, times: list[dict[str, Any]], previous: list[dict[str, Any]]
) -> None:
    """ "Kesepakatan itu dicapai ... 15 Desember 2021": that date is the previous sentence's too."""
    if not previous or not t.anaphor.match(low, s):
        return
    day = next(
        (x["value"] for x in times if s <= x["start"] < e and x.get("value") and not x.get("relation")), None
    )
    if day is None:
        return
    for event in previous:
        if event["date"] is None:
            event["date"] = _day_of(day)


def speakers_act(
    events: list[dict[str, Any]], quotes: list[dict[str, Any]], text: str, language: str | None
) -> None:
    """Give an event told in the first person inside a direct quotation ("Kami sering
    berdiskusi dengan ARSSI," kata X) the quotation's speaker as its first actor, when it has
    none: the pronoun must stand right before the trigger, in its clause. In place."""
    said = [
        (q["start"], q["end"], q["speaker_entity"])
        for q in quotes
        if q.get("kind") == "direct" and q.get("speaker_entity")
    ]
    if not said:
        return
    t = _tables(language or "id")
    low = _lower(text)
    for event in events:
        if event.get("actor1") is not None or event.get("field"):
            continue
        at = low.find(str(event.get("trigger") or "").lower(), event["start"], event["end"])
        if at < 0 or t.first_person.search(low, max(event["start"], at - 40), at) is None:
            continue
        for start, end, speaker in said:
            if start <= at < end and speaker != event.get("actor2"):
                event["actor1"] = speaker
                break
