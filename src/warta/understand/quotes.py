"""Quotations in article text: what was said, by whom (as written), relayed by whom.

``find_quotes(text, language)`` returns one plain dict per quotation, in text order::

    {"start", "end", "text", "kind", "speaker", "speaker_start", "speaker_end",
     "verb", "source", "speaker_inferred"}

``start``/``end``/``text`` are the quoted or reported content (for a direct quote,
inside the quote marks, without the comma that hands over to the attribution).
``speaker`` is the surface string with its offsets, or ``None``; mapping it to an
entity is the resolver's job. ``source`` is a relaying source ("Xinhua" in
"seperti dikutip Xinhua"; "data bea cukai" in "menurut data bea cukai"), else ``None``.

Direct quotes (straight "..." or curly “...” marks):

- ``"...," kata Xi`` / ``"...," kata Putin kepada Xi`` / ``"...", kata X.`` (verb before
  the speaker), ``"...," Xi said`` (speaker before the verb);
- ``X mengatakan, "..."`` / ``X said: "..."`` / ``Menurut X, "..."``;
- ``"...," katanya``: the "-nya" verb names no one: the most recent named speaker,
  with ``speaker_inferred`` true (pronoun speakers "dia", "he" likewise);
- a quote with no attribution of its own, when its paragraph is only that quote, or
  when it opens a sentence in a paragraph whose earlier quote is attributed: the
  speaker of the previous quote in the same or the previous paragraph
  (``speaker_inferred`` true; ``None`` when there is no such quote). A quoted phrase
  inside a sentence ("menyatakan "pandangan negatif" mereka") is not a quotation.

Indirect (reported) speech, one per sentence at most:

- ``X mengatakan [kepada wartawan] [bahwa] ...`` / ``X said [that] ...``: the content
  runs from after the verb (and the addressee and "bahwa") to the sentence end;
- ``..., kata Ushakov.`` / ``..., X said.``: the clause before the attribution
  (also when it holds a quoted phrase);
- ``Menurut X, ...`` / ``..., menurut X``: the verb is "menurut"; a document
  ("data", "laporan") is a source, not a speaker.

The word lists are data (``data/quotes.toml``), one table per language.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from itertools import pairwise
from typing import Any

from warta.understand.sentences import _split, abbreviations, degrees
from warta.understand.timex import _alt, lowered, weekday_names

__all__ = ["find_quotes", "names_own", "points_back"]

_QUOTE = re.compile(r'"([^"\n]*)"|“([^”\n]*)”')
# any two double marks: scrapes mix them ('"…,” ujar X', '”…”')
_MIXED_QUOTE = re.compile(r'["“”]([^"“”\n]*)["“”]')


def _quotations(text: str) -> list[re.Match[str]]:
    """The quoted spans of ``text``, paragraph by paragraph: pairs of one style where the
    paragraph's marks balance (so a term quoted in the other style inside stays inside:
    '"Persepsi “mahal” kerap ..."'), any two marks in turn where they do not."""
    out: list[re.Match[str]] = []
    start = 0
    while start <= len(text):
        end = text.find("\n", start)
        end = len(text) if end < 0 else end
        para = text[start:end]
        balanced = para.count('"') % 2 == 0 and para.count("“") == para.count("”")
        out.extend((_QUOTE if balanced else _MIXED_QUOTE).finditer(text, start, end))
        start = end + 1
    return out


_WORD = re.compile(r"[^\s,.;:!?\"“”()]+")
_DATELINE = re.compile(r"[A-Z][\w.]*(?:\.[A-Za-z]+)*,\s+[A-Z][\w ]{1,30}?\s+[-–—]\s+")
_PUNCT_TAIL = ",;: "
_DATE_AFTER_DAY = re.compile(r"\s*(?:\([^()]{1,20}\))?[\s,]*")  # " (19/6/2025), " after a weekday


@dataclass(frozen=True, slots=True)
class _Tables:
    post_verb_first: re.Pattern[str]
    post_speaker_first: re.Pattern[str]
    pre_verb: re.Pattern[str]
    lead_verb: re.Pattern[str]
    trailing: re.Pattern[str]
    trailing_speaker_first: re.Pattern[str]
    according: re.Pattern[str]
    according_back: re.Pattern[str]
    relays: re.Pattern[str]
    complementizer: re.Pattern[str]
    speech_object: re.Pattern[str]
    act_verbs: frozenset[str]
    needs_complementizer: frozenset[str]
    addressee: frozenset[str]
    object_verbs: frozenset[str]
    suffixed: frozenset[str]
    not_after: frozenset[str]
    relatives: frozenset[str]
    speaker_stop: frozenset[str]
    pronouns: frozenset[str]
    plural_pronouns: frozenset[str]
    person_nouns: tuple[str, ...]  # "pentolan Dewa 19 itu": a person described, not named
    demonstratives: frozenset[str]
    body_part: re.Pattern[str]
    body_words: frozenset[str]
    lowercase_sources: tuple[str, ...]
    naming: tuple[str, ...]  # "yang akrab disapa Angie itu": the name after these is the speaker's
    titles: frozenset[str]
    joiners: frozenset[str]  # "dan" inside a titled speaker's office ("Kepala Biro Komunikasi dan Informasi")
    lead_ins: tuple[str, ...]
    circumstance: frozenset[str]
    document_heads: frozenset[str]
    according_words: frozenset[str]
    subject_stop: frozenset[str]
    weekdays: frozenset[str]


@cache
def _tables(language: str) -> _Tables:
    data = tomllib.loads(resources.files("warta.understand").joinpath("data/quotes.toml").read_text("utf-8"))
    q = data.get(language) or data["id"]
    before = _alt(q["verbs_before_speaker"])
    after = _alt(q["verbs_after_speaker"])
    speaker = r"(?:[A-Z][\w.'’\-]*|" + _alt(q["pronouns"]) + r")(?:\s+[A-Z][\w.'’\-]*){0,4}"
    return _Tables(
        # verb-first patterns run on the lower-cased text; the speaker-first ones on the original,
        # since a speaker there is told by its capital
        post_verb_first=re.compile(rf"[\s,]*(?P<verb>{before})(?!\w)"),
        # an appositive may stand between speaker and verb: '"...," Jane Smith, a professor at Oxford, told'
        post_speaker_first=re.compile(
            rf"[\s,]*(?P<spk>{speaker})(?:,\s+(?=[a-z])[^,\"“”.!?]{{1,60}},)?\s+(?P<verb>{after})(?!\w)"
        ),
        pre_verb=re.compile(
            rf"(?<!\w)(?P<verb>{after}|{before}|{_alt(q.get('verbs_before_quote', []))})(?:\s+(?:{_alt(q['addressee'])})\s+[\w\-]+)?\s*[,:]\s*\Z"
        ),
        lead_verb=re.compile(rf"(?<!\w)(?P<verb>{after})(?!\w)"),
        trailing=re.compile(rf",\s*(?P<verb>{before})(?!\w)"),
        trailing_speaker_first=re.compile(rf",\s*(?P<spk>{speaker})\s+(?P<verb>{after})\s*[.!?]?\s*\Z"),
        according=re.compile(rf"(?P<verb>{_alt(q['according_to'])})\s+(?P<who>[^,.]+?)\s*,\s*"),
        # "Menurutnya, ..." (also after a short lead: "Jadi, menurutnya, ..."): the last speaker's
        according_back=re.compile(
            rf"(?:\w+(?:\s+\w+)?,\s*)?(?P<verb>(?:{_alt(q['according_to'])})(?:{_alt(q['suffix_speaker'])}))(?!\w)\s*,?\s*"
        ),
        # "dilansir AFP", or glued to the name at a link's edge in a scrape: "dilansirAFP"
        relays=re.compile(rf"(?<!\w)(?:{_alt(q['relays'])})(?:\s+|(?=\w))"),
        complementizer=re.compile(rf"(?:{_alt(q['complementizers'])})(?!\w)\s*"),
        speech_object=re.compile(rf"(?:{_alt(q.get('speech_objects', []))})(?!\w)"),
        act_verbs=frozenset(q.get("act_verbs", [])),
        needs_complementizer=frozenset(q.get("verbs_needing_complementizer", [])),
        addressee=frozenset(q["addressee"]),
        object_verbs=frozenset(" ".join(w.split()) for w in q["object_verbs"]),
        # a listed verb with the suffix: the last speaker's ("katanya", "menurutnya"; not "tanya")
        suffixed=frozenset(
            v + x
            for v in (
                *q["verbs_before_speaker"],
                *q["verbs_after_speaker"],
                *q["according_to"],
                *q.get("suffix_only", []),
            )
            for x in q["suffix_speaker"]
        ),
        not_after=frozenset(q["not_after"]),
        relatives=frozenset(q.get("relatives", [])),
        speaker_stop=frozenset(q["speaker_stop"]),
        pronouns=frozenset(q["pronouns"]),
        plural_pronouns=frozenset(q.get("plural_pronouns", [])),
        person_nouns=tuple(q.get("person_nouns", [])),
        demonstratives=frozenset(q.get("demonstratives", [])),
        lowercase_sources=tuple(q.get("lowercase_sources", [])),
        body_words=frozenset(q.get("body_parts", [])),
        body_part=re.compile(rf"(?:{_alt(q.get('body_parts', []))})\s+(?=\S)", re.IGNORECASE),
        naming=tuple(q.get("naming", [])),
        titles=frozenset(q["speaker_titles"]),
        joiners=frozenset(q.get("office_joiners", [])),
        lead_ins=tuple(sorted(q["lead_ins"], key=len, reverse=True)),
        circumstance=frozenset(q["circumstance"]),
        document_heads=frozenset(q["document_heads"]),
        according_words=frozenset(" ".join(w.split()) for w in q["according_to"]),
        subject_stop=frozenset(q["subject_stop"]),
        weekdays=weekday_names(language),
    )


class _State:
    """Per-call state: the text, its lower-cased twin, and the running speaker memory."""

    __slots__ = ("last_para", "last_quote_speaker", "last_speaker", "low", "out", "t", "text")

    def __init__(self, text: str, t: _Tables) -> None:
        self.text = text
        self.low = lowered(text)
        self.t = t
        self.out: list[dict[str, Any]] = []
        self.last_speaker: tuple[str, int, int] | None = None  # most recent named speaker
        self.last_quote_speaker: tuple[str, int, int, bool] | None = None  # speaker of the last direct quote
        self.last_para = -1  # paragraph index of the last direct quote


# the holder's name after an office, set off by a comma ("..., Aji Wirawan")
_OFFICE_HOLDER = re.compile(r"[^.;:\"“”]*?, [A-Z]")


@cache
def _degree() -> re.Pattern[str]:
    """A degree written after a name ("M.M.", "Ph.D"), at a position."""
    return re.compile(rf"(?:{_alt(degrees())})\.?(?!\w)")


def _without_degrees(text: str, start: int, end: int) -> int:
    """``end`` before the degrees that close a speaker phrase ("Dr. Sinta Maharani, S.H., M.H.")."""
    while (comma := text.rfind(",", start, end)) > start and _degree().fullmatch(
        text[comma + 1 : end].strip()
    ):
        end = comma
    return end


def _title_stop(prev: str, gap: str, word: str) -> bool:
    """The stop of a title or an initial before a name ("Dr. Hendra", "Prof. Rina", "M. Hatta"):
    no end of the speaker's phrase."""
    return (
        gap.strip() == "."
        and gap.endswith(" ")
        and word[:1].isupper()
        and (prev in abbreviations() or (len(prev) == 1 and prev.isupper()))
    )


