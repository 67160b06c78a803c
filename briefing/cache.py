"""The build cache: stage outputs in SQLite (WAL mode), keyed by hashes of their inputs.

Each stage's key is a hash of its inputs, its settings and that stage's `STAGE_VERSION`, so a
rebuild reuses exactly what did not change: a parsed file (by its bytes), an embedding (by
its text), the dedup and cluster results (by the articles), an event's summary (by its
passages, the model and the prompt text). WAL mode and one transaction per write mean a build
killed at any moment leaves the cache usable; the worst case is a lost last entry.

    >>> import tempfile, pathlib
    >>> with Cache(pathlib.Path(tempfile.mkdtemp()) / "c.sqlite") as cache:
    ...     cache.memo("square", "3", lambda: 9), cache.memo("square", "3", lambda: 0)
    (9, 9)
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sqlite3
import time
from collections.abc import Callable, Hashable, Iterable, Mapping
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from .errors import BriefingError

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

# Schema changes are appended here, never edited: the database records how many it has run.
MIGRATIONS = (
    "CREATE TABLE entries (stage TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
    "created REAL NOT NULL, PRIMARY KEY (stage, key))",
    "CREATE TABLE builds (output TEXT PRIMARY KEY, state BLOB NOT NULL, built REAL NOT NULL)",
)


def key_of(*parts: Any) -> str:
    """A short stable hash of `parts` (strings, numbers, tuples of them)."""
    digest = hashlib.sha256()
    for part in parts:
        digest.update(repr(part).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()[:32]


def cache_dir() -> Path:
    """Where briefing keeps its cache and converted models (BRIEFING_CACHE_DIR overrides)."""
    from platformdirs import user_cache_dir

    return Path(os.environ.get("BRIEFING_CACHE_DIR") or user_cache_dir("briefing"))


def default_cache_path() -> Path:
    return cache_dir() / "cache.sqlite"


class Cache:
    """A SQLite file of pickled stage outputs. Open it, use it, close it (or use `with`)."""

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable enough, never corrupt
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise BriefingError(f"The cache {self.path} is unusable ({exc}); delete it, or use --no-cache.") from exc
        except OSError as exc:
            raise BriefingError(f"Cannot open the cache {self.path}: {exc.strerror or exc}.") from exc

    def _migrate(self) -> None:
        done = self._db.execute("PRAGMA user_version").fetchone()[0]
        for number, statement in enumerate(MIGRATIONS[done:], start=done + 1):
            with self._db:
                self._db.execute("BEGIN")
                self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self._db.close()

    # -- entries ----------------------------------------------------------------------------

    def get(self, stage: str, key: str) -> Any | None:
        row = self._db.execute("SELECT value FROM entries WHERE stage = ? AND key = ?", (stage, key)).fetchone()
        if row is None:
            return None
        try:
            return pickle.loads(row[0])
        except Exception:  # written by an older briefing whose classes changed: recompute
            return None

    def get_many(self, stage: str, keys: Iterable[str]) -> dict[str, Any]:
        keys = list(dict.fromkeys(keys))
        out: dict[str, Any] = {}
        for i in range(0, len(keys), 500):  # SQLite limits the number of parameters
            chunk = keys[i:i + 500]
            marks = ",".join("?" * len(chunk))
            for key, value in self._db.execute(
                    f"SELECT key, value FROM entries WHERE stage = ? AND key IN ({marks})", (stage, *chunk)):
                try:
                    out[key] = pickle.loads(value)
                except Exception:
                    pass
        return out

    def put(self, stage: str, key: str, value: Any) -> None:
        self.put_many(stage, {key: value})

    def put_many(self, stage: str, items: dict[str, Any]) -> None:
        now = time.time()
        rows = [(stage, k, pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL), now) for k, v in items.items()]
        with self._db:
            self._db.execute("BEGIN")
            self._db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?)", rows)

    def through(self, stage: str, keys: Mapping[K, str], compute: Callable[[list[K]], Mapping[K, T]]) -> dict[K, T]:
        """The value of every item of `keys` (item -> cache key): what the cache holds, the
        rest computed in one call of `compute(missing items)` and stored.

        Example:
            >>> cache = NullCache()
            >>> cache.through("length", {"a": key_of("a"), "bb": key_of("bb")}, lambda todo: {t: len(t) for t in todo})
            {'a': 1, 'bb': 2}
        """
        found = self.get_many(stage, keys.values())
        missing = [item for item, key in keys.items() if key not in found]
        made = compute(missing) if missing else {}
        if made:
            self.put_many(stage, {keys[item]: value for item, value in made.items()})
        return {item: found[key] if key in found else made[item] for item, key in keys.items()}

    def memo(self, stage: str, key: str, compute: Callable[[], T]) -> T:
        """The cached value for (stage, key), computing and storing it on a miss."""
        found = self.get(stage, key)
        if found is not None:
            return found
        value = compute()
        self.put(stage, key, value)
        return value

    # -- what the last build of an output contained ----------------------------------------

    def last_build(self, output: Path) -> Any | None:
        row = self._db.execute("SELECT state FROM builds WHERE output = ?", (str(Path(output).resolve()),)).fetchone()
        return pickle.loads(row[0]) if row else None

    def record_build(self, output: Path, state: Any) -> None:
        with self._db:
            self._db.execute("BEGIN")
            self._db.execute("INSERT OR REPLACE INTO builds VALUES (?, ?, ?)",
                             (str(Path(output).resolve()), pickle.dumps(state), time.time()))


class NullCache(Cache):
    """The cache of a build that keeps nothing (`--no-cache`): every look-up misses, every
    store is dropped, so a stage asks it as it asks a real one."""

    def __init__(self) -> None:
        self.path = None

    def close(self) -> None:
        pass

    def get(self, stage: str, key: str) -> Any | None:
        return None

    def get_many(self, stage: str, keys: Iterable[str]) -> dict[str, Any]:
        return {}

    def put_many(self, stage: str, items: dict[str, Any]) -> None:
        pass

    def last_build(self, output: Path) -> Any | None:
        return None

    def record_build(self, output: Path, state: Any) -> None:
        pass


class CachedEmbedder:
    """An embedder that looks each text up in the cache first and loads the model only on a miss."""

    STAGE = "embedding"

    def __init__(self, cache: Cache, load: Callable[[], Any], name: str = "all-MiniLM-L6-v2"):
        self._cache, self._load, self._model = cache, load, None
        self.name = name

    def encode(self, texts: list[str] | tuple[str, ...]) -> np.ndarray:
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        keys = [key_of(self.name, t) for t in texts]
        found = self._cache.get_many(self.STAGE, keys)
        missing = [i for i, k in enumerate(keys) if k not in found]
        if missing:
            if self._model is None:
                self._model = self._load()
            todo = list(dict.fromkeys(texts[i] for i in missing))
            vectors = self._model.encode(todo)
            new = {key_of(self.name, t): v for t, v in zip(todo, vectors)}
            self._cache.put_many(self.STAGE, new)
            found.update(new)
        return np.stack([found[k] for k in keys]).astype(np.float32)
