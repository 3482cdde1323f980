from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.serve.serve_fixtures import NOW, build_db

from warta.serve.app import create_app


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("serve") / "warta.db")


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    app = create_app(str(db_path), now=lambda: NOW)
    with TestClient(app) as c:  # the context runs the lifespan, which closes the pool
        yield c
