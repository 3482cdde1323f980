"""Each outlet's byline, dateline and furniture shapes, on made-up strings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from warta.extract import extract_record
from warta.extract.clean import clean_body
from warta.extract.outlets import all_outlets, detect_outlet, get_outlet, outlet_for_url, parse_byline
from warta.model import Record, Source

NAMES = [
    "liputan6",
    "detik",
    "okezone",
    "tribunnews",
    "sindonews",
    "tempo",
    "kompas",
    "kapanlagi",
    "posmetro",
    "republika",
]


def test_ten_outlets_with_data_files() -> None:
    assert sorted(o.name for o in all_outlets()) == sorted(NAMES)
    assert all(o.timezone is not None and o.domains for o in all_outlets())


def test_lookup() -> None:
    assert get_outlet("liputan6.com").name == "liputan6"  # type: ignore[union-attr]
    assert get_outlet("republika.co.id").name == "republika"  # type: ignore[union-attr]
    assert get_outlet("nope") is None
    assert outlet_for_url("https://megapolitan.kompas.com/read/2025/06/10/1/x").name == "kompas"  # type: ignore[union-attr]
    assert outlet_for_url("https://www.posmetromedan.com/2025/06/x").name == "posmetro"  # type: ignore[union-attr]
    assert outlet_for_url("https://example.org/") is None
    assert detect_outlet("Judul\n\nREPUBLIKA.CO.ID, GARUT -- Isi") is get_outlet("republika")


@pytest.mark.parametrize(
    ("outlet", "byline", "reporters", "editors", "wires"),
    [
        ("detik", "Mercy Raya -Sport", ["Mercy Raya"], [], []),
        (
            "detik",
            "Wulan Prameswari, Bagas Adi Nugroho -detikFinance",
            ["Wulan Prameswari", "Bagas Adi Nugroho"],
            [],
            [],
        ),
        ("detik", "Rizky Ananda - Sepakbola", ["Rizky Ananda"], [], []),
        ("detik", "sekar arum -detikHot", ["Sekar Arum"], [], []),
        ("detik", "Tim detikcom -detikTravel", [], [], []),
        ("kompas", "Dimas Aryo, Ratna Sari", ["Dimas Aryo"], ["Ratna Sari"], []),
        (
            "kompas",
            "Dimas Aryo, Gita Lestari, Ratna Sari",
            ["Dimas Aryo", "Gita Lestari"],
            ["Ratna Sari"],
            [],
        ),
        (
            "kompas",
            "Dimas Aryo,      \n\n     Ratna Sari      \n\nTim Redaksi",
            ["Dimas Aryo"],
            ["Ratna Sari"],
            [],
        ),
        ("kompas", "Ratna Sari", [], ["Ratna Sari"], []),
        ("tempo", "Tempo.co", [], [], []),
        ("tempo", "Antara", [], [], ["ANTARA"]),
        ("liputan6", "Liputan6.com", [], [], []),
        ("liputan6", "Fajar Nugraha", ["Fajar Nugraha"], [], []),
        ("okezone", "Dewi Kartika", ["Dewi Kartika"], [], []),
        ("republika", "Tidak Ditemukan", [], [], []),
    ],
)
def test_bylines(
    outlet: str, byline: str, reporters: list[str], editors: list[str], wires: list[str]
) -> None:
    known = get_outlet(outlet)
    assert known is not None
    assert parse_byline(known, byline) == (reporters, editors, wires)


@pytest.mark.parametrize(
    ("outlet", "body", "city", "first"),
    [
        ("liputan6", "Liputan6.com, Jakarta - Pemerintah mengumumkan", "Jakarta", "Pemerintah mengumumkan"),
        ("liputan6", "Liputan6.com, JakartaPenyanyi itu tampil", "Jakarta", "Penyanyi itu tampil"),
        ("liputan6", "Liputan6.com, Tel Aviv - Sirene berbunyi", "Tel Aviv", "Sirene berbunyi"),
        ("kompas", "JAKARTA, KOMPAS.com - Polisi menangkap", "Jakarta", "Polisi menangkap"),
        ("kompas", "KOMPAS.com\n- Pelatih itu berkata", None, "Pelatih itu berkata"),
        ("republika", "REPUBLIKA.CO.ID,\xa0CIREBON--Dua warga", "Cirebon", "Dua warga"),
        ("tempo", "TEMPO.CO, Jakarta - Presiden berkata", "Jakarta", "Presiden berkata"),
        ("tempo", "TEMPO.CO,Jakarta-Presiden berkata", "Jakarta", "Presiden berkata"),
        ("posmetro", "Posmetro.co.id,INDRAMAYU – Bupati membuka", "Indramayu", "Bupati membuka"),
        ("posmetro", "BATAM, POSMETRO.CO: Warga antre", "Batam", "Warga antre"),
        ("okezone", "JAKARTA– Harga emas naik", "Jakarta", "Harga emas naik"),
        ("sindonews", "JAKARTA  - Harga emas naik", "Jakarta", "Harga emas naik"),
        ("tribunnews", "SERAMBINEWS.COM - Warga Aceh", None, "Warga Aceh"),
        ("tribunnews", "TRIBUNSOLO.COM, KLATEN - Warga Klaten", "Klaten", "Warga Klaten"),
        ("detik", "Jakarta\n-\nMenteri itu datang", "Jakarta", "Menteri itu datang"),
        ("kapanlagi", "Kapanlagi.com - Aktris itu", None, "Aktris itu"),
    ],
)
def test_datelines(outlet: str, body: str, city: str | None, first: str) -> None:
    known = get_outlet(outlet)
    assert known is not None
    cleaned = clean_body(body + " tadi pagi.", known)
    assert cleaned.dateline == city
    assert cleaned.paragraphs[0].startswith(first)


def _row(outlet: str, body: str, **extra: str) -> Record:
    fields = {
        "outlet": outlet,
        "url": "",
        "title": "Judul Karangan",
        "author": "",
        "date_raw": "",
        "body": body,
    }
    fields.update(extra)
    return Record(fields=fields, source=Source("t.jsonl#1", "jsonl"))


def test_okezone_editor_line_and_date() -> None:
    body = "JAKARTA- Pasar ikan dibuka lagi hari ini.\nPedagang menyambut gembira.(Gilang Ramadhan)\n(Gilang Ramadhan)"
    article = extract_record(
        _row("okezone", body, author="Dewi Kartika", date_raw=",\xa0Jurnalis-Senin, 16 Juni 2025 |15:20 WIB")
    )
    assert article.reporters == ["Dewi Kartika"]
    assert article.editors == ["Gilang Ramadhan"]
    assert article.paragraphs[-1] == "Pedagang menyambut gembira."
    assert article.published_at is not None and article.published_at.hour == 15


def test_tribun_reporter_line_and_wita() -> None:
    body = "Laporan Wartawan TribunKaltim.co, Andi Saputra\nTRIBUNKALTIM.CO, BALIKPAPAN - Kapal tiba.\n(*)"
    article = extract_record(_row("tribunnews", body, date_raw="Tayang: Senin, 9 Juni 2025 17:54 WITA"))
    assert article.reporters == ["Andi Saputra"]
    assert article.dateline == "Balikpapan"
    assert article.body == "Kapal tiba."
    assert article.published_at is not None and article.published_at.utcoffset() == timedelta(hours=8)


def test_kompas_broken_lines_and_promo() -> None:
    body = (
        "JAKARTA, KOMPAS.com\n- Direktur lembaga itu,\nBudi Santoso\n, menyampaikan sikapnya kepada\nKompas.com\n"
        ", Selasa (10/6/2025).\nBaca juga:\nLembaga Lain Ikut Bersuara\nIa meminta semua pihak tenang.\n"
        "Simak\nbreaking news\ndan\nberita pilihan\nkami langsung di ponselmu."
    )
    article = extract_record(_row("kompas", body))
    assert article.paragraphs == [
        "Direktur lembaga itu, Budi Santoso, menyampaikan sikapnya kepada Kompas.com, Selasa (10/6/2025).",
        "Ia meminta semua pihak tenang.",
    ]
    assert [r.title for r in article.related] == ["Lembaga Lain Ikut Bersuara"]


def test_kapanlagi_zone_from_data_and_initials() -> None:
    article = extract_record(
        _row(
            "kapanlagi",
            "Kapanlagi.com - Konser digelar malam ini.\nAdvertisement\n(kpl/abc)",
            date_raw="10 Juni 2025 13:21",
        )
    )
    assert (
        article.published_at is not None and article.published_at.isoformat() == "2025-06-10T13:21:00+07:00"
    )
    assert article.body == "Konser digelar malam ini."


def test_republika_glued_promo_and_posmetro_editor() -> None:
    rep = extract_record(
        _row(
            "republika",
            "REPUBLIKA.CO.ID, GARUT -- Sawah terendam.Ikuti Whatsapp Channel Republika\nPetani merugi.",
        )
    )
    assert rep.paragraphs == ["Sawah terendam.", "Petani merugi."]
    pos = extract_record(
        _row("posmetro", "POSMETRO MEDAN– Dua pemuda ditangkap.\n\nsumber: humas polresEditor: Raka Siregar")
    )
    assert pos.editors == ["Raka Siregar"] and pos.body == "Dua pemuda ditangkap."
