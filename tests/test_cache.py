"""The SQLite cache on a real file: WAL mode, migrations, misses, damaged entries."""

import doctest
import sqlite3
from pathlib import Path

import numpy as np
import pytest

import briefing.cache
from briefing.cache import MIGRATIONS, Cache, CachedEmbedder, NullCache, key_of
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


def test_through_computes_only_what_is_missing_and_stores_it(tmp_path):
    calls: list[list[str]] = []

    def lengths(todo: list[str]) -> dict[str, int]:
        calls.append(sorted(todo))
        return {t: len(t) for t in todo}

    with Cache(tmp_path / "c.sqlite") as cache:
        assert cache.through("len", {"a": key_of("a"), "bb": key_of("bb")}, lengths) == {"a": 1, "bb": 2}
        assert cache.through("len", {"a": key_of("a"), "ccc": key_of("ccc")}, lengths) == {"a": 1, "ccc": 3}
        assert cache.through("len", {"ccc": key_of("ccc")}, lengths) == {"ccc": 3}
    assert calls == [["a", "bb"], ["ccc"]]  # the third call found everything


def test_null_cache_misses_everything_and_keeps_nothing():
    cache = NullCache()
    calls: list[list[str]] = []
    for _ in range(2):
        assert cache.through("len", {"a": key_of("a")}, lambda todo: calls.append(todo) or {t: 1 for t in todo}) == {"a": 1}
    assert calls == [["a"], ["a"]]
    cache.put("s", "k", 1)
    assert cache.get("s", "k") is None and cache.memo("s", "k", lambda: 2) == 2 and cache.last_build(Path("x")) is None