def _described(text: str, tokens: list[re.Match[str]], t: _Tables) -> bool:
    """True for a person described and pointed at, in lower case after the verb ("kata penyanyi
    berusia 52 tahun itu"): a person noun, then a demonstrative before any punctuation. A bare
    noun ("kata pelatih") is not taken: the quotation keeps the speaker named before."""
    if not tokens or tokens[0].group().lower() not in t.person_nouns:
        return False
    for prev, tok in pairwise(tokens[:9]):
        low = tok.group().lower()
        if text[prev.end() : tok.start()].strip() or low in t.speaker_stop:
            return False  # the phrase ends before it points ("ujar pelatih yang ... itu")
        if low in t.demonstratives:
            return True
    return False


def _speaker_after(st: _State, pos: int, limit: int) -> tuple[int, int] | None:
    """The speaker phrase starting at ``pos`` ("Putin" in "kata Putin kepada Xi"), as offsets."""
    t, text = st.t, st.text
    start = end = -1
    tokens = list(_WORD.finditer(text, pos, limit))
    titled = bool(tokens) and tokens[0].group().lower() in t.titles
    for count, tok in enumerate(tokens):
        gap = text[end : tok.start()] if end >= 0 else text[pos : tok.start()]
        word = tok.group()
        lower = word.lower()
        if (
            titled
            and lower in t.joiners
            and count + 1 < len(tokens)
            and tokens[count + 1].group()[:1].isupper()
            and not gap.strip()
            and _OFFICE_HOLDER.match(text, tok.end(), min(limit, tok.end() + 120)) is not None
        ):
            end = tok.end()  # "Kepala Biro Komunikasi dan Informasi Publik ..., Aji Wirawan"
            continue
        appositive = gap.strip() == "," and count and word[0].isupper() and lower not in t.weekdays
        if appositive and _degree().match(text, tok.start()):
            break  # "..., Hendra Saputra, M.M.": the degree is no part of the speaker
        if (
            gap.strip()
            and not appositive
            and not (count and _title_stop(tokens[count - 1].group(), gap, word))
        ):
            break  # punctuation ends the phrase (an appositive comma before a name is allowed)
        if count == 0:
            known = lower in t.pronouns or lower in t.titles or lower in t.document_heads
            # "kata istana Arvania": a common noun is a speaker when a name follows it
            named = (
                len(tokens) > 1
                and tokens[1].group()[0].isupper()
                and text[tok.end() : tokens[1].start()] == " "
            )
            if not (word[0].isupper() or known or (named and lower not in t.speaker_stop)) and not _described(
                text, tokens, t
            ):
                return None
        elif lower in t.speaker_stop or count >= (14 if titled else 8):
            break
        if start < 0:
            start = tok.start()
        end = tok.end()
    return (start, end) if start >= 0 else None


