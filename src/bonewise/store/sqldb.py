"""The user store's connection with one rule for transactions.

A statement outside ``atomic()`` is committed when it returns (the connection is
opened in autocommit mode, so an edit reported as saved is on disk); ``atomic()``
makes a group of statements one, and nests with savepoints. This is the part of
sqlite-utils the store used; owning these few lines saves importing it (and click,
dateutil and pluggy with it) at every start.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import count
from typing import Any

_savepoints = count(1)


class Database:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        """Run one statement; a write outside ``atomic()`` is committed at once.

        A connection that is not in autocommit mode opens a transaction for a
        write by itself: it is committed here, or rolled back if the statement
        failed, so that it never captures the writes that follow.
        """
        was_in_transaction = self.conn.in_transaction
        try:
            cursor = self.conn.execute(sql, parameters)
        except BaseException:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        if not was_in_transaction and self.conn.in_transaction:
            self.conn.execute("COMMIT")
        return cursor

    @contextmanager
    def atomic(self) -> Iterator[Database]:
        """All statements in the block are one: all saved, or none if it raises."""
        if self.conn.in_transaction:
            name = f"bonewise_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {name}")
            try:
                yield self
            except BaseException:
                # A RAISE(ROLLBACK) may already have ended the whole transaction.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {name}")
                    self.conn.execute(f"RELEASE SAVEPOINT {name}")
                raise
            self.conn.execute(f"RELEASE SAVEPOINT {name}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
