"""The SQLite cache on a real file: WAL mode, migrations, misses, damaged entries."""

import doctest
import sqlite3

import numpy as np
import pytest

import briefing.cache
from briefing.cache import MIGRATIONS, Cache, CachedEmbedder, key_of
from briefing.errors import BriefingError


def test_docstring_example_runs():
    assert doctest.testmod(briefing.cache).failed == 0


def test_wal_mode_and_migrations_recorded(tmp_path):
    with Cache(tmp_path / "c.sqlite") as cache:
        cache.put("stage", "k", {"a": (1, 2)})
    db = sqlite3.connect(tmp_path / "c.sqlite")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    db.close()
    with Cache(tmp_path / "c.sqlite") as again:  # reopening runs no migration twice
        assert again.get("stage", "k") == {"a": (1, 2)}
        assert again.get("stage", "other") is None and again.get("other", "k") is None


def test_damaged_entry_is_a_miss_and_damaged_file_a_clear_error(tmp_path):
    with Cache(tmp_path / "c.sqlite") as cache:
        cache._db.execute("INSERT INTO entries VALUES ('s', 'k', x'00ff', 0)")
        assert cache.get("s", "k") is None
        assert cache.memo("s", "k", lambda: 5) == 5 and cache.get("s", "k") == 5
    (tmp_path / "bad.sqlite").write_bytes(b"this is not a database" * 100)
    with pytest.raises(BriefingError, match="delete it, or use --no-cache"):
        Cache(tmp_path / "bad.sqlite")


def test_keys_are_stable_and_sensitive():
    assert key_of("a", 1, ("x",)) == key_of("a", 1, ("x",))
    assert key_of("a", 1) != key_of("a", 2) and key_of("ab", "c") != key_of("a", "bc")


class CountingEmbedder:
    def __init__(self):
        self.calls = []

    def encode(self, texts):
        self.calls.append(list(texts))
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def test_cached_embedder_loads_the_model_only_on_a_miss(tmp_path):
    model = CountingEmbedder()
    loads = []

    def load():
        loads.append(1)
        return model

    with Cache(tmp_path / "c.sqlite") as cache:
        emb = CachedEmbedder(cache, load)
        first = emb.encode(["one", "three", "one"])
        assert model.calls == [["one", "three"]] and len(loads) == 1
        again = CachedEmbedder(cache, load).encode(["three", "one"])
        assert len(loads) == 1, "every text was cached: no model load"
        assert np.array_equal(again, first[[1, 0]])
