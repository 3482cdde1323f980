from __future__ import annotations

from typing import Any

from warta.understand.quotes import find_quotes


def quotes(text: str, language: str = "id") -> list[dict[str, Any]]:
    found = find_quotes(text, language)
    for item in found:
        assert text[item["start"] : item["end"]] == item["text"]
        if item["speaker"] is not None:
            assert text[item["speaker_start"] : item["speaker_end"]] == item["speaker"]
    return found


def one(text: str, language: str = "id") -> dict[str, Any]:
    found = quotes(text, language)
    assert len(found) == 1, found
    return found[0]


def test_direct_quote_then_verb_and_speaker() -> None:
    item = one('"Kami akan membuka jalur dagang baru," kata Wiratama.')
    assert (item["kind"], item["text"], item["speaker"], item["verb"]) == (
        "direct",
        "Kami akan membuka jalur dagang baru",
        "Wiratama",
        "kata",
    )


def test_direct_quote_with_addressee_and_relaying_source() -> None:
    item = one(
        '"Kita harus saling menjaga," kata Lestari kepada Wiratama seperti dikutip Kantor Berita Nusa.'
    )
    assert (item["speaker"], item["source"]) == ("Lestari", "Kantor Berita Nusa")


def test_curly_quotes_and_comma_outside() -> None:
    item = one("“Proyek ini berjalan sesuai rencana”, ujar Prakoso.")
    assert (item["text"], item["speaker"], item["verb"]) == (
        "Proyek ini berjalan sesuai rencana",
        "Prakoso",
        "ujar",
    )


def test_speaker_before_the_quote() -> None:
    item = one('Menteri Perdagangan Sari Wulan mengatakan, "Harga beras akan stabil."')
    assert (item["kind"], item["speaker"], item["verb"], item["text"]) == (
        "direct",
        "Menteri Perdagangan Sari Wulan",
        "mengatakan",
        "Harga beras akan stabil.",
    )


def test_unattributed_quote_paragraph_takes_the_previous_speaker() -> None:
    text = (
        '"Kami siap berunding," kata Lestari.\n\n"Kami juga siap menandatangani pakta itu."\n\nCuaca cerah.'
    )
    first, second = quotes(text)
    assert second["speaker"] == "Lestari"
    assert second["speaker_inferred"] is True
    assert second["speaker_start"] == first["speaker_start"]


def test_unattributed_quote_paragraph_without_a_previous_quote_has_no_speaker() -> None:
    item = one('Cuaca cerah.\n\n"Kami tidak akan mundur."')
    assert (item["kind"], item["speaker"]) == ("direct", None)


def test_katanya_takes_the_most_recent_named_speaker() -> None:
    text = "Kedua pihak sepakat membuka kantor dagang, kata Prakoso. Kantor itu dibuka bulan depan, katanya."
    first, second = quotes(text)
    assert (first["speaker"], first["text"]) == ("Prakoso", "Kedua pihak sepakat membuka kantor dagang")
    assert (second["speaker"], second["speaker_inferred"], second["verb"]) == ("Prakoso", True, "katanya")
    assert second["text"] == "Kantor itu dibuka bulan depan"


def test_scare_quotes_are_not_quotations() -> None:
    item = one('Dia mengatakan kedua menteri menyebut rencana itu "tidak realistis" dan menolaknya.')
    assert item["kind"] == "indirect"
    assert item["text"].startswith("kedua menteri menyebut rencana itu")


def test_indirect_with_appositive_speaker_and_bahwa() -> None:
    item = one(
        "Juru bicara istana, Dimas Prakoso, mengatakan kepada wartawan bahwa Lestari telah menawarkan bantuan teknis."
    )
    assert (item["kind"], item["speaker"], item["verb"], item["text"]) == (
        "indirect",
        "Juru bicara istana, Dimas Prakoso",
        "mengatakan",
        "Lestari telah menawarkan bantuan teknis",
    )


