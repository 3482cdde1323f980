"""The ingest pipeline's worker pool."""

from __future__ import annotations

import os

import pytest

from warta.pipeline import WORKER_NICENESS, _pool


def _blas_threads(name: str) -> str | None:
    return os.environ.get(name)


def test_workers_start_with_one_blas_thread_lower_priority_and_the_parent_keeps_its_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # a user's own choice is kept
    with _pool(1) as pool:
        seen = pool.map(_blas_threads, ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])
        niceness = pool.apply(os.nice, (0,))
    assert seen == ["1", "3"]
    assert niceness == min(19, os.nice(0) + WORKER_NICENESS)  # the writer goes first
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["OMP_NUM_THREADS"] == "3"


def test_a_worker_starts_even_if_it_cannot_lower_its_priority_or_load_models(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import warta.pipeline as pipeline

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError("not allowed here")

    monkeypatch.setattr(pipeline.os, "nice", refuse)
    monkeypatch.setattr(pipeline, "load_models", refuse)
    pipeline._start_worker(True)  # a pool initializer that raised would restart workers for ever
