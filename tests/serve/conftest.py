from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from tests.serve.fact_fixtures import NOW as FACT_NOW
from tests.serve.fact_fixtures import FactArchive, build_fact_db
from tests.serve.serve_fixtures import NOW, build_db
from tests.serve.story_fixtures import NOW as STORY_NOW
from tests.serve.story_fixtures import LinkedArchive, build_linked_db

from warta.serve.app import create_app


@pytest.fixture(scope="module")
def db_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_db(tmp_path_factory.mktemp("serve") / "warta.db")


@pytest.fixture(scope="module")
def client(db_path: Path) -> Iterator[TestClient]:
    app = create_app(str(db_path), now=lambda: NOW)
    with TestClient(app) as c:  # the context runs the lifespan, which closes the pool
        yield c


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> LinkedArchive:
    """An archive built by ingesting JSON-lines files (so the link stage made its stories)."""
    return build_linked_db(tmp_path_factory.mktemp("linked"))


@pytest.fixture(scope="module")
def linked_client(linked: LinkedArchive) -> Iterator[TestClient]:
    app = create_app(str(linked.path), now=lambda: STORY_NOW)
    with TestClient(app) as c:
        yield c


@pytest.fixture(scope="module")
def facts(tmp_path_factory: pytest.TempPathFactory) -> FactArchive:
    """An archive with entities, quotations and events (tests/serve/fact_fixtures.py)."""
    return build_fact_db(tmp_path_factory.mktemp("facts"))


@pytest.fixture(scope="module")
def facts_client(facts: FactArchive) -> Iterator[TestClient]:
    app = create_app(str(facts.path), now=lambda: FACT_NOW)
    with TestClient(app) as c:
        yield c