def test_indirect_institution_says_person_told() -> None:
    found = quotes("Istana mengatakan Wiratama memberi tahu Lestari tentang kunjungannya ke Tokyo.")
    assert (found[0]["speaker"], found[0]["text"]) == (
        "Istana",
        "Wiratama memberi tahu Lestari tentang kunjungannya ke Tokyo",
    )
    assert (found[1]["speaker"], found[1]["source"], found[1]["verb"]) == (
        "Wiratama",
        "Istana",
        "memberi tahu",
    )


def test_trailing_attribution_without_quote_marks() -> None:
    item = one("Kedua negara akan melanjutkan proyek energi bersama pada tahun 2026, kata Prakoso.")
    assert (item["kind"], item["speaker"], item["text"]) == (
        "indirect",
        "Prakoso",
        "Kedua negara akan melanjutkan proyek energi bersama pada tahun 2026",
    )


def test_partial_quote_inside_a_reported_clause() -> None:
    item = one(
        'Kedua pemimpin akan terus menjaga "hubungan yang hangat" meski tanpa kunjungan, kata Prakoso.'
    )
    assert item["kind"] == "indirect"
    assert item["text"] == 'Kedua pemimpin akan terus menjaga "hubungan yang hangat" meski tanpa kunjungan'


def test_menurut_a_document_is_a_source() -> None:
    item = one("Impor gandum naik tajam, menurut data kantor statistik.")
    assert (item["speaker"], item["source"], item["verb"]) == (None, "data kantor statistik", "menurut")


def test_dateline_is_not_part_of_the_content() -> None:
    item = one("NUSAPOST, Jakarta - Kedua negara sepakat membuka perbatasan, kata Kementerian Luar Negeri.")
    assert item["text"] == "Kedua negara sepakat membuka perbatasan"
    assert item["speaker"] == "Kementerian Luar Negeri"


def test_pronoun_speaker_is_the_last_named_one() -> None:
    text = "Sari Wulan mengatakan harga beras stabil. Dia mengatakan stok cukup sampai Maret."
    first, second = quotes(text)
    assert first["speaker"] == "Sari Wulan"
    assert (second["speaker"], second["speaker_inferred"], second["text"]) == (
        "Sari Wulan",
        True,
        "stok cukup sampai Maret",
    )


def test_participle_is_not_a_new_speaker() -> None:
    assert quotes("Kapal itu berlayar dengan mengatakan apa pun kepada siapa pun.") == []


def test_english_quotes() -> None:
    text = (
        '"We will keep talking," Smith said. "Trade must grow," said Jones, as quoted by Reuters.\n'
        "Smith said that the talks were useful. The two sides will meet again, Jones said."
    )
    found = quotes(text, "en")
    assert [(q["kind"], q["speaker"], q["verb"], q["text"]) for q in found] == [
        ("direct", "Smith", "said", "We will keep talking"),
        ("direct", "Jones", "said", "Trade must grow"),
        ("indirect", "Smith", "said", "the talks were useful"),
        ("indirect", "Jones", "said", "The two sides will meet again"),
    ]
    assert found[1]["source"] == "Reuters"


def test_speaker_phrase_ends_before_adverbs_and_circumstances() -> None:
    cases = {
        "Sutanto juga menegaskan pasokan beras aman.": "Sutanto",
        "Sutanto dalam keterangannya menegaskan pasokan beras aman.": "Sutanto",
        "Kapolres Arvania Sutanto, Rabu (18/6/2025), mengatakan pelaku sudah ditahan.": "Kapolres Arvania Sutanto",
        "Menteri Pangan Sutanto hari Senin mengatakan pasokan beras aman.": "Menteri Pangan Sutanto",
    }
    for text, speaker in cases.items():
        assert one(text)["speaker"] == speaker, text


def test_leading_aside_is_not_the_speaker() -> None:
    for lead in ("Terpisah", "Tak hanya itu", "Sebagai permulaan", "Dilansir Nusa Pos"):
        item = one(f"{lead}, Wakil Ketua Komisi Pangan Rukmini Sastro mengatakan stok cukup.")
        assert item["speaker"] == "Wakil Ketua Komisi Pangan Rukmini Sastro", lead