def _subject(st: _State, start: int, end: int) -> tuple[int, int] | None:
    """The speaker phrase in ``text[start:end]`` before a speech verb ("Juru bicara Kremlin, Yuri Ushakov")."""
    t, text, low = st.t, st.text, st.low
    dateline = _DATELINE.match(text, start, end)
    if dateline:
        start = dateline.end()
    after_aside = False
    for lead in t.lead_ins:
        if low.startswith(lead, start) and not low[start + len(lead) : start + len(lead) + 1].isalnum():
            start += len(lead)
            after_aside = True
            break
    while start < end and text[start] in " ,":
        start += 1
    while end > start and text[end - 1] in _PUNCT_TAIL:
        end -= 1
    # leading circumstance clauses and asides are not the speaker: "Dalam pengarahan itu,
    # Ushakov ...", "Terpisah, Ushakov ...", "Dilansir AFP, Ushakov ..."
    while True:
        first = low[start:end].split(" ", 1)[0].strip(",")
        comma = text.find(",", start, end)
        if comma > 0 and (first in t.circumstance or _aside(st, start, comma)):
            after_aside = True
            start = comma + 1
            while start < end and text[start] == " ":
                start += 1
            continue
        break
    # a date written before the speaker: "Kamis (19/6/2025) Air India ..."
    day = _WORD.match(text, start, end)
    if day is not None and day.group().lower() in t.weekdays:
        after = _DATE_AFTER_DAY.match(text, day.end(), end)
        if after is not None and after.end() < end and text[after.end()].isupper():
            start = after.end()
    if start >= end:
        return None
    end = _without_degrees(text, start, _subject_end(st, start, end))
    words = text[start:end].split()
    if len(words) > 12:
        comma = text.rfind(",", start, end)
        if comma < 0:
            return None
        start = comma + 1
        while start < end and text[start] == " ":
            start += 1
        words = text[start:end].split()
        if not words or len(words) > 12:
            return None
    # after a lead-in the speaker may open in lower case ("Terpisah, jubir KPK ..."), but not
    # with a number or a circumstance ("Terpisah, dalam riset ...")
    head = words[0].lower()
    lower_ok = (
        after_aside
        and text[start].isalpha()
        and not (head in t.circumstance or head in t.subject_stop or head in t.not_after)
    )
    if not (text[start].isupper() or head in t.pronouns or lower_ok):
        return None
    return (start, end)


