"""One place for the link stage's thresholds and windows.

Every knob says which way it moves precision against recall, so a change is
a deliberate trade and not a guess. The defaults are what the benchmarks in
``bench/dedup.py`` and ``bench/stories.py`` report; they were chosen to be
defensible on general news, not fitted to one evaluation set.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from datetime import timedelta
from typing import Any

__all__ = ["LinkConfig"]


@dataclass(frozen=True, slots=True)
class LinkConfig:
    """Thresholds and windows for near-duplicates, stories, storylines and related news."""

    # --- near-duplicates (MinHash + LSH) -------------------------------------------------
    # Number of MinHash permutations. More: a tighter Jaccard estimate (fewer borderline
    # mistakes both ways) at a linear cost in CPU and in signature bytes (4 per permutation).
    dedup_num_perm: int = 128
    # LSH bands; rows per band = num_perm / bands. More bands (fewer rows each): pairs with
    # lower similarity become candidates -> recall up, more candidates to verify (slower).
    dedup_bands: int = 32
    # Words per shingle. Longer shingles: a shared phrase counts less, so different
    # articles on one topic look less alike (precision up) and an edited copy loses more
    # shingles per edit (recall down).
    dedup_shingle_words: int = 5
    # Estimated Jaccard similarity a candidate must reach to be a duplicate. Up: fewer
    # false groupings (precision), edited re-scrapes drop out (recall).
    dedup_threshold: float = 0.7
    # A copy that grew or shrank (a re-scrape with a paragraph added, a syndicated copy
    # cut short) keeps its Jaccard low but the smaller text is almost wholly inside the
    # larger one. Containment at or above this also counts. 1.0 would switch it off
    # (precision up); lower finds more trimmed copies (recall up).
    dedup_containment: float = 0.95
    # Texts with fewer shingles than this are too short to compare by shingles (an empty
    # body, "SCROLL TO CONTINUE"); they only match a copy with the identical signature.
    # Up: fewer stub pages grouped by boilerplate (precision), short real copies missed.
    dedup_min_shingles: int = 8
    # Near-duplicates are looked for among articles published at most this long before the
    # newest one seen (re-scrapes and syndicated copies come within days). Longer: late
    # reprints still found (recall) at memory growing with the window. Exact copies of any
    # age: look up ``warta.link.dedup.content_hash`` in the store.
    dedup_window: timedelta = timedelta(days=30)
    # Hard cap on articles held (oldest leave first), which also bounds undated input.
    # 0: no cap. About 1 KB of arrays plus the band tables per article.
    dedup_max_articles: int = 1_000_000

    # --- stories (streaming clustering) ------------------------------------------------
    # Cosine similarity (after time decay) an article needs with an open story to join it.
    # Up: stories split into more, purer pieces (precision); down: similar-but-different
    # events merge (recall up, precision down). Lowered from 0.21 when the month and figure
    # checks below came in (they cut the similarity of different happenings instead).
    story_threshold: float = 0.18
    # A story with no new article for this long is closed and leaves memory. Longer: late
    # follow-ups still join (recall) at more memory and more chances to merge (precision).
    story_window: timedelta = timedelta(days=3)
    # Half-life of the time decay of similarity between an article and a story's last
    # article. Shorter: a story must be fed steadily (precision up, slow stories split).
    story_half_life: timedelta = timedelta(days=2)
    # Hard cap on open stories (least recently updated are closed first), so memory stays
    # bounded whatever the input rate. Lower: faster, but busy days close live stories.
    story_max_open: int = 2000
    # How much a feature shared by several open stories is discounted (it counts
    # 1 / n**contrast for n stories holding it): the boxer both title fights share says
    # less than the opponent. Off by default: on ECB+ it lowered F1 at every threshold tried.
    # Up: similar events kept apart (precision), but a story's
    # own common words count less too (recall). 0 switches it off.
    story_contrast: float = 0.0
    # Terms kept in a story centroid. More: centroids remember more (recall) at more memory.
    story_top_terms: int = 60
    # Weight of entity (name) features against word features in the article vector.
    # Up: names, places and organisations decide more (tells two similar events apart:
    # precision) but spelling variants split stories (recall).
    story_entity_weight: float = 2.0
    # Title terms count this many times over body terms (a title is the story's label).
    story_title_weight: float = 2.0
    # Body words read per article (the lead carries the event; the tail drifts).
    story_body_words: int = 400
    # Average link: an article's similarity to a story is its mean similarity to the
    # story's latest ``story_members`` articles (0: the centroid cosine alone). A centroid
    # of two merged sister events still looks like each of them; the mean over members
    # does not, so average link keeps such events apart (precision) at a little CPU.
    story_members: int = 24
    # Two articles that both mention years, none in common, are about different
    # happenings (last year's title fight, this year's). Their similarity is cut by
    # this fraction. Up: precision; a report recalling an old year alongside the
    # current one still shares that year with its story, so recall suffers little.
    story_year_penalty: float = 0.5
    # Two articles that both name months (capitalised: "March 14", "14 Maret"), none in
    # common, are about different happenings: their similarity is cut by this fraction.
    # Up: precision; a story running over a month's end loses a little recall.
    story_month_penalty: float = 0.5
    # Two articles that both state figures (magnitudes, tolls, ages, sums; not years, clock
    # times or dates), none in common, are likely about different happenings (a 4.6 and a
    # 4.2 quake; "dies at 95", "dies at 75"): their similarity is cut by this fraction.
    # Kept mild because follow-ups update figures (a rising toll) yet usually repeat one.
    # Up: precision; down: recall. 0 switches it off.
    story_figure_penalty: float = 0.2
    # After each article, merge its story with the open story whose average link to it
    # reaches ``story_merge_threshold`` (a happening whose first reports differed, split
    # in two). The caller learns merges from ``StoryClusterer.pop_merged`` and from
    # ``StorySummary.merged_from``; ``warta.linking`` moves the absorbed story's stored
    # articles to the survivor and drops its row. On ECB+ it lifts pairwise F1 from 0.871
    # to 0.883 for about 13% more CPU per article. Off: stories never merge (recall down).
    story_merge: bool = True
    # Average link two open stories need to merge (with ``story_merge`` on). Higher than
    # ``story_threshold``: a merge joins two groups at once, so it must be surer than one
    # article joining. Up: fewer merges (precision); down: recall up, sister events merge.
    story_merge_threshold: float = 0.28
    # Second look: once this many more articles have been assigned, an article is checked
    # again against the open stories as they stand then, and moves to the one it now fits
    # best (see ``story_move_margin``); a run's last articles get theirs when the run ends.
    # An early report joins while its story is one or two articles old; a second look
    # fixes the choice once both sister events have grown. 0 switches it off.
    story_second_look: int = 100
    # How much better (average link) the other open story must fit than the article's own
    # story before the article moves. Up: fewer moves (the first choice stands); down: more
    # moves, and articles between two close stories may change sides for little reason.
    story_move_margin: float = 0.01
    # Languages whose articles are linked by the understand stage's entities (names folded
    # across spellings and titles); articles in other languages are linked by capitalised
    # word runs, as without the understand stage. The entity tagger is trained on
    # Indonesian news only: on English ECB+ its names gave story pairwise F1 0.884 against
    # 0.905 for capitalised runs (related news: nDCG@10 0.966 against 0.965), while on
    # Indonesian IndoSum they lift related news (nDCG@10 0.705 against 0.690).
    link_entity_languages: tuple[str, ...] = ("id",)
    # Add shipped background document frequencies (Indonesian, English) to the learned
    # ones so IDF is sensible from the first article of a stream (see features.background_df).
    story_background_idf: bool = True
    # Vocabulary size kept for incremental document frequencies; beyond it rare terms
    # are pruned and counts halved (old news weighs less). Bounds memory, not quality.
    story_max_vocabulary: int = 500_000

    # --- storylines (stories chained over months and years) ----------------------------
    # Shared entities (actors) two stories need to be in one storyline. Up: fewer,
    # surer chains (precision); down: storylines absorb anything with one common name.
    storyline_min_shared_entities: int = 2
    # Cosine similarity of the issue terms needed as well. Up: precision; down: recall.
    storyline_term_threshold: float = 0.2
    # Overall score (entity overlap + terms) needed to join an existing storyline.
    storyline_threshold: float = 0.35
    # A storyline not extended for this long is closed. Longer: chains span longer gaps.
    storyline_window: timedelta = timedelta(days=365 * 3)
    # Cap on storylines kept in memory (least recently extended are closed first).
    storyline_max_open: int = 20_000

    # --- related news (ranking) --------------------------------------------------------
    related_weight_topic: float = 1.0  # TF-IDF cosine of target and candidate
    related_weight_story: float = 0.3  # bonus for the same story
    related_weight_storyline: float = 0.2  # bonus for the same storyline
    related_weight_recency: float = 0.15  # bonus for being close in time to the target
    # Half-life of the recency bonus. Longer: older background pieces rank higher.
    related_recency_half_life: timedelta = timedelta(days=7)
    # Candidates scoring below this are dropped (fewer but surer suggestions).
    related_min_score: float = 0.05
    related_limit: int = 10

    def __post_init__(self) -> None:
        if self.dedup_num_perm % self.dedup_bands:
            raise ValueError("dedup_num_perm must be a multiple of dedup_bands")
        for name in (
            "dedup_threshold",
            "dedup_containment",
            "story_threshold",
            "story_year_penalty",
            "story_month_penalty",
            "story_merge_threshold",
            "story_figure_penalty",
            "story_move_margin",
        ):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f"{name} must be within 0..1, got {value}")
        if self.story_second_look < 0:
            raise ValueError(f"story_second_look must be 0 or more, got {self.story_second_look}")

    def with_(self, **changes: Any) -> LinkConfig:
        """A copy with some knobs changed (the dataclass is frozen)."""
        return replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; timedeltas as seconds."""
        out = asdict(self)
        for key, value in out.items():
            if isinstance(value, timedelta):
                out[key] = value.total_seconds()
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> LinkConfig:
        """Inverse of :meth:`to_dict`; unknown keys are ignored."""
        kwargs: dict[str, Any] = {}
        for f in fields(cls):
            if f.name in data:
                value = data[f.name]
                if isinstance(f.default, timedelta) and not isinstance(value, timedelta):
                    value = timedelta(seconds=float(value))
                elif isinstance(f.default, tuple):
                    value = tuple(value)
                kwargs[f.name] = value
        return cls(**kwargs)