def test_role_before_a_comma_stays_with_the_name() -> None:
    # an appositive role, or a clause that holds a name, is not an aside
    item = one("Wakil Ketua Komisi Pangan dari Partai Lumbung, Rukmini Sastro mengatakan stok cukup.")
    assert item["speaker"] == "Wakil Ketua Komisi Pangan dari Partai Lumbung, Rukmini Sastro"
    item = one("Tiga hari banjir melanda, Bupati Kalingga Darsono mengatakan bantuan sudah tiba.")
    assert item["speaker"].endswith("Bupati Kalingga Darsono")
    item = one("Menyadari kondisi yang masih sulit, ia mengatakan bantuan sudah tiba.")
    assert item["speaker"].endswith("ia")
    item = one("Dilansir Nusa Pos, Kamis (19/6/2025) Maskapai Garuda Langit mengumumkan jadwal baru.")
    assert (item["speaker"], item["source"]) == ("Maskapai Garuda Langit", "Nusa Pos")
    item = one("Darto, sapaan akrab Sudarto Wibisono, mengatakan bantuan sudah tiba.")
    assert item["speaker"] == "Darto, sapaan akrab Sudarto Wibisono"
    item = one("Dilansir Nusa Pos, duta besar Arvania untuk Kalingga mengumumkan rencana evakuasi.")
    assert (item["speaker"], item["source"]) == ("duta besar Arvania untuk Kalingga", "Nusa Pos")


def test_relayed_source_glued_at_a_link_edge() -> None:
    item = one(
        "Sutanto dalam pernyataannya, seperti dilansirNusa Pos, Jumat (20/6/2025), menuduh pemasok menimbun."
    )
    assert (item["speaker"], item["source"]) == ("Sutanto", "Nusa Pos")
    item = one("DilansirNusa Pos, Kamis (19/6/2025), Sutanto menyatakan siap bertemu.")
    assert (item["speaker"], item["source"]) == ("Sutanto", "Nusa Pos")
    item = one('"Kami siap," kata Sutanto, Rabu (18/6/2025).')
    assert item["speaker"] == "Sutanto"
    # a glued relay counts only before a name
    item = one('"Kami menyalurkannya melaluinya," kata Sutanto.')
    assert item["source"] is None


def test_quoting_a_website_and_being_reached_by_phone_are_not_the_speaker() -> None:
    item = one('"Tidurlah cukup," kata Wiratama mengutip laman Dinas Kesehatan Arvania, Senin (16/6/2025).')
    assert (item["speaker"], item["source"]) == ("Wiratama", "laman Dinas Kesehatan Arvania")
    item = one('"Jalannya rusak," kata Lestari dihubungi via telepon, Minggu (15/6/2025).')
    assert (item["speaker"], item["source"]) == ("Lestari", None)
    item = one("Presiden Arvania Teodor Brannik sebelumnya mengatakan bahwa pelabuhan akan dibuka.")
    assert item["speaker"] == "Presiden Arvania Teodor Brannik"


def test_an_office_with_and_in_its_name_keeps_its_holder() -> None:
    item = one(
        '"Kasusnya naik," kata Kepala Biro Komunikasi dan Informasi Publik Kementerian Arvania, Aji Wirawan.'
    )
    assert item["speaker"] == "Kepala Biro Komunikasi dan Informasi Publik Kementerian Arvania, Aji Wirawan"
    # a long office before the name, with no "dan"
    item = one('"Pintu ditutup," kata Kepala Kantor Imigrasi Kelas II TPI Pantai Mirah, Charles Mathaus.')
    assert item["speaker"].endswith("Charles Mathaus")
    # two people are not one office
    assert one('"Kami siap," kata Menteri Wiratama dan Lestari.')["speaker"] == "Menteri Wiratama"


def test_a_clause_or_an_adverb_before_the_speaker_is_no_part_of_it() -> None:
    for text, speaker in (
        ("Bahkan, Rudi Hartanto mengatakan harga beras akan turun.", "Rudi Hartanto"),
        ("Sebagai mitra pemerintah, Dewi Lestari menegaskan bahwa stok cukup.", "Dewi Lestari"),
        ("Meskipun hujan turun, Bupati Sarman menyatakan bahwa acara tetap digelar.", "Bupati Sarman"),
    ):
        [quote] = find_quotes(text, "id")
        assert quote["speaker"] == speaker, (text, quote)