def _remember_speaker(st: _State, span: tuple[int, int]) -> bool:
    """Keep a named speaker as the one a later "katanya" or "dia" means; False for a pronoun."""
    surface = st.text[span[0] : span[1]]
    if surface.lower() in st.t.pronouns:
        return False
    st.last_speaker = (surface, span[0], span[1])
    return True


def _emit(
    st: _State,
    kind: str,
    start: int,
    end: int,
    speaker: tuple[int, int] | None,
    verb: str | None,
    source: str | None,
    *,
    inferred: tuple[str, int, int] | None = None,
) -> dict[str, Any] | None:
    text = st.text
    while end > start and text[end - 1] in _PUNCT_TAIL:
        end -= 1  # the comma that hands over to "kata X" is not part of what was said
    while start < end and text[start] in " ,":
        start += 1
    if end - start < 2:
        return None
    surface: str | None = None
    s_start = s_end = None
    is_inferred = False
    if speaker is not None:
        s_start, s_end = speaker
        surface = text[s_start:s_end]
        if not _remember_speaker(st, speaker) and st.last_speaker is not None:
            # "dia", "he": the most recent named speaker is meant
            surface, s_start, s_end = st.last_speaker
            is_inferred = True
    elif inferred is not None:
        surface, s_start, s_end = inferred
        is_inferred = True
    item = {
        "start": start,
        "end": end,
        "text": text[start:end],
        "kind": kind,
        "speaker": surface,
        "speaker_start": s_start,
        "speaker_end": s_end,
        "verb": verb,
        "source": source,
        "speaker_inferred": is_inferred,
    }
    st.out.append(item)
    return item


def _relay(st: _State, start: int, end: int, anchored: bool = False) -> re.Match[str] | None:
    """The first relay ("dilansir") in ``text[start:end]``, or only at ``start`` when anchored.
    A relay glued to the next word counts only when that word is a name: "dilansirAFP" and
    "dilansirdetikJateng", not "melaluinya"."""
    text = st.text
    pos = start
    while pos < end:
        m = st.t.relays.match(st.low, pos, end) if anchored else st.t.relays.search(st.low, pos, end)
        if m is None:
            return None
        glued = text[m.end() : end]
        if text[m.end() - 1].isspace() or glued[:1].isupper() or glued.startswith(st.t.lowercase_sources):
            return m
        if anchored:
            return None
        pos = m.end()
    return None


