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


def test_last_sentence_start() -> None:
    from warta.understand.sentences import last_sentence_start

    text = "Rektor Prof. Ari Wibowo hadir. Presiden Rusia Vladimir Putin. Sakamoto\nBaru"
    assert last_sentence_start(text, 0, text.index("Ari")) is None  # an abbreviation's stop
    assert last_sentence_start(text, 0, text.index("Presiden")) == text.index("Presiden")
    assert last_sentence_start(text, 0, text.index("Sakamoto")) == text.index("Sakamoto")
    assert last_sentence_start(text, text.index("Presiden"), text.index("Putin")) is None
    assert last_sentence_start(text, text.index("Sakamoto"), len(text)) == text.index("Baru")  # a line break