def test_a_title_before_the_name_and_degrees_after_it_frame_the_speaker() -> None:
    # the stop of "Dr." or an initial does not end the speaker; a degree after a comma does
    item = one('"Beasiswa kami tambah," kata Rektor Universitas Lamora, Dr. Hendra Saputra, M.M., di Lamora.')
    assert item["speaker"] == "Rektor Universitas Lamora, Dr. Hendra Saputra"
    assert one('"Kami siap," ujar M. Arif Lubis di Medan.')["speaker"] == "M. Arif Lubis"
    before = one("Ketua tim, Dr. Sinta Maharani, S.H., M.H., mengatakan bahwa gugatan diajukan besok.")
    assert before["speaker"] == "Ketua tim, Dr. Sinta Maharani"
    # a sentence's full stop after a word that is no title still ends the phrase
    assert one('"Kami siap," kata Arif. Lubis tidak hadir.')["speaker"] == "Arif"


def test_a_circumstance_before_that_and_an_appositive_before_the_verb() -> None:
    said = one("Prime Minister Haruto Sakamoto said on Monday that Japan would respond.", "en")
    assert (said["kind"], said["text"]) == ("indirect", "Japan would respond")
    stated = one("Kementerian itu mengatakan dalam keterangan tertulis bahwa kunjungan ditunda.")
    assert stated["text"] == "kunjungan ditunda"
    # "bahwa" inside what was said is not where it starts
    inner = one("Budi mengatakan pemerintah akan memastikan bahwa harga stabil.")
    assert inner["text"] == "pemerintah akan memastikan bahwa harga stabil"
    told = one('"It is over," Jane Smith, a professor at Oxford, told the BBC.', "en")
    assert (told["kind"], told["speaker"], told["verb"]) == ("direct", "Jane Smith", "told")


def test_more_verbs_after_a_quote_and_a_question_answered() -> None:
    for verb in ("cetus", "beber", "tutup", "sambung", "tukas", "jawab"):
        item = one(f'"Jalur itu dibuka lagi Senin," {verb} Wiratama.')
        assert (item["speaker"], item["verb"]) == ("Wiratama", verb)
    # the -nya forms point back to the last speaker, as "katanya" does
    second = quotes('"Jalur itu dibuka Senin," kata Wiratama. "Semua siap," bebernya.')[1]
    assert (second["verb"], second["speaker"]) == ("bebernya", "Wiratama")
    answer = one('Saat ditanya soal jadwal, Wiratama menjawab: "Belum ada."')
    assert (answer["speaker"], answer["verb"]) == ("Wiratama", "menjawab")
    # ... but as the head of a clause "menjawab" is no speech ("menjawab kebutuhan")
    assert quotes("Program itu menjawab kebutuhan warga Lamora akan air bersih.") == []


def test_a_verb_inside_a_longer_word_or_a_relative_clause_is_not_the_attribution() -> None:
    # "bertanya," is not "tanya,"; and the people who ask are not the sentence's subject
    item = one('Sari mengatakan melihat unggahan warga yang bertanya, "Kapan jalan itu dibuka?" di grup.')
    assert (item["kind"], item["speaker"], item["verb"]) == ("indirect", "Sari", "mengatakan")


def test_a_quote_attributed_to_a_lower_case_speaker_is_theirs_not_the_last_speakers() -> None:
    said = quotes('"Saya tidak tahu," kata Wiratama. "Saudara pernah ke sana?" tanya jaksa.')
    assert [(q["speaker"], q["verb"]) for q in said] == [("Wiratama", "kata"), ("jaksa", "tanya")]


def test_menurutnya_is_the_last_speakers_indirect_quote() -> None:
    said = quotes(
        '"Jalur itu dibuka Senin," kata Wiratama. Menurutnya, semua armada sudah siap. '
        "Jadi, menurutnya, tidak ada penundaan. Menurutnya warga tidak perlu khawatir."
    )
    assert [(q["kind"], q["text"], q["speaker"]) for q in said[1:]] == [
        ("indirect", "semua armada sudah siap", "Wiratama"),
        ("indirect", "tidak ada penundaan", "Wiratama"),
        ("indirect", "warga tidak perlu khawatir", "Wiratama"),
    ]