def _source(st: _State, start: int, end: int) -> str | None:
    relay = _relay(st, start, end)
    if relay is None:
        return None
    span = _speaker_after(st, relay.end(), end)
    if span is None:
        # outlets written in lower case: "dikutip dari detikbali", "dilansir detikJateng"
        word = _WORD.match(st.text, _skip_space(st.text, relay.end()), end)
        if word is None or not (
            word.group().startswith(st.t.lowercase_sources) or _CAMEL.match(word.group())
        ):
            return None
        name = word.group()
        head = _CAMEL_HEAD.match(name)
        if head is not None and head.group() in st.t.body_words:
            name = name[head.end() :]  # "lamanEMC": the site's name, not "laman" (web page)
        return name
    if st.low[span[0] : span[1]].split()[0] in st.t.weekdays:
        return None  # "dikutip Selasa (17/6)": a date, not a source
    return st.text[span[0] : _subject_end(st, span[0], span[1])]


def names_own(before_name: str, language: str = "id") -> bool:
    """True when a name in a speaker's description is the speaker's own: what comes before it
    ends with a naming word ("Wanita yang akrab disapa " Angie), not a relation ("Suami " Sheila
    Dara)."""
    return before_name.lower().rstrip().endswith(_tables(language).naming)


_CAMEL = re.compile(r"[a-z]+[A-Z]\w*\Z")  # "detikJateng", "iNews", "tvOne"
_CAMEL_HEAD = re.compile(r"[a-z]+(?=[A-Z])")
_SHORT_FORM = re.compile(r"\s*\([^()]{1,15}\)\Z")


def speaker_core(phrase: str, language: str = "id") -> str:
    """The name a speaker phrase gives, without the words that only say which part of a body
    spoke ("Manajemen PSIS" -> "PSIS", ``body_parts``) and a short form in brackets after it
    ("International Air Transport Association (IATA)" -> the full name)."""
    core = _SHORT_FORM.sub("", phrase.strip())
    while (part := _tables(language).body_part.match(core)) is not None:
        core = core[part.end() :]
    return core


def points_back(quote: dict[str, Any], language: str = "id") -> bool:
    """True for a quote whose attribution names no one and means someone already named: no
    speaker and a "-nya" verb ("katanya", ``suffix_speaker`` in ``data/quotes.toml``), a
    pronoun speaker ("dia", "Ia menambahkan"), or a person described and pointed at
    ("pentolan Dewa 19 itu", ``person_nouns``, ``demonstratives``)."""
    t = _tables(language)
    speaker, verb = quote.get("speaker"), quote.get("verb")
    if speaker is None:
        return bool(verb and str(verb).lower() in t.suffixed)
    words = str(speaker).lower().replace(",", " ").split()
    if words[-1] in t.demonstratives and len(words) >= 2 and " ".join(words).startswith(t.person_nouns):
        return True
    # "Dia", and a pronoun after a lead-in the phrase kept ("Saat itu dia", "Pasalnya, ia")
    pronoun = words[0] if words[0] in t.pronouns or len(words) > 3 else words[-1]
    return pronoun in t.pronouns and pronoun not in t.plural_pronouns


def _verb_speaker(st: _State, verb: re.Match[str], limit: int) -> tuple[tuple[int, int] | None, bool]:
    """Speaker after a verb-first attribution; ``(None, True)`` for "katanya" (the last speaker)."""
    word = verb.group("verb")
    if word in st.t.suffixed:
        return None, True
    return _speaker_after(st, verb.end(), limit), False


