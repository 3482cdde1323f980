"""HTML extraction on made-up pages in three Indonesian outlet styles and one English page."""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from warta.extract.html import MAX_DEPTH, extract_html
from warta.model import Article, Source

FIXTURES = Path(__file__).parent / "fixtures" / "html"
WIB = timezone(timedelta(hours=7))
WITA = timezone(timedelta(hours=8))
FURNITURE = ("Baca juga", "ADVERTISEMENT", "Advertising", "SCROLL TO CONTINUE", "Pilihan Editor")


def extract(name: str, **kwargs: object) -> Article:
    path = FIXTURES / name
    options: dict[str, object] = {
        "url": None,
        "outlet": None,
        "crawled_at": None,
        "source": Source(str(path), "html"),
    }
    options.update(kwargs)
    return extract_html(path.read_text("utf-8"), **options)  # type: ignore[arg-type]


def assert_clean_body(article: Article) -> None:
    for marker in FURNITURE:
        assert marker.casefold() not in article.body.casefold(), marker
    assert "skrip" not in article.body  # script text
    assert "{" not in article.body  # style / JSON
    assert "\n\n\n" not in article.body
    assert all(p == p.strip() and "\n" not in p for p in article.body.split("\n\n"))


def test_tempo_like_page() -> None:
    crawled = datetime(2024, 3, 15, 8, 0, tzinfo=UTC)
    article = extract("tempo_like.html", crawled_at=crawled, source=Source("t.html", "html"))
    assert article.outlet == "tempo"
    assert article.title == "Warga Desa Sukamaju Resmikan Jembatan Bambu Swadaya"
    assert article.reporters == ["Larasati Wibowo"]
    assert article.editors == ["Bambang Sutrisno"]
    assert article.published_at == datetime(2024, 3, 14, 10, 15, tzinfo=WIB)
    assert article.to_dict()["published_at"] == "2024-03-14T10:15:00+07:00"
    assert article.dateline == "Jakarta"
    assert article.image_caption == (
        "Warga melintasi jembatan bambu baru di Desa Sukamaju, Kabupaten Fiktif, 13 Maret 2024."
    )
    assert article.image_credit == "TEMPO/Raka Pratama"
    assert (
        article.url
        == "https://nasional.tempo.co/read/999001/warga-desa-sukamaju-resmikan-jembatan-bambu-swadaya"
    )
    assert article.crawled_at == crawled
    assert article.source == Source("t.html", "html")
    assert article.paragraphs[0].startswith("Ratusan warga Desa Sukamaju")
    assert article.paragraphs[-1].startswith("Pemerintah Kabupaten Fiktif berjanji")
    assert len(article.paragraphs) == 5
    assert [r.title for r in article.related] == [
        "Sungai Cikaret Meluap, Dua Kampung di Kabupaten Fiktif Terendam"
    ]
    assert [p.title for p in article.editor_picks] == [
        "Desa-desa di Lereng Gunung Fiktif Mulai Menanam Bambu untuk Cegah Longsor"
    ]
    assert "Berita Terkait" not in article.body and "Copyright" not in article.body
    assert_clean_body(article)


def test_kompas_like_page_with_json_ld() -> None:
    article = extract("kompas_like.html")
    assert article.outlet == "kompas"
    assert article.title == "Pasar Apung Baru di Banjar Fiktif Diserbu Pengunjung"
    assert article.reporters == ["Dewi Anggraini"]
    assert article.editors == ["Hendra Gunawan"]
    assert article.published_at == datetime(2024, 5, 2, 14, 30, tzinfo=WIB)
    assert article.updated_at == datetime(2024, 5, 2, 16, 5, tzinfo=WIB)
    assert article.dateline == "Banjar Fiktif"
    assert (
        article.image_caption
        == "Pedagang menawarkan buah dari perahu di pasar apung Sungai Fiktif, Kamis (2/5/2024)."
    )
    assert article.image_credit == "KOMPAS.com/ANDI PUTRA"
    assert article.category == "Regional"
    # No url argument: og:url of the page.
    assert article.url == "https://regional.kompas.com/read/2024/05/02/143000/pasar-apung-baru"
    assert article.paragraphs[0].startswith("Pasar apung yang baru dibuka")
    assert len(article.paragraphs) == 4
    assert [r.title for r in article.related] == [
        "Wisata Sungai di Banjar Fiktif Ditargetkan Datangkan 50.000 Turis"
    ]
    assert_clean_body(article)


def test_detik_like_page_in_wita() -> None:
    article = extract("detik_like.html", url="https://www.detik.com/sulsel/d-7000001")
    assert article.outlet == "detik"
    assert article.url == "https://www.detik.com/sulsel/d-7000001"  # the argument wins
    assert article.title == "Lampu Jalan Tenaga Surya Dipasang di Pesisir Makassar Fiktif"
    assert article.reporters == ["Rina Maharani"]  # "- detikSulsel" is the desk, not a name
    assert article.editors == []
    assert article.published_at == datetime(2024, 6, 7, 16, 45, tzinfo=WITA)
    assert article.to_dict()["published_at"].endswith("+08:00")
    assert article.dateline == "Makassar"
    assert article.image_caption == "Petugas memasang lampu jalan tenaga surya di kawasan pesisir."
    assert article.image_credit == "Rina Maharani/detikSulsel"
    assert article.paragraphs[0].startswith("Pemerintah kota memasang 320 lampu")
    assert len(article.paragraphs) == 4
    assert "Terpopuler" not in article.body
    assert_clean_body(article)


