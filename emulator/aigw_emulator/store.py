"""State of the emulator: JSON documents in one SQLite table.

Every object is a row keyed by ``(kind, account, parent, id)`` where ``parent`` is the gateway id for objects
under a gateway and ``"<gateway>/<route>"`` for route versions and deployments. ``seq`` keeps creation order so
lists are stable. One lock serialises access: SQLite connections are not safe to share between threads, and
the server handles requests concurrently.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["Store"]

Doc = dict[str, Any]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS objects (
    kind TEXT NOT NULL,
    account TEXT NOT NULL,
    parent TEXT NOT NULL,
    id TEXT NOT NULL,
    seq INTEGER NOT NULL,
    body TEXT NOT NULL,
    PRIMARY KEY (kind, account, parent, id)
);
CREATE INDEX IF NOT EXISTS objects_by_parent ON objects (kind, account, parent, seq);
"""


class Store:
    """SQLite-backed documents; ``path=None`` keeps them in memory."""

    def __init__(self, path: str | None = None) -> None:
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path or ":memory:", check_same_thread=False, isolation_level=None)
        if path:
            self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)
        self._seq = self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM objects").fetchone()[0]
        self._made: Counter[str] = Counter()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Hold the lock and one SQLite transaction: a check-then-write stays atomic."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            self._db.execute("COMMIT")

    def get(self, kind: str, account: str, parent: str, id_: str) -> Doc | None:
        with self._lock:
            row = self._db.execute(
                "SELECT body FROM objects WHERE kind=? AND account=? AND parent=? AND id=?",
                (kind, account, parent, id_),
            ).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    def list(self, kind: str, account: str, parent: str) -> list[Doc]:
        with self._lock:
            rows = self._db.execute(
                "SELECT body FROM objects WHERE kind=? AND account=? AND parent=? ORDER BY seq",
                (kind, account, parent),
            ).fetchall()
        return [dict(json.loads(row[0])) for row in rows]

    def put(self, kind: str, account: str, parent: str, id_: str, body: Doc) -> Doc:
        """Insert or replace; a replaced object keeps its place in lists."""
        with self._lock:
            self._seq += 1
            text = json.dumps(body)
            inserted = self._db.execute(
                "INSERT OR IGNORE INTO objects (kind, account, parent, id, seq, body) VALUES (?, ?, ?, ?, ?, ?)",
                (kind, account, parent, id_, self._seq, text),
            ).rowcount
            if inserted:
                self._made[kind] += 1
            else:
                self._db.execute(
                    "UPDATE objects SET body=? WHERE kind=? AND account=? AND parent=? AND id=?",
                    (text, kind, account, parent, id_),
                )
        return body

    def delete(self, kind: str, account: str, parent: str, id_: str) -> bool:
        with self._lock:
            cursor = self._db.execute(
                "DELETE FROM objects WHERE kind=? AND account=? AND parent=? AND id=?",
                (kind, account, parent, id_),
            )
        return cursor.rowcount > 0

    def delete_under(self, account: str, parent: str) -> None:
        """Delete every object whose parent is ``parent`` or lies below it (a gateway's children)."""
        with self._lock:
            self._db.execute(
                "DELETE FROM objects WHERE account=? AND (parent=? OR parent LIKE ? ESCAPE '\\')",
                (account, parent, _like_prefix(parent) + "/%"),
            )

    def count_of(self, kind: str, account: str, parent: str) -> int:
        with self._lock:
            row = self._db.execute(
                "SELECT COUNT(*) FROM objects WHERE kind=? AND account=? AND parent=?",
                (kind, account, parent),
            ).fetchone()
        return int(row[0])

    def delete_oldest(self, kind: str, account: str, parent: str, n: int) -> None:
        """Delete the ``n`` objects under ``parent`` that were stored first."""
        with self._lock:
            self._db.execute(
                "DELETE FROM objects WHERE rowid IN (SELECT rowid FROM objects WHERE kind=? AND account=? "
                "AND parent=? ORDER BY seq LIMIT ?)",
                (kind, account, parent, n),
            )

    def count(self) -> dict[str, int]:
        """Objects per kind, over all accounts (for the control API and tests)."""
        with self._lock:
            rows = self._db.execute("SELECT kind, COUNT(*) FROM objects GROUP BY kind").fetchall()
        return {kind: n for kind, n in rows}

    def made(self) -> dict[str, int]:
        """Objects made per kind since the store opened or was reset, deleted ones included: an object made
        twice shows here even when one of the two was removed again."""
        with self._lock:
            return dict(self._made)

    def reset(self) -> None:
        with self._lock:
            self._db.execute("DELETE FROM objects")
            self._made.clear()

    def close(self) -> None:
        with self._lock:
            self._db.close()


def _like_prefix(value: str) -> str:
    return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