def test_a_speech_verb_naming_an_act_is_no_quotation_but_its_doer_speaks_next() -> None:
    for text in (
        "Bupati Sarman menyampaikan apresiasi kepada relawan banjir.",
        "Ketua panitia meminta maaf atas keterlambatan acara.",
        "Wiratama menyatakan keprihatinan atas banjir di Lamora.",
    ):
        assert quotes(text) == [], text
    # "mengatakan bantuan ..." still reports what was said
    assert (
        one("Wiratama mengatakan bantuan sudah dikirim ke Lamora.")["text"]
        == "bantuan sudah dikirim ke Lamora"
    )
    # the doer of the act is whom a later "katanya" means
    after = quotes('Wiratama menyampaikan terima kasih kepada relawan. "Mereka bekerja keras," katanya.')
    assert [(q["speaker"], q["verb"]) for q in after] == [("Wiratama", "katanya")]


def test_pihaknya_points_back_and_is_never_a_relayed_inner_speaker() -> None:
    said = quotes('"Jalur itu dibuka Senin," kata Wiratama. Pihaknya juga meminta agar warga bersabar.')
    assert (said[1]["speaker"], said[1]["speaker_inferred"]) == ("Wiratama", True)
    # "X menyatakan bahwa pihaknya tidak pernah meminta ...": one quotation, X's, none nested
    item = one("Kementerian Lamora menyatakan bahwa pihaknya tidak pernah meminta data pribadi warga.")
    assert (item["speaker"], item["source"]) == ("Kementerian Lamora", None)


def test_an_outlet_written_in_lower_case_is_the_relaying_source() -> None:
    for text, source in (
        ('"Masih diperiksa," kata Wiratama, seperti dikutip dari detikbali, Minggu (8/6).', "detikbali"),
        ('"Masih diperiksa," kata Wiratama, dilansirdetikJateng, Jumat (20/6/2025).', "detikJateng"),
        ('"Masih diperiksa," kata Wiratama, dilansir lamanEMC, Jumat.', "EMC"),
    ):
        assert one(text)["source"] == source, text
    # a lower-case word after "melalui" is how, not who
    assert one('"Masih diperiksa," kata Wiratama melalui pesan singkat.')["source"] is None


def test_mixed_quotation_marks_pair_where_a_paragraph_mixes_them() -> None:
    # a scrape's straight opening mark with a curly closing one
    item = one('Pasar melemah. "Koreksi ini perlu diwaspadai,” ujar tim riset Lamora Sekuritas.')
    assert (item["text"], item["speaker"]) == ("Koreksi ini perlu diwaspadai", "tim riset Lamora Sekuritas")
    # where a paragraph's marks balance, a term quoted in the other style stays inside
    term = one('"Persepsi “mahal” muncul karena konsumen belum mencoba," kata Wiratama.')
    assert term["text"] == "Persepsi “mahal” muncul karena konsumen belum mencoba"


def test_an_english_title_before_an_office_with_and_keeps_its_holder() -> None:
    item = one(
        '"Kami berterima kasih," ujar Executive Vice President Komunikasi dan TJSL Lamora, Sari Dewanti.'
    )
    assert item["speaker"].endswith("Sari Dewanti"), item


def test_claims_denials_advice_and_confirmations_that_report_what_was_said() -> None:
    for text, verb in (
        ("Wiratama mengaku belum menerima surat panggilan itu.", "mengaku"),
        ("Wiratama tak menampik proyek itu terlambat dua bulan.", "menampik"),
        ("Wiratama menyarankan agar warga menyimpan air bersih.", "menyarankan"),
        ("Juru bicara Lamora mengonfirmasi bahwa jembatan ditutup.", "mengonfirmasi"),
    ):
        assert one(text)["verb"] == verb, text
    # "mengonfirmasi" without "bahwa" is a check, not a report
    assert quotes("Di halaman berikutnya, pengguna harus mengonfirmasi nomor KTP dan email.") == []