def test_english_page() -> None:
    article = extract("english.html")
    assert article.title == "Harbor town opens floating library"
    assert article.reporters == ["Jonathan Reed"]
    assert article.published_at == datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    assert article.url == "https://www.example-herald.test/news/floating-library"
    assert article.language == "en"
    assert article.dateline is None
    assert article.paragraphs[0].startswith("A converted ferry moored")
    assert len(article.paragraphs) == 4
    assert "Advertisement" not in article.body
    assert "All rights reserved" not in article.body


def test_outlet_argument_overrides_detection() -> None:
    # Told it is Tempo, a page without a Tempo URL still gets Tempo's dateline rule and zone.
    html = (FIXTURES / "tempo_like.html").read_text("utf-8").replace("tempo.co/read", "example.test/read")
    article = extract_html(html, url=None, outlet="tempo", crawled_at=None, source=Source("x", "html"))
    assert article.outlet == "tempo"
    assert article.dateline == "Jakarta"
    assert article.published_at is not None and article.published_at.utcoffset() == timedelta(hours=7)


def test_time_without_zone_is_none_for_unknown_outlet() -> None:
    html = (
        (FIXTURES / "english.html").read_text("utf-8").replace("2024-03-01T08:00:00Z", "2024-03-01T08:00:00")
    )
    article = extract_html(html, url=None, outlet=None, crawled_at=None, source=Source("x", "html"))
    assert article.published_at is None  # a naive time would be a guess


def test_deeply_nested_page_is_refused_quickly() -> None:
    depth = 100_000
    html = "<html><body>" + "<div>" * depth + "<p>" + "Teks yang terkubur sangat dalam. " * 20 + "</p>"
    html += "</div>" * depth + "</body></html>"
    with pytest.raises(ValueError, match=f"nested deeper than {MAX_DEPTH} levels"):
        extract_html(html, url=None, outlet=None, crawled_at=None, source=Source("deep.html", "html"))


def test_moderately_nested_page_still_extracts() -> None:
    depth = 150
    paragraphs = "".join(
        f"<p>Paragraf nomor {i} bercerita tentang panen padi di desa fiktif yang berlangsung meriah sekali.</p>"
        for i in range(5)
    )
    html = "<html><body>" + "<div>" * depth + paragraphs + "</div>" * depth + "</body></html>"
    article = extract_html(html, url=None, outlet=None, crawled_at=None, source=Source("x", "html"))
    assert len(article.paragraphs) == 5


def test_page_without_article_text() -> None:
    html = (
        "<html><head><title>Beranda</title><script>var a = 'bukan artikel';</script></head>"
        "<body><nav><a href='/a'>Nasional</a> <a href='/b'>Dunia</a></nav><footer>Hak cipta</footer></body></html>"
    )
    with pytest.raises(ValueError, match="no article text found"):
        extract_html(html, url=None, outlet=None, crawled_at=None, source=Source("x", "html"))


def test_empty_page() -> None:
    with pytest.raises(ValueError, match="empty page"):
        extract_html("  \n ", url=None, outlet=None, crawled_at=None, source=Source("x", "html"))


def test_errors_are_extract_errors() -> None:
    extract_module = pytest.importorskip("warta.extract")
    error = getattr(extract_module, "ExtractError", None)
    if error is None:
        pytest.skip("warta.extract.ExtractError not defined yet")
    with pytest.raises(error):
        extract_html(
            "<html><body></body></html>", url=None, outlet=None, crawled_at=None, source=Source("x", "html")
        )


def test_xml_prolog_with_encoding_is_accepted() -> None:
    html = '<?xml version="1.0" encoding="utf-8"?>\n' + (FIXTURES / "english.html").read_text("utf-8")
    article = extract_html(html, url=None, outlet=None, crawled_at=None, source=Source("x", "html"))
    assert article.title == "Harbor town opens floating library"


_TOKEN = re.compile(r"\w+")


def _f1(true: str, pred: str) -> float:
    def grams(text: str) -> Counter[tuple[str, ...]]:
        tokens = _TOKEN.findall(text)
        return Counter(tuple(tokens[i : i + 4]) for i in range(max(1, len(tokens) - 3)))

    a, b = grams(true), grams(pred)
    tp = sum((a & b).values())
    if not tp:
        return 0.0
    precision, recall = tp / sum(b.values()), tp / sum(a.values())
    return 2 * precision * recall / (precision + recall)


@pytest.mark.shared
def test_benchmark_pages_extract_well(shared_data: Path) -> None:
    folder = shared_data / "extraction-benchmark"
    if not (folder / "ground-truth.json").is_file():
        pytest.skip("extraction benchmark not present")
    truth = json.loads((folder / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)[:25]
    scores = []
    for key in keys:
        html = gzip.decompress((folder / "html" / f"{key}.html.gz").read_bytes()).decode("utf-8", "replace")
        try:
            body = extract_html(html, url=None, outlet=None, crawled_at=None, source=Source(key, "html")).body
        except ValueError:
            body = ""
        scores.append(_f1(truth[key]["articleBody"], body))
    assert sum(scores) / len(scores) > 0.85
