"""The ingest pipeline's worker pool."""

from __future__ import annotations

import multiprocessing
import os

import pytest

from warta.pipeline import _one_blas_thread_each


def _blas_threads(name: str) -> str | None:
    return os.environ.get(name)


def test_workers_start_with_one_blas_thread_and_the_parent_keeps_its_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")  # a user's own choice is kept
    context = multiprocessing.get_context("spawn")
    with _one_blas_thread_each():
        pool = context.Pool(1)
    with pool:
        seen = pool.map(_blas_threads, ["OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"])
    assert seen == ["1", "3"]
    assert "OPENBLAS_NUM_THREADS" not in os.environ
    assert os.environ["OMP_NUM_THREADS"] == "3"
