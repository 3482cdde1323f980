"""The numpy CRF x ID-CNN tagger (``warta.understand.ner.neural``).

That the numpy network equals torch's is checked by every training run
(``train_nn.check_export``): torch is only in the ``train`` extra, not in the test run.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.understand import ner
from warta.understand.ner.features import WordTable, sentence_features
from warta.understand.ner.neural import CrfScores, Network, Poe
from warta.understand.ner.train import map_labels, read_conll

# made-up news sentences (names, places and companies invented for the tests)
_TEXTS = (
    "Wakil Gubernur Jawa Tengah , Budi Santosa , meninjau banjir di Kecamatan Sukamaju , Senin .",
    "Menurut Ketua Komisi Pemilihan Umum Daerah , Ratna Kusumawati , rapat digelar di Hotel Melati .",
    "PT Sinar Samudra Perkasa Tbk membuka kantor baru di Makassar .",
    "Hujan deras turun sejak pagi .",
    "Jakarta",
    "Pelatih Andi Wijaya memuji pemain muda Persatuan Sepak Bola Kota Lestari setelah laga di Stadion Merdeka , Bandung , pada Minggu malam ( 14/9 ) .",
    "Dia mengatakan , harga beras di pasar naik sejak Maret .",
)
SENTENCES = [t.split(" ") for t in _TEXTS]


@pytest.fixture(scope="module")
def table() -> dict[str, tuple[str, ...]]:
    return WordTable.read(ner.TABLE_PATH).entries


@pytest.fixture(scope="module")
def poe(table: dict[str, tuple[str, ...]]) -> Poe:
    if not (ner.NEURAL_PATH.is_file() and ner.CRF_WEIGHTS_PATH.is_file()):
        pytest.fail("neural.npz / crf.npz are not shipped")
    return Poe(CrfScores(ner.CRF_WEIGHTS_PATH, table), Network(ner.NEURAL_PATH, table))


def _crfsuite(sents: list[list[str]], table: dict[str, tuple[str, ...]]) -> list[list[str]]:
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(ner.MODEL_PATH))
    return [tagger.tag(sentence_features(s, table)) for s in sents]


def test_shipped_tagger_uses_the_product() -> None:
    tagger = ner.load()
    assert tagger.neural
    assert not ner.Tagger(neural_path=None).neural


def test_batched_equals_one_sentence_at_a_time(poe: Poe) -> None:
    batched = poe.tag_batch(SENTENCES)
    assert batched == [poe.tag_batch([s])[0] for s in SENTENCES]
    assert [len(x) for x in batched] == [len(s) for s in SENTENCES]
    # reversed order, and empty sentences in between, change nothing
    mixed = [SENTENCES[2], [], *SENTENCES[::-1], []]
    assert poe.tag_batch(mixed) == [batched[2], [], *batched[::-1], []]


def test_packed_network_scores_equal_single(poe: Poe) -> None:
    net = poe.net
    assert net is not None
    packed = net.scores(SENTENCES)
    for sent, scores in zip(SENTENCES, packed, strict=True):
        np.testing.assert_allclose(scores, net.scores([sent])[0], rtol=1e-5, atol=1e-5)


def test_weight_zero_is_the_crf(poe: Poe, table: dict[str, tuple[str, ...]]) -> None:
    crf_only = Poe(poe.crf, poe.net, 0.0)
    assert crf_only.tag_batch(SENTENCES) == _crfsuite(SENTENCES, table)


def test_tagger_tag_many_equals_tag() -> None:
    tagger = ner.load()
    long = SENTENCES[5] * 12  # over the 120-token cut
    sents = [*SENTENCES, long, []]
    assert tagger.tag_many(sents) == [tagger.tag(s) for s in sents]
    assert len(tagger.tag(long)) == len(long)


def test_entities_of_a_text_equal_those_of_its_sentences() -> None:
    text = (
        "Bupati Sleman, Hendra Gunawan, meresmikan jembatan di Desa Wonorejo pada Sabtu. "
        "Peresmian dihadiri Direktur Utama PT Karya Bumi Lestari, Sri Handayani.\n"
        "Menurut Hendra, jembatan itu dibangun selama delapan bulan."
    )
    batched = ner.Tagger().entities(text)
    single = ner.Tagger()
    one_by_one = []
    for a, b in ner.sentences(text):
        one_by_one += [(a + s, a + e, k, surface) for s, e, k, surface in single.entities(text[a:b])]
    # _same_person runs over the whole text: compare before it, by span and surface
    assert [(a, b, s) for a, b, _, s in batched] == [(a, b, s) for a, b, _, s in one_by_one]
    got = {(surface, kind) for _, _, kind, surface in batched}
    assert ("Hendra Gunawan", "PERSON") in got
    assert ("Sri Handayani", "PERSON") in got
    assert any(kind == "ORG" and "Karya Bumi Lestari" in surface for surface, kind in got)
    assert ("Hendra", "PERSON") in got  # the short name, via _same_person


def test_made_up_sentences_entities() -> None:
    tagger = ner.load()
    text = (
        "Kepala Badan Riset Nasional, Dewi Anggraini, mendampingi Menteri Kelautan Yusuf Hamdani "
        "ke Pelabuhan Tanjung Emas di Semarang, Jawa Tengah."
    )
    got = {(surface, kind) for _, _, kind, surface in tagger.entities(text)}
    assert ("Yusuf Hamdani", "PERSON") in got
    assert ("Dewi Anggraini", "PERSON") in got
    assert ("Badan Riset Nasional", "ORG") in got
    assert ("Semarang", "PLACE") in got
    assert any(kind == "PLACE" and "Jawa Tengah" in surface for surface, kind in got)
    text = "Ketua Partai Harapan Baru, Joko Susanto, berbicara kepada wartawan di Medan, Kamis."
    got = {(surface, kind) for _, _, kind, surface in tagger.entities(text)}
    assert ("Joko Susanto", "PERSON") in got
    assert ("Medan", "PLACE") in got
    assert any(kind == "ORG" and "Harapan Baru" in surface for surface, kind in got)


def test_stale_crf_weights_fall_back_to_pycrfsuite(tmp_path: Path) -> None:
    other = tmp_path / "model.crfsuite"
    other.write_bytes(ner.MODEL_PATH.read_bytes() + b"\0")  # another file: crf.npz was not made from it
    tagger = ner.Tagger(model_path=other)
    assert not tagger.neural
    assert tagger.tag(SENTENCES[0]) == ner.Tagger(neural_path=None).tag(SENTENCES[0])


@pytest.mark.shared
def test_weight_zero_is_the_crf_on_nergrit(
    shared_data: Path, poe: Poe, table: dict[str, tuple[str, ...]]
) -> None:
    path = shared_data / "ner" / "nergrit" / "test_preprocess.txt"
    if not path.is_file():
        pytest.skip("NERGrit is not in ../shared/data")
    sents = [w for w, _ in read_conll(path)[:300]]
    assert Poe(poe.crf, poe.net, 0.0).tag_batch(sents) == _crfsuite(sents, table)
    assert poe.tag_batch(sents) == [poe.tag_batch([s])[0] for s in sents]


@pytest.mark.shared
def test_product_beats_floor_on_nergrit_slice(shared_data: Path, poe: Poe) -> None:
    from warta.understand.ner.train import score

    path = shared_data / "ner" / "nergrit" / "test_preprocess.txt"
    if not path.is_file():
        pytest.skip("NERGrit is not in ../shared/data")
    data = read_conll(path)[:150]
    gold = [map_labels(labels) for _, labels in data]
    crf = score(gold, Poe(poe.crf, poe.net, 0.0).tag_batch([w for w, _ in data]))["f1"]
    both = score(gold, poe.tag_batch([w for w, _ in data]))["f1"]
    assert both > 0.65
    assert both > crf - 0.02  # the product is not worse than the CRF alone (it is better on the full sets)


def test_batch_layout_matches_features_caps_runs() -> None:
    from warta.understand.ner.features import _caps_runs
    from warta.understand.ner.neural import RUNB, _Batch

    sents = [*SENTENCES, ["Jakarta", "Bandung"], ["x"], [], ["A", "b", "C", "D", "E", "f", "G"]]
    batch = _Batch(sents)
    assert batch.words == [w for s in sents for w in s]
    assert batch.runs.tolist() == [RUNB[r] for s in sents for r in _caps_runs(s)]
    assert batch.pos.tolist() == [i for s in sents for i in range(len(s))]
    assert batch.rem.tolist() == [len(s) - 1 - i for s in sents for i in range(len(s))]


def test_lexicon_gives_made_rows_across_clears() -> None:
    from warta.understand.ner.neural import _Lexicon

    made: list[str] = []

    def make(words: list[str]) -> np.ndarray:
        made.extend(words)
        return np.array([[len(w), ord(w[0])] for w in words], np.float32)

    lexicon = _Lexicon(make, limit=4)
    words = ["satu", "dua", "satu", "tiga"]
    assert lexicon.rows(words).tolist() == make(words).tolist()
    made.clear()
    assert lexicon.rows(["dua", "tiga"]).tolist() == [[3, ord("d")], [4, ord("t")]]
    assert made == []  # known words are not made again
    # over the limit: cleared, the batch's words made again, answers unchanged
    assert lexicon.rows(["empat", "lima", "satu"]).tolist() == make(["empat", "lima", "satu"]).tolist()
    # one batch with more new words than the whole lexicon holds
    many = [f"kata{i}" for i in range(9)]
    assert lexicon.rows([*many, "kata0"]).tolist() == make([*many, "kata0"]).tolist()


def test_network_makes_words_in_bulk_as_one_by_one(poe: Poe) -> None:
    net = poe.net
    assert net is not None
    words = ["a", "Jakarta", "dan", "PT", "Kementerian", "x" * 40, "2025", "Ber-sama", "ÉLAN", "日本"]
    bulk = net._make(words)
    for word, row in zip(words, bulk, strict=True):
        np.testing.assert_allclose(row, net._make([word])[0], rtol=1e-5, atol=1e-5)


def test_batched_viterbi_equals_one_sentence_at_a_time() -> None:
    from warta.understand.ner.neural import _viterbi, viterbi_one

    rng = np.random.default_rng(7)
    k = 9
    trans, start, end = rng.normal(size=(k, k)), rng.normal(size=k), rng.normal(size=k)
    scores = [rng.normal(size=(n, k)) * 3 for n in (1, 17, 3, 40, 1, 3, 26)]
    assert _viterbi(scores, trans, start, end) == [viterbi_one(s, trans, start, end) for s in scores]


def test_tagging_runs_on_one_blas_thread_and_restores_the_callers(
    poe: Poe, monkeypatch: pytest.MonkeyPatch
) -> None:
    from threadpoolctl import threadpool_info, threadpool_limits

    net = poe.net
    assert net is not None
    seen: list[int] = []
    real = net.scores_of

    def spy(batch):  # type: ignore[no-untyped-def]
        seen.extend(lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas")
        return real(batch)

    monkeypatch.setattr(net, "scores_of", spy)
    with threadpool_limits(2, "blas"):
        before = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
        poe.tag_batch(SENTENCES)
        after = [lib["num_threads"] for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert seen and set(seen) == {1}
    assert after == before


_TOKENS = st.lists(st.text(max_size=30), max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sents=st.lists(_TOKENS, max_size=6))
def test_any_tokens_get_finite_scores_and_a_label_each(poe: Poe, sents: list[list[str]]) -> None:
    # callers may pass anything as tokens: empty strings, control characters, emoji, long words
    batch = [s for s in sents if s]
    if batch:
        net = poe.net
        assert net is not None
        assert np.isfinite(net.scores_flat(batch)).all()
        assert np.isfinite(poe.crf.scores_flat(batch)).all()
    labels = poe.tag_batch(sents)
    assert [len(x) for x in labels] == [len(s) for s in sents]
    assert all(label in poe.labels for x in labels for label in x)
