"""Shared fixtures: a fresh store per test on SQLite and, for tests that ask for it, on the real PostgreSQL.

PostgreSQL comes from SMILEBOX_TEST_POSTGRES_URL (default: the local server, database ``test``). Each test
gets its own schema, dropped afterwards. When the server is unreachable those tests skip, unless
SMILEBOX_REQUIRE_POSTGRES=1 (set by CI), where they fail.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import pytest

from smilebox.store import Store

PG_URL = os.environ.get("SMILEBOX_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("SMILEBOX_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture(scope="session", autouse=True)
def _private_model_cache(tmp_path_factory):
    """Model files derived on first use (the cut MiniLM) go to a folder of this run, not the user's cache."""
    previous = os.environ.get("SMILEBOX_MODEL_CACHE_DIR")
    os.environ["SMILEBOX_MODEL_CACHE_DIR"] = str(tmp_path_factory.mktemp("model-cache"))
    yield
    if previous is None:
        os.environ.pop("SMILEBOX_MODEL_CACHE_DIR", None)
    else:
        os.environ["SMILEBOX_MODEL_CACHE_DIR"] = previous


def _pg_available() -> str | None:
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        with psycopg.connect(PG_URL.replace("+psycopg", ""), connect_timeout=3):
            return None
    except psycopg.OperationalError as exc:
        return f"PostgreSQL unreachable at {PG_URL}: {exc}".splitlines()[0]


@pytest.fixture
def sqlite_store(tmp_path) -> Store:
    store = Store(f"sqlite:///{tmp_path / 'smilebox.db'}")
    store.init()
    yield store
    store.dispose()


@pytest.fixture
def pg_store():
    problem = _pg_available()
    if problem:
        if os.environ.get("SMILEBOX_REQUIRE_POSTGRES") == "1":
            pytest.fail(problem)
        pytest.skip(problem)
    import psycopg

    schema = f"t_{uuid.uuid4().hex[:12]}"
    raw = PG_URL.replace("+psycopg", "")
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f'CREATE SCHEMA "{schema}"')
    sep = "&" if "?" in PG_URL else "?"
    store = Store(f"{PG_URL}{sep}options=-csearch_path%3D{schema}")
    store.init()
    yield store
    store.dispose()
    with psycopg.connect(raw, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request) -> Store:
    """The same test on both databases."""
    return request.getfixturevalue("sqlite_store" if request.param == "sqlite" else "pg_store")


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"public data folder {SHARED_DATA} is absent")
    return SHARED_DATA


def conversation(cid: str = "c-1", **overrides) -> dict:
    """A small valid conversation in contract format; tests override what they need."""
    conv = {
        "id": cid,
        "channel": "email",
        "subject": "Refund for order 4411",
        "status": "solved",
        "created_at": "2026-10-03T14:02:00Z",
        "customer": {"id": "cu-7", "name": "Maria Lopez", "email": "maria@example.com"},
        "assignee": {"id": "ag-3", "name": "Juan Perez", "email": "juan@acme.test"},
        "messages": [
            {"id": "m1", "role": "customer", "text": "I was charged twice for order 4411."},
            {"id": "m2", "role": "agent", "author": {"id": "ag-3", "name": "Juan Perez"},
             "text": "Hi Maria,\n\nThanks for reaching out. I have refunded the duplicate charge.\n\nBest,\nJuan"},
            {"id": "m3", "role": "agent", "internal": True, "text": "Refunded dup charge, order 4411."},
        ],
        "feedback": [{"id": "f1", "rating": 5, "scale": "csat5", "comment": "Juan was great!"}],
    }
    conv.update(overrides)
    return conv


CHROMIUM = os.environ.get("SMILEBOX_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """A real headless Chromium (Debian's), driven by Playwright. Skips when Chromium is not installed."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not found at {CHROMIUM}")
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()
