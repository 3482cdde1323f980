"""Ingest throughput, peak memory and search latency, on real data.

    python bench/ingest.py                      # articles.jsonl (7,592 articles) into a fresh database
    python bench/ingest.py --replicate 1000000  # the same corpus replicated to 1M articles, + 50 queries

Each ingest runs `warta ingest` as a child process (end to end: reading,
extraction, language, stemming, full-text indexing, commits); peak memory is
the resident set of the whole process tree (main process plus extraction
workers), sampled every 50 ms. Figures are printed with the command line.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "indonews-2025" / "articles.jsonl"
OUT = ROOT / "bench" / "out"

# Fifty queries a reader of Indonesian news in June 2025 would type (our own list).
QUERIES = [
    "harga beras",
    "timnas indonesia",
    "korupsi",
    "gempa bumi",
    "banjir jakarta",
    "kurs rupiah",
    "piala dunia",
    "bitcoin",
    "iran israel",
    "prabowo",
    "harga emas",
    "bank indonesia suku bunga",
    "ibadah haji",
    "kecelakaan lalu lintas",
    "pemilu",
    "jokowi",
    "kpk tersangka",
    "saham ihsg",
    "cuaca ekstrem",
    "kesehatan mental",
    "resep masakan",
    "liga inggris",
    "pajak",
    "bbm pertamina",
    "sekolah zonasi",
    "narkoba",
    "pilkada",
    "tambang ilegal",
    "wisata bali",
    "kereta cepat",
    "mahkamah konstitusi",
    "tni polri",
    "gaza palestina",
    "amerika serikat tarif",
    "ekspor nikel",
    "mobil listrik",
    "smartphone terbaru",
    "artis menikah",
    "sepak bola",
    "bansos",
    "inflasi",
    "pelantikan menteri",
    "pendidikan",
    "demo mahasiswa",
    "kebakaran",
    "umkm",
    "investasi asing",
    "dpr rapat",
    "anggaran negara",
    "penipuan online",
]


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (workers included), in KiB."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as f:
                stack.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, ValueError):
            continue
    return total


def run_ingest(
    db: Path, inputs: list[str], workers: int | None = None, link: bool = True, facts: bool = True
) -> dict[str, float]:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "warta.cli", "ingest", *inputs, "--db", str(db), "--json"]
    if workers:
        cmd += ["--workers", str(workers)]
    if not link:
        cmd.append("--no-link")
    if not facts:
        cmd.append("--no-facts")
    out_path = db.with_suffix(".summary.json")
    start = time.perf_counter()
    with out_path.open("wb") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, _tree_rss_kb(proc.pid))
            time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"ingest failed: {' '.join(cmd)}")
    output = out_path.read_bytes()
    summary = json.loads(output)
    stored = summary["new"] + summary["updated"] + summary["unchanged"]
    return {
        "articles": stored,
        "new": summary["new"],
        "rejected": summary["rejected"],
        "seconds": elapsed,
        "rate": stored / elapsed,
        "peak_rss_mb": peak / 1024,  # sampled every 50 ms over the whole process tree
    }


def startup_seconds(link: bool, facts: bool) -> float:
    """Wall time of the same command on one record: interpreter start, imports, model loading
    and opening the store, which the issue's rate leaves out ("model loading excluded")."""
    one = OUT / "one-record.jsonl"
    with CORPUS.open(encoding="utf-8") as f:
        one.write_text(f.readline(), encoding="utf-8")
    return run_ingest(OUT / "one-record.db", [str(one)], 1, link, facts)["seconds"]


def replicate(target: int, path: Path) -> Path:
    """Write the corpus repeated until ``target`` articles, varying ids and URLs."""
    if path.exists() and sum(1 for _ in path.open("rb")) == target:
        return path
    rows = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    with path.open("w", encoding="utf-8") as out:
        for i in range(target):
            row = dict(rows[i % len(rows)])
            copy = i // len(rows)
            if copy:
                row["id"] = f"{row['id']}-{copy}"
                row["url"] = f"{row['url']}?copy={copy}"
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    return path


def query_latency(db: Path) -> dict[str, float]:
    import warta

    handle = warta.open(str(db))
    handle.search("pemanasan")  # open pages once, as a running server would have
    times = []
    for query in QUERIES:
        start = time.perf_counter()
        handle.search(query, limit=10)
        times.append((time.perf_counter() - start) * 1000)
    handle.close()
    times.sort()
    return {
        "p50_ms": statistics.median(times),
        "p95_ms": times[int(0.95 * len(times)) - 1],
        "max_ms": times[-1],
    }


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--replicate", type=int, default=0, help="also run on the corpus replicated to N articles"
    )
    parser.add_argument("--skip-small", action="store_true")
    parser.add_argument(
        "--search-only", metavar="DB", help="only time the 50 queries on an existing database"
    )
    parser.add_argument("--workers", type=int, help="extraction processes (default: warta's own choice)")
    parser.add_argument("--no-link", action="store_true", help="ingest without the link stage (stories)")
    parser.add_argument(
        "--no-facts", action="store_true", help="ingest without entities, quotes, figures and events"
    )
    args = parser.parse_args()
    if args.search_only:
        print(f"command: python bench/{Path(__file__).name} {' '.join(sys.argv[1:])}")
        lat = query_latency(Path(args.search_only))
        print(
            f"search, {len(QUERIES)} queries: p50 {lat['p50_ms']:.1f} ms, p95 {lat['p95_ms']:.1f} ms, max {lat['max_ms']:.1f} ms"
        )
        return
    if not CORPUS.exists():
        raise SystemExit(f"{CORPUS} not found: this bench needs ../shared/data")
    OUT.mkdir(parents=True, exist_ok=True)
    print(f"command: python bench/{Path(__file__).name} {' '.join(sys.argv[1:])}".rstrip())
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    small: dict[str, float] | None = None
    if not args.skip_small:
        small = run_ingest(OUT / "small.db", [str(CORPUS)], args.workers, not args.no_link, not args.no_facts)
        print(
            f"articles.jsonl: {small['articles']:.0f} articles ({small['rejected']:.0f} rejected) in "
            f"{small['seconds']:.2f} s = {small['rate']:.0f} articles/s, peak RSS {small['peak_rss_mb']:.0f} MB"
        )
        warm = startup_seconds(not args.no_link, not args.no_facts)
        print(
            f"excluding start-up ({warm:.2f} s, timed on a one-record run): "
            f"{small['articles'] / (small['seconds'] - warm):.0f} articles/s"
        )
        lat = query_latency(OUT / "small.db")
        print(f"search on {small['articles']:.0f}: p50 {lat['p50_ms']:.1f} ms, p95 {lat['p95_ms']:.1f} ms")
    if args.replicate:
        big_input = replicate(args.replicate, OUT / f"replicated-{args.replicate}.jsonl")
        big = run_ingest(OUT / "big.db", [str(big_input)], args.workers, not args.no_link, not args.no_facts)
        print(
            f"replicated: {big['articles']:.0f} articles in {big['seconds']:.0f} s = {big['rate']:.0f} articles/s,"
            f" peak RSS {big['peak_rss_mb']:.0f} MB"
        )
        if small:
            print(f"rate change vs small run: {100 * (big['rate'] / small['rate'] - 1):+.1f}% (limit -30%)")
        lat = query_latency(OUT / "big.db")
        print(
            f"search, {len(QUERIES)} queries on {big['articles']:.0f}: p50 {lat['p50_ms']:.1f} ms, "
            f"p95 {lat['p95_ms']:.1f} ms, max {lat['max_ms']:.1f} ms"
        )


if __name__ == "__main__":
    main()