def _direct(st: _State, q: re.Match[str], sent: tuple[int, int], para: tuple[int, int, int]) -> bool:
    """Handle one quoted span; True when it was taken as a quotation with its own attribution."""
    t, text, low = st.t, st.text, st.low
    qs, qe = q.span()
    cs, ce = q.span(1) if q.group(1) is not None else q.span(2)
    para_index, para_start, para_end = para
    opens_sentence = not text[sent[0] : qs].strip()
    # 1. attribution after the quote: "...," kata Xi / "...," Xi said
    if opens_sentence:
        verb = t.post_verb_first.match(low, qe)
        if verb is not None and verb.start("verb") - qe <= 3:
            speaker, from_memory = _verb_speaker(st, verb, sent[1])
            if speaker is not None or from_memory:
                tail = speaker[1] if speaker else verb.end()
                source = _source(st, tail, sent[1])
                if verb.group("verb") in t.according_words and speaker and _is_document(st, speaker):
                    source, speaker = text[speaker[0] : speaker[1]], None
                item = _emit(
                    st,
                    "direct",
                    cs,
                    ce,
                    speaker,
                    text[verb.start("verb") : verb.end("verb")],
                    source,
                    inferred=st.last_speaker if from_memory else None,
                )
                _remember(st, item, para_index)
                return True
        after = t.post_speaker_first.match(text, qe)
        if after is not None and _caps_ok(st, after.start("spk")):
            speaker = after.span("spk")
            source = _source(st, after.end(), sent[1])
            item = _emit(st, "direct", cs, ce, speaker, text[after.start("verb") : after.end("verb")], source)
            _remember(st, item, para_index)
            return True
    # 2. attribution before the quote: X mengatakan, "..." / Menurut X, "..."
    pre = t.pre_verb.search(low, sent[0], qs)
    if pre is not None and set(low[sent[0] : pre.start()].split()[-1:]) & t.relatives:
        pre = None  # "pengguna yang bertanya, ...": the verb of a relative clause, not the sentence's
    if pre is not None:
        speaker = _subject(st, sent[0], pre.start())
        verb_text = text[pre.start("verb") : pre.end("verb")]
        if speaker is None and low[sent[0] : pre.start()].strip() == "":
            # "Kata Xi, "..."" / "Menurut Xi, "...""
            speaker = _speaker_after(st, pre.end("verb"), qs)
        if speaker is not None:
            item = _emit(st, "direct", cs, ce, speaker, verb_text, _source(st, qe, sent[1]))
            _remember(st, item, para_index)
            return True
    according = t.according.match(low, sent[0]) if opens_sentence is False else None
    if according is not None and according.end() >= qs - 1:
        speaker = according.span("who")
        item = _emit(
            st, "direct", cs, ce, speaker, text[according.start("verb") : according.end("verb")], None
        )
        _remember(st, item, para_index)
        return True
    # 3. no attribution of its own: a quote-only paragraph, or a sentence-opening quote after an attributed one
    only_quote = not text[para_start:qs].strip() and not text[qe:para_end].strip(" .")
    previous = st.last_quote_speaker
    recent = st.last_para == para_index or (only_quote and st.last_para == para_index - 1)
    if previous is not None and recent and (only_quote or opens_sentence):
        item = _emit(st, "direct", cs, ce, None, None, None, inferred=previous[:3])
        _remember(st, item, para_index)
        return False
    if only_quote:
        item = _emit(st, "direct", cs, ce, None, None, None)
        _remember(st, item, para_index)
    return False


def _caps_ok(st: _State, pos: int) -> bool:
    word = st.low[pos : pos + 12].split(" ", 1)[0]
    return st.text[pos].isupper() or word in st.t.pronouns


def _is_document(st: _State, span: tuple[int, int]) -> bool:
    head = st.low[span[0] : span[1]].split(" ", 1)[0]
    return head in st.t.document_heads


def _remember(st: _State, item: dict[str, Any] | None, para_index: int) -> None:
    if item is None:
        return
    st.last_para = para_index
    if item["speaker"] is not None:
        st.last_quote_speaker = (
            item["speaker"],
            item["speaker_start"],
            item["speaker_end"],
            item["speaker_inferred"],
        )
    else:
        st.last_quote_speaker = None


