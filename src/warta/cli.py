"""The ``warta`` command line: a thin layer over :mod:`warta.api`.

Every command that reads takes ``--json`` for machines; errors are one line on
stderr and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import json
import sys
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import click

from warta import __version__
from warta.model import HIT_CLOSE, HIT_OPEN, Article, Rejection, format_time
from warta.store import QueryError, StoreError

WIB = timezone(timedelta(hours=7), "WIB")
DB_OPTION = click.option(
    "--db", default="warta.db", show_default=True, envvar="WARTA_DB", help="The SQLite database file."
)


def _fail(message: str, code: int = 1) -> None:
    click.echo(f"warta: {message}", err=True)
    sys.exit(code)


def _time_option(value: str | None, name: str) -> datetime | None:
    """ISO 8601 date or time; without an offset it is read as WIB (UTC+7)."""
    if value is None:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        _fail(
            f"{name}: not an ISO 8601 date or time: {value!r} (e.g. 2025-06-18 or 2025-06-18T09:30+07:00)", 2
        )
        raise  # unreachable; keeps type checkers calm
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=WIB)


def _open(db: str, *, readonly: bool = False) -> Any:
    from warta.api import Warta

    try:
        return Warta(db, readonly=readonly)
    except StoreError as exc:
        _fail(str(exc), 2)


def _echo_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="warta")
def main() -> None:
    """warta: news pages in; a searchable, linked record of who did and said what, when, out."""


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@click.option("--crawled-at", help="When the pages were fetched (ISO 8601); resolves '2 jam lalu' ages.")
@click.option("--outlet", help="Treat every page as coming from this outlet (e.g. tempo).")
@click.option(
    "--workers", type=click.IntRange(1, 64), help="Extraction processes (default: cores, on big inputs)."
)
@click.option(
    "--facts/--no-facts",
    default=True,
    show_default=True,
    help="Find entities, quotations, figures and events (the slowest part of ingest).",
)
@click.option(
    "--link/--no-link",
    default=True,
    show_default=True,
    help="Update near-duplicates, stories and storylines (with --no-link, the next linked run catches up).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")
def ingest(
    paths: tuple[str, ...],
    db: str,
    crawled_at: str | None,
    outlet: str | None,
    workers: int | None,
    facts: bool,
    link: bool,
    as_json: bool,
) -> None:
    """Read news pages into the database.

    PATHS are files, folders (recursive), globs, .gz/.zip archives, WARC files,
    or - for standard input. Each file's format is detected: scraped text pages,
    HTML, JSON lines or CSV of articles.
    """
    from warta.ingest import total_bytes

    crawled = _time_option(crawled_at, "--crawled-at")
    handle = _open(db)
    stdin = sys.stdin.buffer if "-" in paths else None
    show_progress = sys.stderr.isatty() and not as_json
    options: dict[str, Any] = {
        "crawled_at": crawled,
        "outlet": outlet,
        "stdin": stdin,
        "workers": workers,
        "link": link,
        "facts": facts,
    }
    try:
        if show_progress:
            from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn

            counts = {"articles": 0, "rejected": 0}
            with Progress(
                TextColumn("[bold]ingest"),
                BarColumn(),
                DownloadColumn(),
                TextColumn("{task.fields[articles]} articles, {task.fields[rejected]} rejected"),
                TimeRemainingColumn(),
                transient=True,
            ) as progress:
                task = progress.add_task("ingest", total=total_bytes(list(paths)), articles=0, rejected=0)

                def on_item(item: Article | Rejection) -> None:
                    counts["rejected" if isinstance(item, Rejection) else "articles"] += 1
                    if (counts["articles"] + counts["rejected"]) % 50 == 0:
                        progress.update(task, **counts)

                summary = handle.ingest(
                    *paths, **options, on_progress=lambda n: progress.advance(task, n), on_item=on_item
                )
        else:
            summary = handle.ingest(*paths, **options)
    except StoreError as exc:
        _fail(str(exc), 2)
    finally:
        handle.close()
    if as_json:
        _echo_json(summary.to_dict())
    else:
        click.echo(
            f"{summary.new} new, {summary.updated} updated, {summary.unchanged} unchanged, "
            f"{summary.rejected} rejected  ->  {db}"
        )
        for rejection in summary.rejections:
            click.echo(f"  rejected {rejection}", err=True)
        if summary.rejected > len(summary.rejections):
            click.echo(f"  ... and {summary.rejected - len(summary.rejections)} more (warta stats)", err=True)
    if summary.stored == 0:
        sys.exit(1)


def _mark(text: str, style: bool) -> str:
    if style:
        return text.replace(HIT_OPEN, "\x1b[1;33m").replace(HIT_CLOSE, "\x1b[0m")
    return text.replace(HIT_OPEN, "[").replace(HIT_CLOSE, "]")


@main.command()
@click.argument("query")
@DB_OPTION
@click.option("--outlet", help="Only this outlet.")
@click.option("--since", help="Published at or after (ISO 8601; WIB if no offset).")
@click.option("--until", help="Published before (ISO 8601; WIB if no offset).")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--offset", default=0, type=click.IntRange(0))
@click.option("--json", "as_json", is_flag=True)
def search(
    query: str,
    db: str,
    outlet: str | None,
    since: str | None,
    until: str | None,
    limit: int,
    offset: int,
    as_json: bool,
) -> None:
    """Full-text search over titles and bodies (Indonesian-aware stemming, BM25 ranking).

    Words are ANDed; use "quoted phrases", OR, -excluded words and prefix*.
    """
    handle = _open(db, readonly=True)
    try:
        hits = handle.search(
            query,
            outlet=outlet,
            since=_time_option(since, "--since"),
            until=_time_option(until, "--until"),
            limit=limit,
            offset=offset,
        )
    except QueryError as exc:
        _fail(f"bad query: {exc}", 2)
    finally:
        handle.close()
    if as_json:
        _echo_json([h.to_dict() for h in hits])
        return
    style = sys.stdout.isatty()
    if not hits:
        click.echo("no matches")
    for hit in hits:
        when = format_time(hit.published_at) or "date unknown"
        click.echo(click.style(hit.title, bold=True) if style else hit.title)
        click.echo(f"  {hit.id}  {hit.outlet or '?'}  {when}  score {hit.score:.2f}")
        click.echo(f"  {_mark(hit.snippet, style)}\n")


@main.command()
@click.argument("article_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True)
def show(article_id: str, db: str, as_json: bool) -> None:
    """Print one article."""
    with _open(db, readonly=True) as handle:
        article = handle.get(article_id)
        versions = handle.store.versions(article_id) if article else []
    if article is None:
        _fail(f"no article with id {article_id!r}")
        return
    if as_json:
        _echo_json(article.to_dict() | {"versions": versions})
        return
    lines = [article.title, "=" * min(len(article.title), 80)]
    meta = [
        ("outlet", article.outlet),
        ("url", article.url),
        ("published", format_time(article.published_at)),
        ("reporters", ", ".join(article.reporters)),
        ("editors", ", ".join(article.editors)),
        ("dateline", article.dateline),
        ("wire", ", ".join(article.wire)),
        ("language", article.language),
        ("photo", " / ".join(x for x in (article.image_caption, article.image_credit) if x)),
    ]
    lines += [f"{k:>10}: {v}" for k, v in meta if v]
    lines += ["", article.body, ""]
    if article.editor_picks:
        lines.append("Pilihan editor: " + "; ".join(p.title for p in article.editor_picks))
    if article.related:
        lines.append("Berita terkait (as printed on the page):")
        lines += [f"  - {r.title} ({r.age or '?'})" for r in article.related]
    if versions:
        lines.append(
            f"{len(versions)} earlier version(s): " + ", ".join(v["content_hash"][:12] for v in versions)
        )
    click.echo("\n".join(lines))


@main.command()
@DB_OPTION
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "parquet", "events"]),
    default="jsonl",
    show_default=True,
    help="events: a GDELT-like table (date, actor 1, actor 2, code, location, article, evidence) as CSV.",
)
@click.option("--out", help="Output file (default: standard output; required for parquet).")
@click.option("--outlet")
@click.option("--since")
@click.option("--until")
def export(
    db: str, fmt: str, out: str | None, outlet: str | None, since: str | None, until: str | None
) -> None:
    """Export articles as JSON lines (re-ingestable), CSV or Parquet."""
    if fmt == "parquet" and not out:
        _fail("--format parquet needs --out FILE", 2)
    handle = _open(db, readonly=True)
    try:
        if fmt == "events":
            n = handle.export_events(out or sys.stdout)
            if out:
                click.echo(f"{n} events -> {out}", err=True)
            return
        n = handle.export(
            out or sys.stdout,
            fmt,
            outlet=outlet,
            since=_time_option(since, "--since"),
            until=_time_option(until, "--until"),
        )
    except OSError as exc:
        _fail(f"cannot write {out}: {exc}", 2)
        return
    finally:
        handle.close()
    if out:
        click.echo(f"{n} articles -> {out}", err=True)


@main.command()
@DB_OPTION
@click.option("--json", "as_json", is_flag=True)
@click.option("--rejections", default=20, show_default=True, help="How many recent rejections to list.")
def stats(db: str, as_json: bool, rejections: int) -> None:
    """Counts by outlet, by day, and rejected inputs."""
    with _open(db, readonly=True) as handle:
        data = handle.stats()
    if as_json:
        _echo_json(data)
        return
    click.echo(
        f"{data['articles']} articles, {data['versions']} earlier versions, {data['rejected']} rejected inputs"
    )
    click.echo("\nby outlet:")
    for outlet, n in data["by_outlet"].items():
        click.echo(f"  {outlet:<20} {n:>8}")
    click.echo("\nby day (outlet's own time zone):")
    for day, n in data["by_day"].items():
        click.echo(f"  {day:<12} {n:>8}")
    if data["rejections"]:
        click.echo("\nrecent rejections:")
        for r in data["rejections"][:rejections]:
            where = f"{r['path']} ({r['record']})" if r["record"] else r["path"]
            click.echo(f"  {where}: {r['reason']}")


def _when(value: str | None) -> str:
    return (value or "?")[:16].replace("T", " ")


def _span(row: dict[str, Any]) -> str:
    """A story's or storyline's first and last publication times."""
    return f"{_when(row['first_published'])} .. {_when(row['last_published'])}"


@main.command()
@DB_OPTION
@click.option("--since", help="Active at or after (ISO 8601; WIB if no offset).")
@click.option("--until", help="Started before (ISO 8601; WIB if no offset).")
@click.option("--outlet", help="Only stories with an article from this outlet.")
@click.option(
    "--min-size", default=1, show_default=True, type=click.IntRange(1), help="Smallest story shown."
)
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True)
def stories(
    db: str,
    since: str | None,
    until: str | None,
    outlet: str | None,
    min_size: int,
    limit: int,
    as_json: bool,
) -> None:
    """Stories (articles about one happening), most recently active first."""
    with _open(db, readonly=True) as handle:
        rows = handle.stories(
            since=_time_option(since, "--since"),
            until=_time_option(until, "--until"),
            outlet=outlet,
            min_size=min_size,
            limit=limit,
        )
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        outlets = ", ".join(sorted(row["outlets"]))
        click.echo(f"{row['id']}  {row['size']:>4} articles  {_span(row)}  {outlets}\n    {row['title']}")


@main.command()
@click.argument("story_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True)
def story(story_id: str, db: str, as_json: bool) -> None:
    """One story: its articles in time order, outlets and time span."""
    with _open(db, readonly=True) as handle:
        row = handle.story(story_id)
    if row is None:
        _fail(f"no story with id {story_id!r}")
        return
    if as_json:
        _echo_json(row)
        return
    click.echo(row["title"])
    click.echo(f"  {row['size']} articles from {', '.join(sorted(row['outlets']))}")
    click.echo(f"  {_span(row)} UTC")
    if row["storyline_id"]:
        click.echo(f"  storyline {row['storyline_id']}")
    for a in row["articles"]:
        copy = f"  (copy of {a['duplicate_of']})" if a["duplicate_of"] else ""
        click.echo(f"  {_when(a['published_at'])}  {a['outlet'] or '?':<12} {a['id']}  {a['title']}{copy}")


@main.command()
@DB_OPTION
@click.option("--min-stories", default=2, show_default=True, type=click.IntRange(1))
@click.option("--limit", default=20, show_default=True, type=click.IntRange(1, 1000))
@click.option("--json", "as_json", is_flag=True)
def storylines(db: str, min_stories: int, limit: int, as_json: bool) -> None:
    """Storylines: stories about the same actors and issue, chained over time."""
    with _open(db, readonly=True) as handle:
        rows = handle.storylines(min_stories=min_stories, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['id']}  {row['stories']:>3} stories  {_span(row)}\n    {row['title']}")


@main.command()
@click.argument("storyline_id")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True)
def storyline(storyline_id: str, db: str, as_json: bool) -> None:
    """One storyline: its stories as a timeline."""
    with _open(db, readonly=True) as handle:
        row = handle.storyline(storyline_id)
    if row is None:
        _fail(f"no storyline with id {storyline_id!r}")
        return
    if as_json:
        _echo_json(row)
        return
    click.echo(row["title"])
    for s in row["stories"]:
        click.echo(f"  {_when(s['first_published'])}  {s['size']:>3} articles  {s['id']}  {s['title']}")


@main.command()
@click.argument("article_id")
@DB_OPTION
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 100))
@click.option("--json", "as_json", is_flag=True)
def related(article_id: str, db: str, limit: int, as_json: bool) -> None:
    """Related news for one article, ranked (topic, story, storyline, recency)."""
    with _open(db, readonly=True) as handle:
        if handle.get(article_id) is None:
            _fail(f"no article with id {article_id!r}")
        ranked = handle.related(article_id, limit=limit)
        articles = {aid: handle.get(aid) for aid, _ in ranked}
    rows = [
        {
            "id": aid,
            "score": round(score, 4),
            "title": articles[aid].title if articles[aid] else None,
            "outlet": articles[aid].outlet if articles[aid] else None,
            "published_at": format_time(articles[aid].published_at) if articles[aid] else None,
            "story_id": articles[aid].story_id if articles[aid] else None,
        }
        for aid, score in ranked
    ]
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        click.echo(f"{row['score']:.3f}  {_when(row['published_at'])}  {row['id']}  {row['title']}")


@main.command()
@DB_OPTION
@click.option(
    "--type", "kind", type=click.Choice(["person", "org", "place", "country"], case_sensitive=False)
)
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10000))
@click.option("--json", "as_json", is_flag=True)
def entities(db: str, kind: str | None, limit: int, as_json: bool) -> None:
    """People, organisations, places and countries, most mentioned first."""
    with _open(db, readonly=True) as handle:
        rows = handle.entities(type=kind, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    for row in rows:
        others = [a for a in row["aliases"] if a != row["name"]][:4]
        aka = f"  (also: {', '.join(others)})" if others else ""
        click.echo(f"{row['mentions']:>7}  {row['type']:<8} {row['name']}{aka}")


@main.command()
@click.argument("name")
@DB_OPTION
@click.option("--json", "as_json", is_flag=True)
def entity(name: str, db: str, as_json: bool) -> None:
    """One entity by name or alias: aliases, roles with dates, mentions per week, quotations."""
    with _open(db, readonly=True) as handle:
        row = handle.entity(name)
    if row is None:
        _fail(f"no entity called {name!r}")
        return
    if as_json:
        _echo_json(row)
        return
    click.echo(f"{row['name']}  [{row['type']}]  {row['mentions']} mentions in {row['articles']} articles")
    click.echo(
        "  aliases: "
        + ", ".join(f"{a} ({n})" for a, n in sorted(row["aliases"].items(), key=lambda kv: -kv[1]))
    )
    for role, span in sorted(row["roles"].items(), key=lambda kv: kv[1].get("first") or ""):
        click.echo(f"  role: {role}  ({span.get('first')} .. {span.get('last')})")
    if row["mentions_by_week"]:
        peak = max(n for _, n in row["mentions_by_week"])
        click.echo("  articles per week:")
        for week, n in row["mentions_by_week"]:
            click.echo(f"    {week}  {'#' * max(1, round(30 * n / peak))} {n}")
    for q in row["quotes"][:10]:
        click.echo(f"  \u201c{q['text'][:160]}\u201d  ({_when(q['published_utc'])}, {q['article_id']})")


@main.command()
@DB_OPTION
@click.option("--speaker", help="A name, alias or entity id.")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 10000))
@click.option("--json", "as_json", is_flag=True)
def quotes(db: str, speaker: str | None, limit: int, as_json: bool) -> None:
    """Quotations with their speaker, newest first."""
    with _open(db, readonly=True) as handle:
        rows = handle.quotes(speaker=speaker, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    for q in rows:
        who = q["speaker"] or "?"
        via = f" via {q['source']}" if q["source"] else ""
        click.echo(f"{_when(q['published_utc'])}  {who} ({q['verb'] or q['kind']}{via}): {q['text'][:200]}")


@main.command()
@DB_OPTION
@click.option("--actor", help="A name or alias, on either side of the event.")
@click.option("--type", "code", help="A PLOVER event type, e.g. CONSULT, REJECT, ACCUSE.")
@click.option("--since", help="ISO date (inclusive).")
@click.option("--until", help="ISO date (exclusive).")
@click.option(
    "--modality",
    type=click.Choice(["asserted", "planned"]),
    help="Only events that happened (asserted) or only planned, hoped for or asked for (planned).",
)
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True)
def events(
    db: str,
    actor: str | None,
    code: str | None,
    since: str | None,
    until: str | None,
    modality: str | None,
    limit: int,
    as_json: bool,
) -> None:
    """Who did what to whom, when and where (PLOVER codes, with the evidence sentence).

    A date marked ~ is the article's: the text gives none for the event. An event marked
    "planned" has not happened in the text: it is planned, hoped for or asked for."""
    with _open(db, readonly=True) as handle:
        rows = handle.events(actor=actor, type=code, since=since, until=until, modality=modality, limit=limit)
    if as_json:
        _echo_json(rows)
        return
    for e in rows:
        click.echo(_event_line(e))


def _event_line(e: dict[str, Any]) -> str:
    where = f" in {e['location']}" if e.get("location") else ""
    how = f" ({e['mode']})" if e.get("mode") else ""
    # the text gave no date: the article's (UTC) day, marked, as the listing is ordered by it
    when = e.get("date") or (f"~{str(e['published_utc'])[:10]}" if e.get("published_utc") else "?")
    planned = " [planned]" if e.get("modality") == "planned" else ""
    return f"{when:<11} {e['code']:<10} {e.get('actor1') or '?'} -> {e.get('actor2') or '-'}{how}{where}{planned}"


@main.command()
@click.argument("actors", nargs=-1, required=True)
@DB_OPTION
@click.option("--limit", default=500, show_default=True, type=click.IntRange(1, 100000))
@click.option("--json", "as_json", is_flag=True)
def timeline(actors: tuple[str, ...], db: str, limit: int, as_json: bool) -> None:
    """Events and quotations of one or more actors, in time order."""
    with _open(db, readonly=True) as handle:
        items = handle.timeline(*actors, limit=limit)
    if as_json:
        _echo_json(items)
        return
    for item in items:
        if item["kind"] == "event":
            click.echo(_event_line(item) + f"\n            {(item.get('evidence') or '')[:160]}")
        else:
            click.echo(f"{item['when'] or '?':<11} QUOTE      {_speaker_shown(item)}: {item['text'][:160]}")


def _speaker_shown(quote: dict[str, Any]) -> str:
    """The speaker's entity name, with the words the article used when they differ
    ("Vladimir Putin (Pemimpin Rusia itu)")."""
    name, written = quote.get("speaker_name"), quote.get("speaker")
    if not name:
        return written or "?"
    if not written or set(written.casefold().split()) <= set(name.casefold().split()):
        return name  # "Putin" adds nothing to "Vladimir Putin"
    return f"{name} ({written})"


@main.command()
@DB_OPTION
def restory(db: str) -> None:
    """Rebuild near-duplicates, stories and storylines from scratch, in time order."""
    handle = _open(db)
    try:
        n = handle.restory()
        stories, lines = handle.store.count_stories()
    except StoreError as exc:
        _fail(str(exc), 2)
        return
    finally:
        handle.close()
    click.echo(f"{n} articles linked into {stories} stories and {lines} storylines")


@main.command()
@DB_OPTION
def optimize(db: str) -> None:
    """Merge the full-text index into one segment and fold one-word people into the full
    names that now dominate (after big ingests; the store stays readable)."""
    handle = _open(db)
    try:
        started = time.monotonic()
        done = handle.optimize()
    except StoreError as exc:
        _fail(str(exc), 2)
        return
    finally:
        handle.close()
    click.echo(
        f"full-text index segments: {done['segments_before']} -> {done['segments_after']},"
        f" one-word people folded: {done['people_folded']}, in {time.monotonic() - started:.1f} s"
    )


@main.command(
    "train-ner",
    context_settings={"ignore_unknown_options": True, "allow_extra_args": True, "help_option_names": []},
)
@click.pass_context
def train_ner(ctx: click.Context) -> None:
    """Rebuild the shipped entity tagger (word table, CRF, network) from ../shared/data (see --help)."""
    from warta.understand.ner.train import main as train_main

    sys.exit(train_main(list(ctx.args)))


# imports only click; FastAPI and uvicorn load when the command runs
from warta.serve.cli import serve_command  # noqa: E402

main.add_command(serve_command, name="serve")

if __name__ == "__main__":
    main()
