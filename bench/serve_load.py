"""Load test for ``warta serve``: N concurrent clients for T seconds on loopback, then figures.

    python bench/serve_load.py --db warta.db                 # an existing store
    python bench/serve_load.py --make 5000 --seconds 20      # a temporary store of made-up articles
    python bench/serve_load.py --db big.db --workers 2 --think 1 --ingest "new.jsonl --no-link --no-facts"

Clients loop without pause by default (each sends its next request the moment the last
answer arrives: a saturation test, where latency is clients / throughput); ``--think S``
makes each pause a random time (mean S seconds) between requests, as a person reading does.

Starts ``warta serve`` on a free loopback port (or uses ``--url``, which must be loopback),
mixes search pages, article pages and ``/api/search`` calls, and stops by itself after
``--seconds``. Prints requests, errors, throughput and p50/p95/p99 latency (overall and per
kind), and the command that produced them. The client runs on the same machine, so it
competes with the server for CPU: the figures are a floor, not a ceiling.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import random
import shlex
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlsplit

import httpx2 as httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

WIB = timezone(timedelta(hours=7))
_PLACES = ["Sukamaju", "Tanjung Karang Baru", "Lembah Hijau", "Pulau Kenari", "Bukit Damar", "Cempaka"]
_WHO = ["Bupati", "Warga", "Petani", "Nelayan", "Guru", "Pedagang", "Camat", "Kepala dinas"]
_DID = ["meresmikan", "memprotes", "membahas", "menolak", "mendukung", "memperbaiki", "mengumumkan"]
_WHAT = ["jembatan desa", "harga pupuk", "jadwal panen", "pasar baru", "saluran irigasi", "sekolah darurat"]


def make_store(path: Path, n: int, seed: int = 11) -> None:
    """``n`` made-up articles written through the Python API (no extractor needed)."""
    import warta
    from warta.model import Article

    rng = random.Random(seed)
    handle = warta.open(str(path))
    try:
        batch: list[Article] = []
        for i in range(n):
            place = rng.choice(_PLACES)
            body = "\n\n".join(
                " ".join(
                    f"{rng.choice(_WHO)} {rng.choice(_PLACES)} {rng.choice(_DID)} {rng.choice(_WHAT)}."
                    for _ in range(5)
                )
                for _ in range(6)
            )
            batch.append(
                Article(
                    title=f"{rng.choice(_WHO)} {place} {rng.choice(_DID)} {rng.choice(_WHAT)} ({i})",
                    body=body,
                    outlet=rng.choice(["tempo", "kompas", "detik", "antara"]),
                    url=f"https://bench.contoh.id/read/{i}",
                    published_at=datetime(2024, 1, 1, 8, tzinfo=WIB) + timedelta(hours=i % 8000),
                    language="id",
                )
            )
            if len(batch) == 1000:
                handle.store.upsert(batch)
                batch = []
        handle.store.upsert(batch)
    finally:
        handle.close()


def sample_targets(db: Path, k: int = 2000) -> tuple[list[str], list[str]]:
    """Article ids and title words to request, read from the first ``k`` articles."""
    from warta.api import Warta
    from warta.text import tokens

    ids: list[str] = []
    words: set[str] = set()
    with Warta(db, readonly=True) as handle:
        for article in handle.articles():
            ids.append(article.id)
            words.update(w for w in tokens(article.title) if len(w) >= 4 and not w.isdigit())
            if len(ids) >= k:
                break
    if not ids:
        raise SystemExit(f"serve_load: {db} holds no articles")
    return ids, sorted(words)


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


async def client(
    http: httpx.AsyncClient,
    rng: random.Random,
    ids: list[str],
    words: list[str],
    deadline: float,
    latencies: dict[str, list[float]],
    errors: dict[str, int],
    think: float = 0.0,
    counted_from: float = 0.0,
) -> None:
    while time.monotonic() < deadline:
        if think:  # a reader looks at the page before the next click (exponential, mean `think`)
            await asyncio.sleep(rng.expovariate(1 / think))
        roll = rng.random()
        query = " ".join(rng.sample(words, k=min(len(words), rng.choice((1, 1, 2)))))
        if roll < 0.45:
            kind, url, params = "search page", "/", {"q": query}
        elif roll < 0.9:
            kind, url, params = "article page", f"/articles/{rng.choice(ids)}", {}
        else:
            kind, url, params = "api search", "/api/search", {"q": query, "limit": 10}
        counted = time.monotonic() >= counted_from  # errors count even while warming up
        start = time.perf_counter()
        try:
            status = (await http.get(url, params=params)).status_code
        except httpx.HTTPError as exc:
            errors[f"{kind}: {type(exc).__name__}"] += 1
            continue
        if status == 200:
            if counted:
                latencies[kind].append(time.perf_counter() - start)
        else:
            errors[f"{kind}: HTTP {status}"] += 1


async def run_load(
    base: str,
    ids: list[str],
    words: list[str],
    clients: int,
    seconds: float,
    seed: int,
    think: float = 0.0,
    warmup: float = 0.0,
) -> None:
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, int] = defaultdict(int)
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, timeout=30.0, limits=limits) as http:
        started = time.monotonic() + warmup
        deadline = started + seconds
        await asyncio.gather(
            *(
                client(http, random.Random(seed + i), ids, words, deadline, latencies, errors, think, started)
                for i in range(clients)
            )
        )
        wall = time.monotonic() - started
    everything = [x for values in latencies.values() for x in values]
    n_err = sum(errors.values())
    print(
        f"\nrequests {len(everything) + n_err}  ok {len(everything)}  errors {n_err}  "
        f"wall {wall:.1f}s  throughput {len(everything) / wall:.1f} req/s"
    )
    rows = [("all", everything), *sorted(latencies.items())]
    print(f"{'kind':<14}{'n':>8}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}{'mean ms':>10}")
    for kind, values in rows:
        if values:
            print(
                f"{kind:<14}{len(values):>8}{percentile(values, 50) * 1e3:>10.1f}{percentile(values, 95) * 1e3:>10.1f}"
                f"{percentile(values, 99) * 1e3:>10.1f}{max(values) * 1e3:>10.1f}{statistics.fmean(values) * 1e3:>10.1f}"
            )
    for what, count in sorted(errors.items()):
        print(f"  error {what}: {count}")


def _stored(db: Path) -> int:
    from warta.api import Warta

    with Warta(db, readonly=True) as handle:
        return handle.store.count()


def _loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    source = parser.add_mutually_exclusive_group(required=True)
    source.add_argument("--db", type=Path, help="an existing warta database")
    source.add_argument("--make", type=int, metavar="N", help="build a temporary store of N made-up articles")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (default 50)")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long to run (default 60)")
    parser.add_argument("--url", help="an already running server (loopback only); default: start one")
    parser.add_argument("--pool", type=int, default=4, help="database handles for the started server")
    parser.add_argument("--workers", type=int, default=1, help="server processes for the started server")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--warmup",
        type=float,
        default=0.0,
        metavar="S",
        help="run the load S seconds before counting (caches fill as on a server that has been up)",
    )
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        metavar="S",
        help="mean pause (s) between a client's requests, like a person reading; 0 (default): none",
    )
    parser.add_argument(
        "--ingest",
        metavar="ARGS",
        help="run `warta ingest ARGS --db DB` alongside the load, e.g. --ingest 'new.jsonl --no-link'",
    )
    args = parser.parse_args()
    if not 1 <= args.clients <= 1000 or not 0 < args.seconds <= 3600 or not 0 <= args.think <= 60:
        parser.error("--clients must be 1..1000, --seconds 0..3600, --think 0..60")
    if not 0 <= args.warmup <= 600:
        parser.error("--warmup must be 0..600")  # bounded by design
    if args.url and not _loopback(args.url):
        parser.error("--url must be a loopback address (127.0.0.1, ::1, localhost)")

    from tests.serve.serve_fixtures import free_port, start_server, wait_until_up

    with tempfile.TemporaryDirectory() as tmp:
        db: Path = args.db
        if args.make:
            db = Path(tmp) / "bench.db"
            t0 = time.monotonic()
            make_store(db, args.make)
            print(f"built {args.make} made-up articles in {time.monotonic() - t0:.1f}s", file=sys.stderr)
        ids, words = sample_targets(db)
        proc = None
        base = args.url
        if base is None:
            port = free_port()
            proc = start_server(db, port, extra=["--pool", str(args.pool), "--workers", str(args.workers)])
            base = f"http://127.0.0.1:{port}"
            wait_until_up(base, proc)
        writer = None
        before = _stored(db)
        written_from = time.monotonic()
        try:
            if args.ingest:
                import subprocess

                cmd = [
                    sys.executable,
                    "-m",
                    "warta.cli",
                    "ingest",
                    *shlex.split(args.ingest),
                    "--db",
                    str(db),
                    "--json",
                ]
                writer = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
                print(f"writer: {' '.join(cmd[1:])}")
            pause = f", {args.think:g}s mean think time" if args.think else ", no think time"
            print(
                f"load: {args.clients} clients for {args.seconds:g}s{pause} against {base}"
                f" ({len(ids)} ids, {len(words)} words)"
            )
            if args.warmup:
                print(f"warm-up: {args.warmup:g}s of the same load, not counted (errors are)")
            asyncio.run(
                run_load(base, ids, words, args.clients, args.seconds, args.seed, args.think, args.warmup)
            )
        finally:
            if writer is not None:
                running = writer.poll() is None
                if running:
                    writer.terminate()  # the ingest commits in chunks: stopping it loses nothing stored
                out, _ = writer.communicate(timeout=60)
                state = (
                    "still writing when the load ended (stopped)"
                    if running
                    else f"finished: {out.strip()[:200]}"
                )
                print(f"writer: {state}")
                added = _stored(db) - before
                took = time.monotonic() - written_from
                print(f"writer: {added} articles added to the store in {took:.0f}s ({added / took:.0f}/s)")
            if proc is not None:
                proc.terminate()
                proc.wait(timeout=10)
    print("command: python " + " ".join(shlex.quote(a) for a in sys.argv))
    return 0


if __name__ == "__main__":
    sys.exit(main())
