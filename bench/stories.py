"""Story clustering quality on ECB+ and streaming speed on indonews-2025.

Quality: ../shared/data/ecbplus/docs.jsonl (982 English documents, 43 topics with
two similar-but-different events each; gold cluster = ``subtopic``). Names come
from capitalised words, as in ``warta ingest --no-facts``. With ``--facts`` the
understand stage runs first, as in a default ingest, and its entities name the
article where ``link_entity_languages`` says so: not English, by default (add it with
``--set 'link_entity_languages=["id","en"]'``). There are
no dates, so documents are fed in file order (``--order file``, the default,
which interleaves the two events of a topic) or sorted by doc_id
(``--order doc_id``); time decay is then inactive. Prints pairwise and BCubed
precision, recall and F1.

Speed: the bodies of ../shared/data/indonews-2025/articles.jsonl (Indonesian),
in file order with their rough publication day when one can be read, through
the same clusterer with the shipped defaults; prints articles/s and the peak
number of open stories.

    python bench/stories.py [--data ../shared/data] [--order file|doc_id] [--threshold X] [--entity-weight X]

``--build-idf`` (re)writes the shipped background document frequencies
(src/warta/link/background_df.json.gz): derived counts only, Indonesian from
indonews-2025 + indosum-dev, English from the extraction benchmark's ground-truth
bodies (never from ECB+, the evaluation set).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter, defaultdict
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

from warta.config import LinkConfig
from warta.link.stories import ArticleFeatures, StoryClusterer
from warta.model import Article
from warta.understand import understand

ROOT = Path(__file__).resolve().parents[1]
WIB = timezone(timedelta(hours=7))
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"]
    )
}
MONTHS.update({"may": 5, "aug": 8, "oct": 10, "dec": 12})


def pairwise(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    def pairs(labels: list[str]) -> int:
        return sum(c * (c - 1) // 2 for c in Counter(labels).values())

    tp = pairs([f"{g}\t{p}" for g, p in zip(gold, pred, strict=True)])
    n_pred, n_gold = pairs(pred), pairs(gold)
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def bcubed(gold: list[str], pred: list[str]) -> tuple[float, float, float]:
    joint = Counter(zip(gold, pred, strict=True))
    g_size, p_size = Counter(gold), Counter(pred)
    n = len(gold)
    p = sum(joint[(g, q)] / p_size[q] for g, q in zip(gold, pred, strict=True)) / n
    r = sum(joint[(g, q)] / g_size[g] for g, q in zip(gold, pred, strict=True)) / n
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def rough_date(raw: str) -> datetime | None:
    """A day from strings like '18 Jun 2025, 14:05 WIB' or '18/06/2025' (bench only)."""
    m = re.search(r"(\d{1,2})\s+([A-Za-z]{3})[a-z]*\s+(\d{4})", raw or "")
    if m and m.group(2).lower()[:3] in MONTHS:
        return datetime(int(m.group(3)), MONTHS[m.group(2).lower()[:3]], int(m.group(1)), tzinfo=WIB)
    m = re.search(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw or "")
    if m and 1 <= int(m.group(2)) <= 12:
        return datetime(int(m.group(3)), int(m.group(2)), int(m.group(1)), tzinfo=WIB)
    return None


def build_idf(data: Path, config: LinkConfig) -> None:
    """Count, per language, in how many background documents each term and name occurs."""
    corpora: dict[str, list[tuple[str, str]]] = {"id": [], "en": []}
    for name in ("indonews-2025", "indosum-dev"):
        for line in (data / name / "articles.jsonl").open(encoding="utf-8"):
            if line.strip():
                row = json.loads(line)
                corpora["id"].append((row.get("title") or "", row.get("body") or ""))
    truth = json.loads((data / "extraction-benchmark" / "ground-truth.json").read_text(encoding="utf-8"))
    corpora["en"] = [("", str(item.get("articleBody") or "")) for item in truth.values()]
    out: dict[str, dict[str, object]] = {}
    for language, texts in corpora.items():
        df: Counter[str] = Counter()
        for title, body in texts:
            words, names = ArticleFeatures("", title, body, language=language).raw_counts(
                config.story_title_weight, config.story_body_words
            )
            df.update(set(words) | set(names))
        floor = 3 if len(texts) > 1000 else 2  # one-off tokens say nothing and would bloat the file
        kept = {t: c for t, c in sorted(df.items()) if c >= floor}
        out[language] = {"docs": len(texts), "df": kept}
        print(f"background {language}: {len(texts)} documents, {len(kept)} features (df >= {floor})")
    target = ROOT / "src" / "warta" / "link" / "background_df.json.gz"
    target.write_bytes(gzip.compress(json.dumps(out, ensure_ascii=False, sort_keys=True).encode(), mtime=0))
    print(f"wrote {target} ({target.stat().st_size} bytes)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    parser.add_argument("--order", choices=["file", "doc_id"], default="file")
    parser.add_argument("--threshold", type=float)
    parser.add_argument("--entity-weight", type=float)
    parser.add_argument("--top-terms", type=int)
    parser.add_argument("--title-weight", type=float)
    parser.add_argument("--body-words", type=int)
    parser.add_argument(
        "--set", action="append", default=[], metavar="KNOB=VALUE", help="any LinkConfig knob"
    )
    parser.add_argument("--skip-speed", action="store_true")
    parser.add_argument(
        "--facts",
        action="store_true",
        help="run the understand stage first, as a default `warta ingest` does; its entities name"
        " the articles in the link_entity_languages",
    )
    parser.add_argument("--build-idf", action="store_true", help="rewrite the shipped background IDF table")
    args = parser.parse_args()
    changes = {
        k: v
        for k, v in {
            "story_threshold": args.threshold,
            "story_entity_weight": args.entity_weight,
            "story_top_terms": args.top_terms,
            "story_title_weight": args.title_weight,
            "story_body_words": args.body_words,
        }.items()
        if v is not None
    }
    for item in args.set:
        key, _, value = item.partition("=")
        changes[key] = json.loads(value)
    config = LinkConfig().with_(**changes)
    data = Path(args.data)
    if args.build_idf:
        build_idf(data, config)
        return
    docs_path = data / "ecbplus" / "docs.jsonl"
    if not docs_path.is_file():
        sys.exit(f"missing {docs_path}")
    docs = [json.loads(line) for line in docs_path.open(encoding="utf-8") if line.strip()]
    if args.order == "doc_id":
        docs.sort(key=lambda d: d["doc_id"])

    features = []
    for d in docs:
        text = d.get("text") or ""
        lead = d.get("title_or_lead") or ""
        if text.startswith(lead):  # the lead is the first sentence of the text: do not count it twice
            text = text[len(lead) :]
        if args.facts:  # the understand stage runs, as in a default `warta ingest`
            understood = understand(Article(title=lead, body=d.get("text") or "", language="en"))
            article = Article(title=lead, body=text, language="en", entities=understood.entities)
            linked = ArticleFeatures.from_article(article, entity_languages=config.link_entity_languages)
            features.append(replace(linked, article_id=d["doc_id"]))
        else:
            features.append(ArticleFeatures(d["doc_id"], lead, text, language="en"))
    clusterer = StoryClusterer(config)
    pred: list[str] = []
    start = time.perf_counter()
    for f in features:
        pred.append(clusterer.assign(f))
    clusterer.refine()  # the run ends: the last articles get their second look
    elapsed = time.perf_counter() - start
    # Articles may move by a second look, and open stories may merge later: map every
    # article to the story it ended in.
    moves = {article_id: story_id for article_id, _, story_id in clusterer.pop_moved()}
    pred = [moves.get(f.article_id, p) for f, p in zip(features, pred, strict=True)]
    final = dict(clusterer.pop_merged())  # chains come flattened: the last pair for an id wins
    pred = [final.get(p, p) for p in pred]
    gold = [d["subtopic"] for d in docs]
    pp, pr, pf = pairwise(gold, pred)
    bp, br, bf = bcubed(gold, pred)
    # Topic-level view: how often the two events of one topic were merged.
    merged = 0
    by_topic: dict[str, set[str]] = defaultdict(set)
    for d, story in zip(docs, pred, strict=True):
        by_topic[story].add(d["subtopic"])
    merged = sum(1 for subs in by_topic.values() if len(subs) > 1)
    names = "capitalised words"
    if args.facts and "en" in config.link_entity_languages:
        names = "the understand stage's entities (--facts)"
    elif args.facts:
        names += " (--facts: the understand stage ran; English links by capitalised words, see link_entity_languages)"
    print(
        f"ECB+ docs {len(docs)}  gold clusters {len(set(gold))}  stories {len(set(pred))}  order {args.order}"
        f"  names from {names}"
    )
    print(f"pairwise  P {pp:.4f}  R {pr:.4f}  F1 {pf:.4f}")
    print(f"BCubed    P {bp:.4f}  R {br:.4f}  F1 {bf:.4f}")
    print(f"stories mixing gold events: {merged}   ({len(docs) / elapsed:.0f} docs/s)")

    if not args.skip_speed:
        articles_path = data / "indonews-2025" / "articles.jsonl"
        rows = [json.loads(line) for line in articles_path.open(encoding="utf-8") if line.strip()]
        feats = [
            ArticleFeatures(
                str(i),
                r.get("title") or "",
                r.get("body") or "",
                language="id",
                published_at=rough_date(r.get("date_raw") or ""),
            )
            for i, r in enumerate(rows)
        ]
        feats.sort(key=lambda f: f.published_at or datetime(1970, 1, 1, tzinfo=WIB))
        clusterer = StoryClusterer(config)
        peak_open = 0
        start, cpu = time.perf_counter(), time.process_time()
        moves = 0
        for f in feats:
            clusterer.assign(f)
            moves += len(clusterer.pop_moved())
            peak_open = max(peak_open, len(clusterer))
        clusterer.refine()  # the run ends
        moves += len(clusterer.pop_moved())
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
        closed = len(clusterer.close_all())
        dated = sum(1 for f in feats if f.published_at)
        print(
            f"indonews articles {len(feats)} ({dated} with a rough day, sorted by it)  "
            f"articles/s {len(feats) / elapsed:.0f} wall, {len(feats) / cpu:.0f} per CPU-second  stories {closed}  peak open {peak_open}"
            f"  moved by a second look {moves}"
        )
    print(f"config: {json.dumps({k: v for k, v in config.to_dict().items() if k.startswith('story_')})}")
    print("command: python " + " ".join(sys.argv))


if __name__ == "__main__":
    main()
