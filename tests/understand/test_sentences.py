from __future__ import annotations

from warta.understand.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def test_abbreviations_and_numbers_do_not_end_sentences() -> None:
    text = "Prof. Dr. Rina Hapsari tiba di Jl. Melati No. 7 pukul 10.30. Ia membawa Rp1.250.000,50 dan 2,5 kg gula."
    assert texts(text) == [
        "Prof. Dr. Rina Hapsari tiba di Jl. Melati No. 7 pukul 10.30.",
        "Ia membawa Rp1.250.000,50 dan 2,5 kg gula.",
    ]


def test_quoted_speech_stays_with_its_attribution() -> None:
    text = '"Kami sudah siap. Kami juga menunggu," kata Rina. Lalu ia pergi! Benarkah? "Besok kami kembali." Ia tersenyum.'
    assert texts(text) == [
        '"Kami sudah siap. Kami juga menunggu," kata Rina.',
        "Lalu ia pergi!",
        "Benarkah?",
        '"Besok kami kembali."',
        "Ia tersenyum.",
    ]


def test_curly_quotes_initials_and_paragraphs() -> None:
    text = (
        "Menurut A. Surya, “Harga naik. Stok aman.” Itu katanya.\n\nParagraf kedua tanpa titik\nBaris ketiga."
    )
    assert texts(text) == [
        "Menurut A. Surya, “Harga naik. Stok aman.”",
        "Itu katanya.",
        "Paragraf kedua tanpa titik",
        "Baris ketiga.",
    ]


def test_offsets_are_trimmed_and_cover_the_text() -> None:
    text = "  Satu kalimat.   Dua kalimat.  "
    spans = split_sentences(text)
    assert spans == [(2, 15), (18, 30)]
    assert split_sentences("") == []


def test_lower_case_after_a_stop_is_not_a_new_sentence() -> None:
    text = "Ia membeli buah, sayur, dll. untuk acara itu. Selesai."
    assert texts(text) == ["Ia membeli buah, sayur, dll. untuk acara itu.", "Selesai."]


def test_where_a_role_may_reach_back() -> None:
    # entities look for a person's role only from the start of the sentence holding the name
    from warta.understand.sentences import sentence_index, split_sentences

    text = "Rektor Prof. Ari Wibowo hadir. Presiden Rusia Vladimir Putin. Sakamoto\nBaru"
    sents = split_sentences(text)

    def start_of(word: str) -> int:
        return sents[sentence_index(sents, text.index(word))][0]

    assert start_of("Ari") == 0  # an abbreviation's stop
    assert start_of("Presiden") == text.index("Presiden")
    assert start_of("Sakamoto") == text.index("Sakamoto")
    assert start_of("Putin") == text.index("Presiden")
    assert start_of("Baru") == text.index("Baru")  # a line break


def test_a_degree_after_a_name_does_not_end_the_sentence() -> None:
    # "M.Kom" is listed as a degree only (data/abbreviations.toml), not among the abbreviations
    text = "Dosen Bagas Pratama, M.Kom. Menurut dia sistem itu rawan. Ia meminta audit."
    assert texts(text) == ["Dosen Bagas Pratama, M.Kom. Menurut dia sistem itu rawan.", "Ia meminta audit."]
