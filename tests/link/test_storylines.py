"""Storylines over made-up stories two years apart."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from warta.link.features import ArticleFeatures
from warta.link.stories import StoryClusterer, StorySummary
from warta.link.storylines import StorylineLinker, shared_actors

SUMMIT_2031 = [
    (
        "Leaders Meet in Varosk",
        "President Anton Ravelin of Dornia and Premier Lin Haoyu of Qesh met in Varosk on Tuesday and rejected what they called foreign interference in their internal affairs. Anton Ravelin said outside powers had no right to lecture Dornia. Lin Haoyu said Qesh would defend its sovereignty and trade ties with Dornia.",
    ),
    (
        "Ravelin and Lin Sign Trade Pact",
        "Anton Ravelin and Lin Haoyu signed a trade pact in Varosk and again rejected foreign interference. Dornia and Qesh pledged to raise bilateral trade. Lin Haoyu called sovereignty the basis of the partnership.",
    ),
]
SUMMIT_2033 = [
    (
        "Ravelin Hosts Lin in Kaltor",
        "Two years after their Varosk summit, President Anton Ravelin welcomed Premier Lin Haoyu to Kaltor. Both leaders again rejected foreign interference and said Dornia and Qesh would defend their sovereignty. Lin Haoyu praised record trade between Qesh and Dornia.",
    ),
]
HARVEST = [
    (
        "Rice Harvest Breaks Record in Pemalang Valley",
        "Farmers in the Pemalang Valley harvested a record rice crop this season, the agriculture office of Selvara province said. Officer Dewi Kartamu said irrigation repairs and good rain lifted yields by a fifth.",
    ),
]


def close_story(items: list[tuple[str, str]], prefix: str, when: datetime) -> StorySummary:
    clusterer = StoryClusterer()
    for i, (title, body) in enumerate(items):
        clusterer.assign(ArticleFeatures(f"{prefix}{i}", title, body, "en", when + timedelta(hours=i)))
    (summary,) = clusterer.close_all()
    return summary


def two_summits_and_a_harvest() -> tuple[StorySummary, StorySummary, StorySummary]:
    """The 2031 summit, an unrelated harvest a year later and the 2033 summit, closed stories."""
    return (
        close_story(SUMMIT_2031, "s31-", datetime(2031, 5, 6, tzinfo=UTC)),
        close_story(HARVEST, "h-", datetime(2032, 9, 1, tzinfo=UTC)),
        close_story(SUMMIT_2033, "s33-", datetime(2033, 6, 1, tzinfo=UTC)),
    )


def test_same_leaders_same_issue_two_years_apart_is_one_storyline() -> None:
    first, harvest, second = two_summits_and_a_harvest()
    linker = StorylineLinker()
    line_a = linker.link(first)
    line_h = linker.link(harvest)
    line_b = linker.link(second)
    assert line_a == line_b
    assert line_h != line_a
    assert len(shared_actors(first.top_entities, second.top_entities)) >= 2
    assert linker.link(first) == line_a  # an updated story keeps its storyline


def test_one_shared_name_is_not_enough() -> None:
    first = close_story(SUMMIT_2031, "s31-", datetime(2031, 5, 6, tzinfo=UTC))
    other = close_story(
        [
            (
                "Ravelin Opens Bridge",
                "President Anton Ravelin opened a new river bridge in the northern town of Brisk, praising the engineers who finished it early.",
            )
        ],
        "b-",
        datetime(2031, 8, 1, tzinfo=UTC),
    )
    linker = StorylineLinker()
    assert linker.link(first) != linker.link(other)


def test_state_round_trips_and_old_storylines_close() -> None:
    first = close_story(SUMMIT_2031, "s31-", datetime(2031, 5, 6, tzinfo=UTC))
    second = close_story(SUMMIT_2033, "s33-", datetime(2033, 6, 1, tzinfo=UTC))
    linker = StorylineLinker()
    line = linker.link(first)
    resumed = StorylineLinker.from_dict(json.loads(json.dumps(linker.to_dict())))
    assert resumed.link(second) == line
    much_later = close_story(SUMMIT_2033, "s40-", datetime(2040, 1, 1, tzinfo=UTC))
    assert resumed.link(much_later) != line  # beyond the three-year window
    assert [s.storyline_id for s in resumed.pop_closed()] == [line]


def test_a_merged_away_story_leaves_its_storyline_and_an_emptied_one_is_dropped() -> None:
    first, harvest, second = two_summits_and_a_harvest()
    linker = StorylineLinker()
    line = linker.link(first)
    alone = linker.link(harvest)
    assert linker.link(second) == line
    assert linker.forget(second.story_id) == (line, True)
    assert linker.summary_of(line).story_ids == [first.story_id]
    assert linker.forget(harvest.story_id) == (alone, False)
    assert linker.summary_of(alone) is None
    assert alone not in {s.storyline_id for s in linker.open_storylines()}
    assert linker.forget(harvest.story_id) is None
    # the forgotten story links afresh, like any new story
    assert linker.link(second) == line