def _indirect(st: _State, sent: tuple[int, int]) -> None:
    t, text, low = st.t, st.text, st.low
    s0, s1 = sent
    body_start = s0
    dateline = _DATELINE.match(text, s0, s1)
    if dateline:
        body_start = dateline.end()
    end = s1
    while end > s0 and text[end - 1] in ".!? ":
        end -= 1
    # a. "..., kata Ushakov." / "..., menurut data bea cukai Cina, ..."
    trailing = None
    for trailing in t.trailing.finditer(low, s0, end):  # noqa: B007 - the last attribution wins
        pass
    if trailing is not None and trailing.start() - body_start > 10:
        speaker, from_memory = _verb_speaker(st, trailing, end)
        if speaker is not None or from_memory:
            rest = text[speaker[1] if speaker else trailing.end() : end].lstrip()
            relay = _relay(st, end - len(rest), end, anchored=True) if rest else None
            if (
                not rest
                or rest[0] in ",;"
                or relay is not None
                or rest.split(" ", 1)[0].lower() in t.speaker_stop
            ):
                verb = text[trailing.start("verb") : trailing.end("verb")]
                source = _source(st, speaker[1], end) if speaker else None
                if verb.lower() in t.according_words and speaker and _is_document(st, speaker):
                    source, speaker = text[speaker[0] : speaker[1]], None
                _emit(
                    st,
                    "indirect",
                    body_start,
                    trailing.start(),
                    speaker,
                    verb,
                    source,
                    inferred=st.last_speaker if from_memory else None,
                )
                return
    spk_first = t.trailing_speaker_first.search(text, s0, s1)
    if spk_first is not None and _caps_ok(st, spk_first.start("spk")):
        _emit(
            st,
            "indirect",
            body_start,
            spk_first.start(),
            spk_first.span("spk"),
            text[spk_first.start("verb") : spk_first.end("verb")],
            None,
        )
        return
    # b. "Menurut X, ..." / "Menurutnya, ..."
    back = t.according_back.match(low, body_start)
    if back is not None and back.end() < end:
        _emit(
            st,
            "indirect",
            back.end(),
            end,
            None,
            text[back.start("verb") : back.end("verb")],
            None,
            inferred=st.last_speaker,
        )
        return
    according = t.according.match(low, body_start)
    if according is not None:
        who = according.span("who")
        source = None
        speaker: tuple[int, int] | None = who
        if _is_document(st, who):
            source, speaker = text[who[0] : who[1]], None
        _emit(
            st,
            "indirect",
            according.end(),
            end,
            speaker,
            text[according.start("verb") : according.end("verb")],
            source,
        )
        return
    # c. "X mengatakan [kepada wartawan] [bahwa] ..."
    for verb in t.lead_verb.finditer(low, body_start, end):
        before = low[max(body_start, verb.start() - 30) : verb.start()].split()
        if len(low[body_start : verb.start()].split()) > 14:
            return
        prev = before[-1].strip(",") if before else ""
        if prev in t.not_after and prev not in ("dan", "and"):
            continue
        if prev in ("dan", "and"):
            speaker = _first_subject(st, body_start, verb.start())
        else:
            speaker = _subject(st, body_start, verb.start())
        if speaker is None:
            continue
        if verb.group("verb") in t.act_verbs and t.speech_object.match(low, _skip_space(low, verb.end())):
            # "Ia menyampaikan apresiasi kepada ...": an act, not what was said; its doer is still
            # whom a "katanya" after it means
            _remember_speaker(st, speaker)
            return
        if verb.group("verb") in t.needs_complementizer and not t.complementizer.match(
            low, _skip_space(low, verb.end())
        ):
            continue
        content = _content_start(st, verb, end)
        if content is None:
            continue
        verb_text = text[verb.start("verb") : verb.end("verb")]
        source = _source(st, speaker[1], verb.start()) or _source(st, body_start, speaker[0])
        outer = _emit(st, "indirect", content, end, speaker, verb_text, source)
        if outer is not None:
            _nested(st, content, end, outer)
        return


def _aside(st: _State, start: int, comma: int) -> bool:
    """True when ``text[start:comma]``, a clause before a comma, is a lead-in rather than (a
    role of) the speaker: it opens with a relay ("Dilansir AFP"), opens in lower case
    ("meskipun ..."), or is two to four words with no name after the first and none of the
    words that end a speaker phrase ("Sebagai permulaan", "Rabu (18/6)"; not "Katz dalam
    pernyataannya"), whose first word is not a title or pronoun. One word is not enough:
    "Terpisah, ..." is a lead-in (``lead_ins``), "Darto, sapaan akrab ..." a name."""
    t, text = st.t, st.text
    words = text[start:comma].split()
    if not words:
        return False
    head = words[0].lower()
    if head in t.titles or head in t.pronouns:
        return False
    if _relay(st, start, comma, anchored=True) is not None:
        return True
    if words[0][0].islower():
        return True
    rest = words[1:]
    return (
        2 <= len(words) <= 4
        and not any(w[0].isupper() or w[0].isdigit() for w in rest)
        and not any(w.lower() in t.subject_stop for w in rest)
    )


def _subject_end(st: _State, start: int, end: int) -> int:
    """Where the speaker phrase in ``text[start:end]`` ends: before an adverb or a
    circumstance written after it ("Katz juga", "Katz dalam pernyataannya", "Katz, Rabu"),
    unless a name follows ("Tujuh hari perang berkecamuk, Netanyahu" keeps its name)."""
    t, text = st.t, st.text
    tokens = list(_WORD.finditer(text, start, end))
    for i in range(1, len(tokens)):
        word = tokens[i].group()
        lower = word.lower()
        if lower in t.weekdays:
            gap = text[tokens[i - 1].end() : tokens[i].start()]
            stop = "," in gap or tokens[i - 1].group().lower() in t.subject_stop
        else:
            stop = word[0].islower() and lower in t.subject_stop
        if stop and not _names_in(st, tokens[i].start(), end):
            while i > 1 and tokens[i - 1].group().lower() in t.not_after:
                i -= 1  # "Situs X yang dikutip ...": the relative pronoun goes too
            cut = tokens[i - 1].end()
            while cut > start and text[cut - 1] in _PUNCT_TAIL:
                cut -= 1
            if text[cut : cut + 1] == ")" and text.count("(", start, cut) > text.count(")", start, cut):
                cut += 1  # "Henry Jenkins (2006)"
            return cut
    return end


