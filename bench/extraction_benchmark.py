"""Body-text quality and speed of warta's HTML extractor against trafilatura.

Data: ``../shared/data/extraction-benchmark`` (181 gzipped pages in ``html/``,
``ground-truth.json`` keyed by file hash with ``articleBody``, published
outputs in ``baselines/*.json``). Scoring mirrors scrapinghub's
article-extraction-benchmark ``evaluate.py``: word 4-gram shingles (``\\w+``
tokens), per-page tp/fp/fn normalised by their sum, precision and recall
averaged over pages, F1 from the two means.

In one process and one pass over the pages, alternating which extractor runs
first on each page so neither gets the warmer cache: trafilatura.extract with
its defaults (what the published figure used), trafilatura.extract with the
settings warta passes it, and warta's ``extract_html``. The stored baselines
are scored for reference.

    python bench/extraction_benchmark.py [--data DIR] [--passes N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shlex
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import trafilatura

from warta.extract.decode import DecodeError, decode_bytes
from warta.extract.html import TRAFILATURA_SETTINGS, extract_html
from warta.model import Source

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "extraction-benchmark"
_TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)

TpFpFn = tuple[float, float, float]


def shingles(text: str, n: int = 4) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i : i + n])


def shingle_match(true: str, pred: str) -> TpFpFn:
    truth, guess = shingles(true), shingles(pred)
    tp = float(sum((truth & guess).values()))
    fp = float(sum((guess - truth).values()))
    fn = float(sum((truth - guess).values()))
    total = tp + fp + fn
    # Normalised so that long pages do not weigh more (as the benchmark does).
    return (tp / total, fp / total, fn / total) if total > 0 else (tp, fp, fn)


def metrics(rows: list[TpFpFn]) -> tuple[float, float, float]:
    """(F1, precision, recall) exactly as evaluate.py's metrics_from_tp_fp_fns."""

    def precision(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fp == 0 else tp / (tp + fp)

    def recall(tp: float, fp: float, fn: float) -> float:
        if fp == fn == 0:
            return 1.0
        return 0.0 if tp == fn == 0 else tp / (tp + fn)

    p = statistics.mean(precision(*r) for r in rows if r[0] + r[1] > 0)
    r = statistics.mean(recall(*row) for row in rows if row[0] + row[2] > 0)
    return (2 * p * r / (p + r) if p + r else 0.0), p, r


def decode(data: bytes) -> str:
    try:
        return decode_bytes(data)
    except DecodeError:
        return data.decode("utf-8", "replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument(
        "--passes", type=int, default=1, help="timing passes over all pages (quality from the first)"
    )
    args = parser.parse_args()
    data: Path = args.data
    if not (data / "ground-truth.json").is_file():
        print(f"no benchmark data at {data}", file=sys.stderr)
        return 2
    truth: dict[str, dict[str, str]] = json.loads((data / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)
    pages = {key: decode(gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())) for key in keys}

    refused: dict[str, str] = {}

    def ours(key: str) -> str:
        try:
            article = extract_html(
                pages[key],
                url=truth[key].get("url"),
                outlet=None,
                crawled_at=None,
                source=Source(key, "html"),
            )
        except ValueError as exc:
            refused[key] = str(exc)
            return ""
        return article.body

    def traf_default(key: str) -> str:
        return trafilatura.extract(pages[key], url=truth[key].get("url")) or ""

    def traf_ours(key: str) -> str:
        return trafilatura.extract(pages[key], url=truth[key].get("url"), **TRAFILATURA_SETTINGS) or ""

    systems: dict[str, Callable[[str], str]] = {
        "warta extract_html": ours,
        "trafilatura (defaults)": traf_default,
        "trafilatura (warta settings)": traf_ours,
    }
    # Warm-up outside the clock: imports, compiled regexes, outlet files.
    for fn in systems.values():
        for key in keys[:3]:
            fn(key)
    outputs: dict[str, dict[str, str]] = {name: {} for name in systems}
    seconds: dict[str, float] = dict.fromkeys(systems, 0.0)
    names = list(systems)
    for run in range(args.passes):
        for index, key in enumerate(keys):
            # Rotate the order per page: no extractor always runs first (or last).
            shift = (index + run) % len(names)
            for name in names[shift:] + names[:shift]:
                start = time.perf_counter()
                out = systems[name](key)
                seconds[name] += time.perf_counter() - start
                if run == 0:
                    outputs[name][key] = out

    print(f"pages: {len(keys)}  timing passes: {args.passes}  trafilatura {trafilatura.__version__}")
    print(f"warta settings passed to trafilatura: {TRAFILATURA_SETTINGS}")
    print(f"{'system':<34} {'F1':>6} {'P':>6} {'R':>6} {'ms/page':>8}")
    per_page: dict[str, float] = {}
    for name in names:
        f1, p, r = metrics([shingle_match(truth[k].get("articleBody", ""), outputs[name][k]) for k in keys])
        per_page[name] = seconds[name] * 1000 / (len(keys) * args.passes)
        print(f"{name:<34} {f1:6.3f} {p:6.3f} {r:6.3f} {per_page[name]:8.2f}")
    for path in sorted((data / "baselines").glob("*.json")):
        stored = json.loads(path.read_text("utf-8"))
        output = stored.get("output", stored)
        rows = [
            shingle_match(truth[k].get("articleBody", ""), (output.get(k) or {}).get("articleBody", ""))
            for k in keys
        ]
        f1, p, r = metrics(rows)
        label = f"stored {path.stem} {stored.get('version', '')}".strip()
        print(f"{label:<34} {f1:6.3f} {p:6.3f} {r:6.3f} {'-':>8}")
    reasons = Counter(refused.values())
    print(f"pages warta refused: {len(refused)} {dict(reasons) if reasons else ''}")
    ratio = per_page["warta extract_html"] / per_page["trafilatura (defaults)"]
    ratio_same = per_page["warta extract_html"] / per_page["trafilatura (warta settings)"]
    print(
        f"time ratio warta / trafilatura (defaults): {ratio:.2f}   / trafilatura (warta settings): {ratio_same:.2f}"
    )
    print("command: " + shlex.join([Path(sys.executable).name, *sys.argv]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
