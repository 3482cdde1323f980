"""Events from made-up articles: actors, PLOVER/CAMEO codes, modes, dates and places."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from warta.understand.entities import find_entities
from warta.understand.events import find_events
from warta.understand.timex import find_times

WIB = timezone(timedelta(hours=7))
JUNE_18 = datetime(2025, 6, 18, 9, 0, tzinfo=WIB)  # a day of the indonews week


def _events(body: str, when: datetime, language: str = "id", caption: str | None = None) -> list[dict]:
    entities = find_entities(body, language, when)
    return find_events(
        body, entities, find_times(body, when, language), language, when, image_caption=caption
    )


def _acts(body: str, language: str = "id") -> list[tuple[str, str | None, str | None]]:
    """(code, actor 1, actor 2) of each event in ``body``, on a day of June 2025."""
    return [(e["code"], e["actor1"], e["actor2"]) for e in _events(body, JUNE_18, language)]


def _assert_none_coded(codes: tuple[str, ...], bodies: tuple[str, ...], language: str = "id") -> None:
    """None of ``bodies`` gives an event of one of ``codes``."""
    for body in bodies:
        events = _events(body, JUNE_18, language)
        assert not [e for e in events if e["code"] in codes], (body, events)


def _key(e: dict) -> tuple:
    return (e["actor1"], e["actor2"], e["code"], e["mode"], e["date"])


BODY = (
    "Presiden Brasil Lucas Ferreira dan Perdana Menteri Jepang Haruto Sakamoto sepakat menolak "
    "campur tangan Barat dalam urusan dagang.\n\n"
    "Kesepakatan itu dicapai dalam panggilan video, Senin, 6 Maret 2023, tiga hari setelah Ferreira "
    "berbicara dengan Kanselir Jerman Greta Vogel dalam format yang sama.\n\n"
    "Ferreira dan Sakamoto berharap bertemu di Tokyo pada bulan Mei, tetapi tidak ada rencana untuk "
    "melakukan kunjungan kenegaraan.\n\n"
    "Amerika Serikat dan sekutunya menjatuhkan sanksi terhadap Iran."
)
WHEN = datetime(2023, 3, 7, 9, 0, tzinfo=WIB)


def test_consult_video_call_with_date_and_the_same_mode_relative_event() -> None:
    events = _events(BODY, WHEN)
    keys = {_key(e) for e in events}
    assert ("Lucas Ferreira", "Haruto Sakamoto", "CONSULT", "video call", "2023-03-06") in keys
    # "tiga hari setelah ... dalam format yang sama": three days before, same mode
    assert ("Lucas Ferreira", "Greta Vogel", "CONSULT", "video call", "2023-03-03") in keys


def test_reject_the_west_dated_by_the_following_sentence() -> None:
    events = _events(BODY, WHEN)
    rejects = {(e["actor1"], e["actor2"], e["date"]) for e in events if e["code"] == "REJECT"}
    assert rejects == {("Lucas Ferreira", "West", "2023-03-06"), ("Haruto Sakamoto", "West", "2023-03-06")}
    assert all(e["cameo"] == "12" for e in events if e["code"] == "REJECT")


def test_planned_and_negated_events() -> None:
    events = _events(BODY, WHEN)
    planned = [e for e in events if e["modality"] == "planned"]
    assert [(e["actor1"], e["actor2"], e["location"], e["date"]) for e in planned] == [
        ("Lucas Ferreira", "Haruto Sakamoto", "Tokyo", "2023-05")
    ]
    assert not any(e["trigger"] == "kunjungan kenegaraan" for e in events)  # "tidak ada rencana"


def test_sanction_and_offsets() -> None:
    events = _events(BODY, WHEN)
    sanction = [e for e in events if e["code"] == "SANCTION"]
    assert [(e["actor1"], e["actor2"], e["cameo"]) for e in sanction] == [("United States", "Iran", "16")]
    for e in events:
        assert BODY[e["start"] : e["end"]] == e["evidence"]


def test_caption_event_is_marked_and_located() -> None:
    caption = (
        "Presiden Brasil Lucas Ferreira berjabat tangan dengan Presiden Cina Li Wenhao saat pertemuan "
        "di Beijing, Tiongkok, 12 Januari 2023."
    )
    events = _events("Tidak ada peristiwa di sini.", WHEN, caption=caption)
    assert len(events) == 1
    e = events[0]
    assert e["field"] == "image_caption"
    assert _key(e) == ("Lucas Ferreira", "Li Wenhao", "CONSULT", "meeting", "2023-01-12")
    assert e["location"] == "Beijing"
    assert caption[e["start"] : e["end"]] == e["evidence"]


def test_group_pronoun_and_phone_call_today() -> None:
    body = (
        "Menteri Luar Negeri Chile Andrea Rojas dan Menteri Luar Negeri Peru Tomas Quispe berbicara melalui "
        "telepon hari ini, dan keduanya mengecam serangan terhadap Ekuador."
    )
    events = _events(body, WHEN)
    keys = {(e["actor1"], e["actor2"], e["code"], e["mode"], e["date"]) for e in events}
    assert ("Andrea Rojas", "Tomas Quispe", "CONSULT", "phone call", "2023-03-07") in keys
    assert ("Andrea Rojas", "Ecuador", "ACCUSE", None, "2023-03-07") in keys
    assert ("Tomas Quispe", "Ecuador", "ACCUSE", None, "2023-03-07") in keys


def test_english_events() -> None:
    body = "Chinese Foreign Minister Li Wenhao met Kenyan President Amani Otieno in Nairobi on 4 March 2023."
    events = _events(body, WHEN, language="en")
    assert [_key(e) for e in events] == [("Li Wenhao", "Amani Otieno", "CONSULT", "meeting", "2023-03-04")]
    assert events[0]["location"] == "Nairobi"
    # "new"/"fresh" sanctions, and aid called humanitarian
    found = [
        (e["code"], e["actor1"], e["actor2"])
        for body in (
            "The European Union imposed new sanctions on Kenya on Friday.",
            "Japan delivered humanitarian aid to Kenya after the floods.",
            "Japan pledged $500 million in emergency aid to Kenya.",  # the amount between verb and aid
        )
        for e in _events(body, WHEN, language="en")
    ]
    assert found == [
        ("SANCTION", "European Union", "Kenya"),
        ("AID", "Japan", "Kenya"),
        ("AID", "Japan", "Kenya"),
    ], found


def test_a_date_in_brackets_between_actor_and_verb() -> None:
    # news style: "X, Rabu (17/6/2025), memperingatkan Y"
    body = "Presiden Brasil Lucas Ferreira, Rabu (17/6/2025), memperingatkan Jepang agar tidak ikut campur."
    events = _events(body, JUNE_18)
    assert any(e["actor1"] == "Lucas Ferreira" and e["actor2"] == "Japan" for e in events), events


def test_discussing_a_topic_is_not_meeting_it() -> None:
    topic = _events(
        "Artikel ini membahas tujuh model hijab Rina Wulandari yang cocok untuk acara keluarga.", JUNE_18
    )
    assert not [e for e in topic if e["code"] == "CONSULT"], topic
    talk = _events(
        "Presiden Brasil Lucas Ferreira membahas tarif dagang dengan Perdana Menteri Jepang Haruto Sakamoto.",
        JUNE_18,
    )
    assert ("Lucas Ferreira", "Haruto Sakamoto") in {
        (e["actor1"], e["actor2"]) for e in talk if e["code"] == "CONSULT"
    }


def test_a_pronoun_subject_is_the_person_the_previous_sentence_was_about() -> None:
    body = (
        "Presiden Brasil Lucas Ferreira meninjau pabrik baja bersama Perdana Menteri Jepang Haruto Sakamoto. "
        "Ia kemudian meminta Jepang menambah investasi."
    )
    events = _events(body, JUNE_18)
    asks = [(e["actor1"], e["actor2"]) for e in events if e["code"] == "REQUEST"]
    assert asks == [("Lucas Ferreira", "Japan")], events


def test_playing_for_a_team_is_not_support() -> None:
    sport = _events(
        "Gelandang itu kini membela Persikota Tangerang di Liga 2 dan dulu membela tim Jepang.", JUNE_18
    )
    assert not [e for e in sport if e["code"] == "SUPPORT"], sport
    politics = _events("Presiden Brasil Lucas Ferreira membela Jepang dalam sidang dewan keamanan.", JUNE_18)
    assert ("Lucas Ferreira", "Japan") in {
        (e["actor1"], e["actor2"]) for e in politics if e["code"] == "SUPPORT"
    }


def test_a_birth_date_is_not_the_events_date() -> None:
    body = "Presiden Brasil Lucas Ferreira, kelahiran 2 Juni 1960 itu, meminta Jepang menambah investasi."
    events = _events(body, JUNE_18)
    asks = [e for e in events if e["code"] == "REQUEST"]
    assert asks and asks[0]["date"] is None, asks


def test_a_later_date_of_a_future_act_does_not_date_the_act_already_done() -> None:
    body = (
        "Menteri Luar Negeri Brasil Ana Souza mengkritik kebijakan tarif Jepang dan mengancam akan "
        "membalas pada awal tahun depan."
    )
    done = [e for e in _events(body, JUNE_18) if e["code"] in ("ACCUSE", "THREATEN")]
    assert {e["code"] for e in done} == {"ACCUSE", "THREATEN"} and all(e["date"] is None for e in done), done
    # a planned act keeps its later date, and a date before "akan" still dates the act done
    planned = _events("Presiden Brasil Lucas Ferreira akan bertemu Haruto Sakamoto pada 10 Juli.", JUNE_18)
    assert [e["date"] for e in planned if e["code"] == "CONSULT"] == ["2025-07-10"], planned
    before = _events(
        "Lucas Ferreira bertemu Haruto Sakamoto pada Senin (16/6/2025) dan akan bertemu lagi pada Oktober.",
        JUNE_18,
    )
    assert "2025-06-16" in [e["date"] for e in before if e["code"] == "CONSULT"], before


def test_a_match_is_not_a_meeting() -> None:
    match = _events("Timnas Brasil akan bertemu Jepang pada laga pertama turnamen itu di Tokyo.", JUNE_18)
    assert not [e for e in match if e["code"] == "CONSULT"], match
    meeting = _events(
        "Presiden Brasil Lucas Ferreira bertemu Perdana Menteri Jepang Haruto Sakamoto di Tokyo.", JUNE_18
    )
    assert ("Lucas Ferreira", "Haruto Sakamoto") in {
        (e["actor1"], e["actor2"]) for e in meeting if e["code"] == "CONSULT"
    }
    # nor is a chance a threat: a header or a keeper's save tells a match
    chance = _events("Brasil langsung balas mengancam dengan sundulan, tetapi kiper Jepang sigap.", JUNE_18)
    assert not chance, chance
    draw = _events("Bermain di Tokyo, tim Brasil ditahan 1-1 oleh Jepang.", JUNE_18)
    assert not draw, draw


def test_passive_arrest_questioning_and_attack_keep_agent_and_patient_apart() -> None:

    def pairs(body: str, language: str = "id") -> set[tuple]:
        return {(e["actor1"], e["actor2"], e["code"]) for e in _events(body, JUNE_18, language)}

    assert ("Kejaksaan Agung", "Rendra Wicaksono", "COERCE") in pairs(
        "Pengusaha Rendra Wicaksono ditangkap oleh Kejaksaan Agung di Padang."
    )
    assert ("KPK", "Sinta Maharani", "INVESTIGATE") in pairs(
        "Bendahara partai Sinta Maharani diperiksa KPK selama enam jam."
    )
    # the speaker is not the one arrested: the patient comes after the reporting verb
    said = pairs("Kapolres Bukittinggi Agus Salim mengatakan pelaku sudah ditangkap di rumahnya.")
    assert not [p for p in said if p[1] == "Agus Salim"], said
    assert ("Bolivian Navy", "Carlos Mendes", "COERCE") in pairs(
        "Carlos Mendes was arrested by the Bolivian Navy on Monday.", "en"
    )


def test_fishing_and_a_draw_are_not_arrests() -> None:
    _assert_none_coded(
        ("COERCE",),
        (
            "Nelayan Vietnam menangkap ikan di perairan Natuna.",
            "Persija Jakarta menahan imbang Persib Bandung di Stadion Gelora.",
            "Persija Jakarta ditahan imbang Persib Bandung di Stadion Gelora.",
            "Pemerintah Malaysia menahan harga bahan bakar hingga akhir tahun.",
        ),
    )
    arrest = _events("Badan Narkotika Nasional menangkap Hendra Kusuma di Johor.", JUNE_18)
    assert ("Badan Narkotika Nasional", "Hendra Kusuma") in {
        (e["actor1"], e["actor2"]) for e in arrest if e["code"] == "COERCE"
    }, arrest


def test_an_object_deep_in_another_phrase_is_not_the_target() -> None:

    def targets(body: str) -> set[tuple]:
        return {(e["actor1"], e["actor2"], e["code"]) for e in _events(body, JUNE_18)}

    # the thing asked for, and a place in a purpose clause, are not who was asked
    assert targets("Kementerian Keuangan meminta suntikan dana dari Bank Dunia.") == {
        ("Kementerian Keuangan", None, "REQUEST")
    }
    assert targets("Pemerintah Kanada mendesak warganya untuk tidak bepergian ke Paraguay.") == {
        ("Canada", None, "REQUEST")
    }
    # a partner word reaches past a long phrase; an attack's target may sit deep in one
    assert ("Lucas Ferreira", "Kementerian Luar Negeri Jepang", "CONSULT") in targets(
        "Lucas Ferreira berbicara dengan para pejabat senior Kementerian Luar Negeri Jepang."
    )
    assert ("Brazil", "Paraguay", "ASSAULT") in targets(
        "Brasil menyerang gudang senjata dan pangkalan udara milik Paraguay."
    )
    # colloquial negation
    assert not targets("Dia gak membantah Lucas Ferreira.")


def test_a_visit_or_meeting_noun_names_its_own_sides() -> None:

    def consults(body: str) -> set[tuple]:
        return {(e["actor1"], e["actor2"]) for e in _events(body, JUNE_18) if e["code"] == "CONSULT"}

    # the one who praises a visit is not a side of it
    assert consults(
        "Anggota parlemen Dewi Lestari mengapresiasi kunjungan kerja Presiden Lucas Ferreira ke Jepang."
    ) == {("Lucas Ferreira", "Japan")}
    assert consults("Pertemuan rahasia antara Lucas Ferreira dan Haruto Sakamoto berlangsung di Osaka.") == {
        ("Lucas Ferreira", "Haruto Sakamoto")
    }
    # a summit of one body is not a meeting between two sides
    assert consults("Greta Vogel menyampaikan hal itu di sela KTT G20 di Osaka.") == set()
    # with no actor right after the noun, the subject is a side as before
    assert ("Lucas Ferreira", "Haruto Sakamoto") in consults(
        "Lucas Ferreira, dalam panggilan video dengan Haruto Sakamoto, membahas tarif."
    )


def test_a_fronted_or_coordinated_clause_shares_the_main_subject() -> None:

    def pairs(body: str) -> set[tuple]:
        return {(e["actor1"], e["actor2"], e["code"]) for e in _events(body, JUNE_18)}

    assert ("Lucas Ferreira", "Haruto Sakamoto", "CONSULT") in pairs(
        "Sebelum bertemu Haruto Sakamoto, Lucas Ferreira meletakkan karangan bunga di Tokyo."
    )
    assert ("Kementerian Luar Negeri Brasil", "Paraguay", "ACCUSE") in pairs(
        "Kementerian Luar Negeri Brasil memanggil duta besarnya, dan mengecam Paraguay atas penutupan perbatasan."
    )
    # a fronted clause whose main clause opens with no actor names none
    assert (None, "Haruto Sakamoto", "CONSULT") in pairs(
        "Sebelum bertemu Haruto Sakamoto, rombongan meletakkan karangan bunga di Tokyo."
    )


def test_what_is_signed_or_approved_is_not_the_other_side() -> None:

    def cooperates(body: str) -> set[tuple]:
        return {(e["actor1"], e["actor2"]) for e in _events(body, JUNE_18) if e["code"] == "COOPERATE"}

    assert cooperates("Lucas Ferreira menandatangani Perjanjian Osaka di Tokyo.") == set()
    assert (
        cooperates("Para pemegang saham menyetujui pengangkatan Haruto Sakamoto sebagai direktur.") == set()
    )
    assert ("Lucas Ferreira", "Haruto Sakamoto") in cooperates(
        "Lucas Ferreira menandatangani nota kesepahaman dengan Haruto Sakamoto di Tokyo."
    )
    english = {
        (e["actor1"], e["actor2"]) for e in _events("Lucas Ferreira signed the NATO charter.", JUNE_18, "en")
    }
    assert english == set()


def test_a_contributed_share_is_no_gift() -> None:
    _assert_none_coded(
        ("AID",),
        (
            "Penyerang Hendra Kusuma menyumbang dua gol bagi Persija Jakarta.",
            "Pertamina menyumbang 60 persen produksi minyak nasional.",
            "Pariwisata Bali menyumbangkan 15 persen pendapatan daerah.",
        ),
    )
    gift = _events("Bupati Sarman Wijaya menyumbang dana Rp50 juta bagi korban banjir di Garut.", JUNE_18)
    assert [e["actor1"] for e in gift if e["code"] == "AID"] == ["Sarman Wijaya"], gift


def test_helping_to_do_something_or_to_win_is_no_aid() -> None:
    _assert_none_coded(
        ("AID",),
        (
            "Aplikasi buatan Sinar Digital membantu mengurangi emisi karbon di Bandung.",
            "Gelandang Rudi Hartanto mencetak dua gol dan membantu Persija Jakarta memenangi laga itu.",
        ),
    )
    aid = _events("Pemerintah Jepang membantu korban gempa di Cianjur.", JUNE_18)
    assert [e["actor1"] for e in aid if e["code"] == "AID"] == ["Japan"], aid


def test_an_apology_is_no_request() -> None:
    events = _events(
        "Wali Kota Depok Hendra Kusuma meminta maaf kepada warga Bogor atas kemacetan itu.", JUNE_18
    )
    assert [(e["code"], e["actor1"]) for e in events] == [("CONCEDE", "Hendra Kusuma")], events


def test_an_abbreviation_in_brackets_keeps_the_subject_and_a_held_rate_is_no_arrest() -> None:
    events = _events("Perserikatan Bangsa-Bangsa (PBB) menolak rencana Kerajaan Arvania.", JUNE_18)
    assert [(e["code"], e["actor1"]) for e in events] == [("REJECT", "United Nations")], events
    held = _events("Bank Indonesia menahan bunga acuan di level 5,5 persen.", JUNE_18)
    assert not [e for e in held if e["code"] == "COERCE"], held


def test_an_actor_after_since_is_the_subject_of_its_clause() -> None:
    events = _events("Harga minyak naik sejak Arvania menyerang Beltrania pada 13 Juni.", JUNE_18)
    assert [(e["code"], e["actor1"]) for e in events if e["code"] == "ASSAULT"] == [("ASSAULT", "Arvania")], (
        events
    )


def test_english_calls_releases_and_strikes_need_the_right_object() -> None:
    _assert_none_coded(
        ("CONSULT", "CONCEDE", "ASSAULT"),
        (
            "Producers Dana Hill and Rob Kane called the Arvanian actor a consummate entertainer.",
            "Northwind released a crucial update for its browser on Tuesday.",
            "Northwind struck a deal with Brightwater on Monday.",
        ),
        "en",
    )
    call = _events("President Dana Hill called Rob Kane to discuss the border.", JUNE_18, "en")
    assert [(e["code"], e["actor1"], e["actor2"]) for e in call] == [("CONSULT", "Dana Hill", "Rob Kane")], (
        call
    )


def test_an_advisory_is_no_threat() -> None:
    _assert_none_coded(
        ("THREATEN",),
        (
            "Pemerintah Jepang memperingatkan warganya agar tidak bepergian ke Arvania.",
            "Kapten Hendra Kusuma memperingatkan tentang cuaca buruk di Selat Lembah.",
        ),
    )
    threat = _events("Pemerintah Jepang memperingatkan Arvania agar tidak menyerang.", JUNE_18)
    assert [(e["code"], e["actor1"], e["actor2"]) for e in threat] == [("THREATEN", "Japan", "Arvania")], (
        threat
    )


def test_a_country_of_origin_is_no_actor() -> None:
    events = _events("Pemain asal Brasil itu meminta nomor punggung 10.", JUNE_18)
    assert not [e for e in events if e["actor1"] == "Brazil"], events


def test_what_is_asked_for_or_aimed_at_is_planned_not_done() -> None:
    def modality(body: str, code: str) -> list[str]:
        return [e["modality"] for e in _events(body, JUNE_18) if e["code"] == code]

    # asked for
    asked = "Presiden Lucas Ferreira meminta Menteri Budi Santoso menemui Haruto Sakamoto."
    assert modality(asked, "REQUEST") == ["asserted"] and modality(asked, "CONSULT") == ["planned"]
    # the aim of another act
    assert modality(
        "Kelompok itu menyuap petugas Polres Lembah untuk membebaskan Andi Wirawan.", "CONCEDE"
    ) == ["planned"]
    # a trip's aim is told as done, and a plain act is done
    assert modality("Presiden Lucas Ferreira tiba di Tokyo untuk menemui Haruto Sakamoto.", "CONSULT") == [
        "asserted"
    ]
    assert modality("Kementerian Pertanian menolak impor beras dari Vietnam.", "REJECT") == ["asserted"]


def test_an_act_only_weighed_or_possible_is_not_done_unless_someone_is_glad_it_was() -> None:
    def modality(body: str, language: str = "id") -> list[tuple[str, str]]:
        return [(e["code"], e["modality"]) for e in _events(body, JUNE_18, language)]

    assert modality("Jika diserang, Brasil bisa menyerang pangkalan Jepang di kawasan itu.") == [
        ("ASSAULT", "planned")
    ]
    assert modality("Brasil sedang mempertimbangkan menjatuhkan sanksi terhadap Jepang.") == [
        ("SANCTION", "planned")
    ]
    assert modality(
        "Presiden Brasil Lucas Ferreira mengaku bangga bisa bertemu Haruto Sakamoto di Tokyo."
    ) == [("CONSULT", "asserted")]
    assert modality("Brazil could impose sanctions on Japan.", "en") == [("SANCTION", "planned")]


def test_a_time_in_an_after_or_following_clause_dates_the_act_told_there() -> None:
    def dated(body: str) -> list[tuple[str, str | None]]:
        return [(e["code"], e["date"]) for e in _events(body, JUNE_18)]

    # the attack inside "setelah ..." takes its own clause's date, not the main clause's
    assert dated(
        "Perang udara memasuki pekan kedua pada Senin (16/6), setelah Brasil mulai menyerang Jepang pada 13 Juni lalu."
    ) == [("ASSAULT", "2025-06-13")]
    # and a date inside "menyusul ..." is the attack's, not the call's
    assert dated(
        "Presiden Brasil Lucas Ferreira mengkritik Jepang, menyusul serangan Jepang ke pelabuhan Santos pada Jumat pekan lalu."
    ) == [("ACCUSE", None)]


def test_a_verb_after_a_comma_shares_the_subject_of_the_clause_before_it() -> None:

    # a coordinated verb, with or without "dan": the main clause's subject, not the last name
    assert _acts(
        "Brasil memperingatkan warganya agar tidak bepergian ke Jepang dan wilayah Argentina, mendesak mereka "
        "untuk menjauh dari zona konflik."
    ) == [("REQUEST", "Brazil", None)]
    assert _acts("Brasil mengecam serangan Jepang ke Argentina, dan menuduh Jepang melanggar hukum.") == [
        ("ACCUSE", "Brazil", "Japan")
    ]
    # ", Name, verb" closes an apposition: the name is the subject
    assert _acts("Juru bicara Kementerian Luar Negeri Brasil, Lucas Ferreira, membantah tuduhan Jepang.") == [
        ("REJECT", "Lucas Ferreira", "Japan")
    ]


def test_a_disease_or_a_force_of_nature_attacks_no_one_and_the_accused_is_the_target() -> None:

    assert _acts("Penyakit itu juga bisa menyerang orang yang lebih muda di Brasil.") == []
    assert _acts("A strong earthquake struck Japan on Tuesday, officials said.", "en") == []
    assert _acts("The patch covers all supported versions of the browser.", "en") == []
    # "is accused of": the accused is who the accusation is about, not who made it
    assert _acts("Lucas Ferreira is accused of leaking the report.", "en") == [
        ("ACCUSE", None, "Lucas Ferreira")
    ]


def test_aid_received_from_someone_was_given_by_them() -> None:

    assert _acts("Brasil menerima bantuan dari Jepang setelah banjir.") == [("AID", "Japan", "Brazil")]
    assert _acts("Brazil received aid from Japan after the floods.", "en") == [("AID", "Japan", "Brazil")]


def test_a_group_named_by_a_noun_is_the_other_side_of_a_named_actors_act() -> None:
    assert _acts("Bupati Sinta Wirawan meminta masyarakat agar waspada banjir.") == [
        ("REQUEST", "Sinta Wirawan", "masyarakat")
    ]
    # a name after the noun makes it part of that name or role
    assert _acts("Presiden Lamora meminta pemerintah Indonesia membuka jalur dagang.")[0][2] == "Indonesia"
    # never the only actor: "Warga mendukung ..." names no one who acts
    assert _acts("Warga mendukung program itu. Polisi membantu pengendara di jalan.") == []


def test_police_arrest_and_residents_protest_named_by_a_noun() -> None:
    assert _acts("Polisi menangkap dua pelaku di Lamora. Warga memprotes kenaikan tarif.") == [
        ("COERCE", "polisi", None),
        ("PROTEST", "warga", None),
    ]
    # only the groups that do such acts, right before the verb: not "masyarakat mudah menangkap pesan"
    assert _acts("Masyarakat mudah menangkap pesan itu.") == []


def test_support_or_help_as_a_purpose_or_a_quality_is_no_act() -> None:
    assert _acts("Bank Lamora berkomitmen dalam mendukung program pemerintah Lamora.") == []
    assert _acts("Aplikasi Lamora dari Kementerian Agama sangat membantu jemaah.") == []
    # the act itself stays
    assert _acts("Bank Lamora mendukung Kementerian Keuangan.") == [
        ("SUPPORT", "Bank Lamora", "Kementerian Keuangan")
    ]