def _names_in(st: _State, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds a pronoun or a capitalised word other than a
    weekday or a relayed source ("seperti dilansir AFP")."""
    text = st.text
    relay = _relay(st, start, end)
    skip = (end, end)
    if relay is not None:
        source = _speaker_after(st, relay.end(), end)
        skip = (relay.start(), source[1] if source else relay.end())
    for tok in _WORD.finditer(text, start, end):
        if skip[0] <= tok.start() < skip[1]:
            continue
        word = tok.group()
        lower = word.lower()
        if (word[0].isupper() and lower not in st.t.weekdays) or lower in st.t.pronouns:
            return True
    return False


def _first_subject(st: _State, start: int, end: int) -> tuple[int, int] | None:
    """The sentence subject before its first verb ("X memberikan rincian ... dan mengatakan bahwa")."""
    for tok in _WORD.finditer(st.low, start, end):
        word = tok.group()
        if st.text[tok.start()].islower() and word.startswith(("me", "ber")) and len(word) > 5:
            return _subject(st, start, tok.start())
    return None


def _content_start(st: _State, verb: re.Match[str], end: int) -> int | None:
    t, low = st.t, st.low
    pos = verb.end()
    while pos < end and low[pos] in " ,:":
        pos += 1
    words = low[pos:end].split()
    addressed = bool(words) and (words[0] in t.addressee or verb.group("verb") in t.object_verbs)
    if addressed or (words and words[0] in t.circumstance):
        # "kepada Putin bahwa ...", "said on Monday that ...": an addressee or a circumstance
        # before the complementizer is no part of what was said
        comp = t.complementizer.search(low, pos, min(end, pos + 60))
        if comp is not None and len(low[pos : comp.start()].split()) <= 6:
            return _skip_space(low, comp.end())
    if addressed:
        # "kepada Putin kedua negara ...", "memberi tahu Xi tentang ...": the addressee is the next
        # word and any capitalised ones after it
        skip = 1 if words[0] in t.addressee else 0
        tokens = list(_WORD.finditer(st.text, pos, end))[skip:]
        pos = tokens[0].end() if tokens else end
        for tok in tokens[1:]:
            if not st.text[tok.start()].isupper():
                break
            pos = tok.end()
    comp = t.complementizer.match(low, _skip_space(low, pos))
    if comp is not None:
        pos = comp.end()
    pos = _skip_space(low, pos)
    if len(low[pos:end].split()) < 2:
        return None
    return pos


def _skip_space(low: str, pos: int) -> int:
    while pos < len(low) and low[pos] in " ,":
        pos += 1
    return pos


def _nested(st: _State, start: int, end: int, outer: dict[str, Any]) -> None:
    """ "Media X mengatakan Xi mengatakan kepada Putin bahwa ...": the inner speaker, relayed by the outer one."""
    t, low = st.t, st.low
    verb = t.lead_verb.search(low, start, end)
    if verb is None or len(low[start : verb.start()].split()) > 5:
        return
    speaker = _subject(st, start, verb.start())
    if speaker is not None and low[speaker[0] : speaker[1]] in t.pronouns:
        return  # "X menyatakan bahwa pihaknya tidak pernah meminta ...": X's own words, not relayed
    content = _content_start(st, verb, end) if speaker else None
    if speaker is None or content is None:
        return
    _emit(
        st,
        "indirect",
        content,
        end,
        speaker,
        st.text[verb.start("verb") : verb.end("verb")],
        outer["speaker"],
    )


def find_quotes(text: str, language: str = "id") -> list[dict[str, Any]]:
    """Every direct and indirect quotation in ``text``, in order (see the module doc)."""
    t = _tables(language)
    st = _State(text, t)
    sentences = _split(text)
    quotes = _quotations(text)
    qi = 0
    para_index, para_start = 0, 0
    para_end = text.find("\n")
    if para_end < 0:
        para_end = len(text)
    for sent in sentences:
        while sent[0] > para_end:
            para_start = para_end + 1
            nxt = text.find("\n", para_start)
            para_end = nxt if nxt >= 0 else len(text)
            if text[para_start:para_end].strip():
                para_index += 1
        attributed = False
        while qi < len(quotes) and quotes[qi].start() < sent[1]:
            q = quotes[qi]
            qi += 1
            if q.start() >= sent[0]:
                attributed |= _direct(st, q, sent, (para_index, para_start, para_end))
        if not attributed and not _is_quote_only(text, sent, quotes):
            _indirect(st, sent)
    st.out.sort(key=lambda item: item["start"])
    return st.out


def _is_quote_only(text: str, sent: tuple[int, int], quotes: list[re.Match[str]]) -> bool:
    return any(q.start() <= sent[0] and q.end() >= sent[1] - 1 for q in quotes)
