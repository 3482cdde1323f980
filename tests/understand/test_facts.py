"""The stage entry point: annotate() on a made-up article and on the two real seed pages."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from warta.model import Article, Page, Source
from warta.understand.facts import annotate

WIB = timezone(timedelta(hours=7))

BODY = (
    "Presiden Kenya Amani Otieno dan Presiden Brasil Lucas Ferreira berbicara melalui telepon pada "
    "Senin, 6 Maret 2023, dan keduanya menolak campur tangan AS.\n\n"
    '"Kami akan terus bekerja sama," kata Otieno.\n\n'
    "Pemimpin Kenya itu mengatakan perdagangan kedua negara naik 12% menjadi $3,5 miliar tahun lalu."
)


def _article() -> Article:
    return Article(
        title="Otieno dan Ferreira Tolak Campur Tangan AS",
        body=BODY,
        published_at=datetime(2023, 3, 7, 9, 0, tzinfo=WIB),
        image_caption="Presiden Kenya Amani Otieno bertemu Presiden Brasil Lucas Ferreira di Nairobi, Kenya, 2 Januari 2023.",
    )


def _annotated(title: str, body: str, day: int) -> Article:
    """``annotate`` over an article of ``day`` June 2025, 09:00 WIB."""
    return annotate(Article(title=title, body=body, published_at=datetime(2025, 6, day, 9, 0, tzinfo=WIB)))


def _speakers(body: str) -> list[str | None]:
    """The speaker entities of the quotations ``annotate`` finds in ``body``."""
    return [q["speaker_entity"] for q in _annotated("Berita", body, 18).quotes]


def test_annotate_fills_every_list_with_offsets_into_the_body() -> None:
    article = annotate(_article())
    assert article.language == "id"
    body_entities = [m for m in article.entities if "field" not in m]
    caption_entities = [m for m in article.entities if m.get("field") == "image_caption"]
    assert body_entities and caption_entities
    for m in body_entities:
        assert article.body[m["start"] : m["end"]] == m["surface"]
    for m in caption_entities:
        assert article.image_caption is not None
        assert article.image_caption[m["start"] : m["end"]] == m["surface"]
    assert [f["text"] for f in article.figures] == ["12%", "$3,5 miliar"]


def test_quote_speakers_resolve_to_entities() -> None:
    article = annotate(_article())
    speakers = {q["speaker"]: q["speaker_entity"] for q in article.quotes}
    assert speakers["Otieno"] == "Amani Otieno"
    assert speakers["Pemimpin Kenya itu"] == "Amani Otieno"  # the one person whose role names Kenya


def test_a_quote_that_points_back_with_no_speaker_before_is_the_person_the_text_was_about() -> None:
    body = (
        "Kepala Dinas Pasar Kota Lembah, Rudi Hartanto, meninjau gudang beras bersama Gubernur Rina "
        "Wulandari pada Selasa.\n\n"
        '"Stok beras cukup untuk enam bulan ke depan," katanya.'
    )
    article = _annotated("Stok beras", body, day=18)
    [quote] = article.quotes
    assert quote["speaker_entity"] == "Rudi Hartanto" and quote["speaker_inferred"], quote
    assert body[quote["speaker_start"] : quote["speaker_end"]] == "Rudi Hartanto"


def test_a_pronoun_speaker_with_no_speaker_before_is_the_person_the_text_was_about() -> None:
    body = (
        "Legenda bulu tangkis Hendra Wisanggeni menyoroti persiapan tim muda. "
        "Dia mengatakan bahwa latihan fisik harus ditambah. Mereka menyatakan bahwa jadwal padat."
    )
    article = _annotated("Tim muda", body, day=18)
    speakers = {q["speaker"]: q["speaker_entity"] for q in article.quotes}
    assert speakers.get("Hendra Wisanggeni") == "Hendra Wisanggeni", article.quotes
    assert speakers.get("Mereka") is None, article.quotes  # a group: no one person


def test_a_bare_role_speaker_is_the_one_person_holding_it_and_a_weekday_is_no_one() -> None:
    body = (
        "Sidang dipimpin Hakim Ketua Ratna Wulansari di Pengadilan Negeri Lembah. "
        "Hakim menyatakan terdakwa bersalah. Pejabat itu aman, kata Menlu, Kamis (19/6/2025)."
    )
    article = _annotated("Vonis", body, day=19)
    speakers = {q["speaker"]: q["speaker_entity"] for q in article.quotes}
    assert speakers.get("Hakim") == "Ratna Wulansari", article.quotes
    assert not [m for m in article.entities if m["surface"] == "Kamis"], article.entities


@pytest.mark.parametrize(
    ("body", "speakers"),
    [
        pytest.param(
            "Gubernur Riau Sinta Wirawan bertemu Menteri Budi Hartono di Pekanbaru, Senin. "
            '"Dananya sudah siap," kata Gubernur Riau itu. "Kami mulai Juli," ujar pemimpin Riau itu.',
            ["Sinta Wirawan", "Sinta Wirawan"],
            id="the role of a place pointed at is its one holder",
        ),
        pytest.param(
            "Manajemen Persib Bandung menyatakan bahwa seluruh gaji pemain sudah dibayar. "
            "Komite Nasional Keselamatan Transportasi (KNKT) menyebut penyebab kecelakaan masih diselidiki. "
            '"Terima kasih atas dukungan kalian," tulis akun Instagram Persib Bandung.',
            ["Persib Bandung", "KNKT", "Persib Bandung"],
            id="a body speaks through its management, its account, its full name with short form",
        ),
        pytest.param(
            'Seskab Teddy Wiranata hadir di Istana. "Rapat berjalan lancar," ujar Seskab Teddy. '
            'Penyanyi Dimas Arya mengisi acara. "Saya bangga," kata pelantun Rindu Lamora itu.',
            ["Teddy Wiranata", "Dimas Arya"],
            id="Seskab is a role and a singer described points back",
        ),
    ],
)
def test_speakers_named_by_role_body_or_description(body: str, speakers: list[str]) -> None:
    assert _speakers(body) == speakers


def test_events_from_body_and_caption() -> None:
    article = annotate(_article())
    got = {
        (e["actor1"], e["actor2"], e["code"], e["mode"], e["date"], e.get("field")) for e in article.events
    }
    assert ("Amani Otieno", "Lucas Ferreira", "CONSULT", "phone call", "2023-03-06", None) in got
    assert ("Amani Otieno", "United States", "REJECT", None, "2023-03-06", None) in got
    assert ("Lucas Ferreira", "United States", "REJECT", None, "2023-03-06", None) in got
    assert ("Amani Otieno", "Lucas Ferreira", "CONSULT", "meeting", "2023-01-02", "image_caption") in got


def _seed_events(seeds_dir: Path) -> list[dict]:
    from warta.extract import extract_page

    files = sorted(seeds_dir.glob("*.txt"))
    if len(files) < 2:
        pytest.skip("the two seed pages are not present")
    events: list[dict] = []
    for path in files:
        article = annotate(extract_page(Page(path.read_bytes(), Source(str(path), "text"))))
        events.extend(article.events)
    return events


def _find(events: list[dict], **want: object) -> list[dict]:
    return [e for e in events if all(e.get(k) == v for k, v in want.items())]


@pytest.mark.shared
def test_seed_pages_give_the_putin_xi_timeline(seeds_dir: Path) -> None:
    events = _seed_events(seeds_dir)
    putin, xi = "Vladimir Putin", "Xi Jinping"
    video = _find(events, code="CONSULT", mode="video call", date="2021-12-15")
    assert [(e["actor1"], e["actor2"], e["cameo"]) for e in video] == [(putin, xi, "04")]
    biden = _find(events, code="CONSULT", date="2021-12-07")
    assert [(e["actor1"], e["actor2"], e["mode"]) for e in biden] == [(putin, "Joe Biden", "video call")]
    phone = _find(events, code="CONSULT", mode="phone call")
    assert [(e["actor1"], e["actor2"], e["date"]) for e in phone] == [(putin, xi, "2024-02-08")]
    forum = _find(events, code="CONSULT", date="2023-10-18")
    assert [(e["actor1"], e["actor2"], e["mode"], e["location"], e.get("field")) for e in forum] == [
        (putin, xi, "meeting", "Beijing", "image_caption")
    ]
    rejects = {(e["actor1"], e["actor2"], e["date"]) for e in _find(events, code="REJECT", cameo="12")}
    assert {
        (putin, "West", "2021-12-15"),
        (xi, "West", "2021-12-15"),
        (putin, "United States", "2024-02-08"),
        (xi, "United States", "2024-02-08"),
    } <= rejects


def test_an_event_told_in_the_first_person_inside_a_quote_is_the_speakers_act() -> None:
    body = (
        "Presiden Kenya Amani Otieno menerima tamu di Nairobi pada Senin.\n\n"
        '"Kami sering bertemu dengan Presiden Brasil Lucas Ferreira di Nairobi," kata Otieno.\n\n'
        '"Warga sudah lama meminta bantuan kepada Lucas Ferreira," ujar Otieno.'
    )
    article = annotate(
        Article(title="Otieno", body=body, published_at=datetime(2023, 3, 7, 9, 0, tzinfo=WIB))
    )
    consults = [e for e in article.events if e["code"] == "CONSULT"]
    assert consults and (consults[0]["actor1"], consults[0]["actor2"]) == ("Amani Otieno", "Lucas Ferreira")
    # not in the first person: the speaker is not the one who asked
    assert not any(e["actor1"] == "Amani Otieno" for e in article.events if e["code"] == "REQUEST")


def test_a_speaker_with_a_title_and_degrees_is_the_person_and_no_degree_is_an_entity() -> None:
    body = (
        '"Program beasiswa kami perluas tahun depan," kata Rektor Universitas Lamora, '
        "Prof. Hendra Saputra, M.M., di Kota Lamora. Dosen Bagas Pratama, M.Kom., menilai "
        "sistem pendaftaran itu rawan diretas."
    )
    article = _annotated("Beasiswa", body, day=18)
    speakers = {q["speaker"]: q["speaker_entity"] for q in article.quotes}
    assert speakers.get("Rektor Universitas Lamora, Prof. Hendra Saputra") == "Hendra Saputra", article.quotes
    assert speakers.get("Dosen Bagas Pratama") == "Bagas Pratama", article.quotes
    assert not [m for m in article.entities if m["surface"].rstrip(".") in ("M.M", "M.Kom")], article.entities


def test_a_speaker_the_tagger_missed_is_a_person_when_named_mid_sentence() -> None:
    def said(body: str) -> tuple[list[tuple[str, str | None]], list[tuple[str, str]]]:
        article = _annotated("Pasar", body, 18)
        return (
            [(q["speaker"], q["speaker_entity"]) for q in article.quotes],
            [(m["surface"], m["type"]) for m in article.entities],
        )

    quotes, entities = said(
        'Harga cabai naik tajam. "Harga naik karena hujan terus," kata Bara saat ditemui, Senin.'
    )
    assert quotes == [("Bara", "Bara")] and ("Bara", "PERSON") in entities
    # a role is no one's name, and a sentence's first word is capitalised whatever it is
    assert said('Harga cabai naik. "Kami siap menindak," kata Hakim kepada wartawan.') == (
        [("Hakim", None)],
        [],
    )
    assert said('Harga cabai naik. Bara mengatakan, "harga naik karena hujan."') == ([("Bara", None)], [])


def test_a_speaker_phrase_that_opens_with_a_name_is_that_persons() -> None:
    # what follows the name describes them or runs on: neither is the speaker
    assert _speakers(
        "Menurut keterangan keluarga, lanjut Budi Hartono, Slamet Riyadi ditemukan di pinggir jalan."
    ) == ["Budi Hartono"]
    assert _speakers(
        '"Kami tidak akan mundur," ujar Rizwan Pratama selaku Ketua Panitia Pameran Sinta Wirawan.'
    ) == ["Rizwan Pratama"]
    # a role before the name still leaves the name last
    assert _speakers('"Kami siap," kata juru bicara Kementerian Luar Negeri Wakanda, Tammy Okoye.') == [
        "Tammy Okoye"
    ]


def test_a_speaker_described_and_pointed_at_is_the_person_named_before() -> None:
    body = (
        "Penyanyi Rangga Saputra tampil di Jakarta, Sabtu. "
        'Pria berusia 52 tahun itu mengatakan, "saya senang sekali bisa kembali."'
    )
    quotes = _annotated("Konser", body, 18).quotes
    assert [(q["speaker_entity"], q["speaker_inferred"]) for q in quotes] == [("Rangga Saputra", True)]
    # a thing pointed at is no one: "Perusahaan tersebut" stays unresolved
    quotes = _annotated(
        "Pasar", 'Rangga Saputra membeli saham. "Kami tumbuh," tulis Perusahaan tersebut.', 18
    ).quotes
    assert [q["speaker_entity"] for q in quotes] == [None]


def test_a_pronoun_speaker_after_a_lead_in_or_dirinya_points_back() -> None:
    body = (
        'Rangga Saputra membuka pameran itu, Sabtu. "Kami ingin tumbuh," katanya. '
        "Sebab, ia menilai pasar masih luas. Dirinya menjelaskan, penjualan naik tahun ini."
    )
    quotes = _annotated("Pameran", body, 18).quotes
    assert [q["speaker_entity"] for q in quotes] == ["Rangga Saputra"] * 3


def test_a_name_inside_a_described_speaker_is_a_relatives_unless_it_names_them() -> None:
    first = "Penyanyi Rangga Saputra menikahi Dewi Lestari pada 2020. "
    # "Suami Dewi Lestari itu" is her husband, not Dewi Lestari
    assert _speakers(first + 'Suami Dewi Lestari itu mengatakan, "kami bahagia sekali."') == [
        "Rangga Saputra"
    ]
    # described in lower case after the verb, and pointed at
    assert _speakers(first + '"Kami bahagia sekali," kata penyanyi berusia 32 tahun itu.') == [
        "Rangga Saputra"
    ]
