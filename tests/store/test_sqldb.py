"""The user store's transaction rule: a write outside atomic() is saved at once; atomic() is all or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from bonewise.store.sqldb import Database


@pytest.fixture
def pair(tmp_path):
    """A Database over a file, and a second connection that sees only what was committed."""
    path = tmp_path / "s.sqlite"
    db = Database(sqlite3.connect(str(path), isolation_level=None))
    db.execute("CREATE TABLE t (x INTEGER)")
    other = sqlite3.connect(str(path))
    yield db, other
    other.close()
    db.conn.close()


def values(conn: sqlite3.Connection) -> list[int]:
    return [x for (x,) in conn.execute("SELECT x FROM t ORDER BY x")]


def test_a_write_outside_a_block_is_committed_when_it_returns(pair):
    db, other = pair
    db.execute("INSERT INTO t VALUES (?)", [1])
    assert values(other) == [1]


def test_a_block_is_saved_whole_or_not_at_all(pair):
    db, other = pair
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        db.execute("INSERT INTO t VALUES (2)")
        assert values(other) == []  # not visible before the block ends
    assert values(other) == [1, 2]
    with pytest.raises(ValueError), db.atomic():
        db.execute("INSERT INTO t VALUES (3)")
        raise ValueError("stop")
    assert values(other) == [1, 2] and not db.conn.in_transaction


def test_an_inner_block_that_fails_undoes_only_itself(pair):
    db, other = pair
    with db.atomic():
        db.execute("INSERT INTO t VALUES (1)")
        with pytest.raises(sqlite3.IntegrityError), db.atomic():
            db.execute("INSERT INTO t VALUES (2)")
            raise sqlite3.IntegrityError("inner problem")
        db.execute("INSERT INTO t VALUES (4)")
    assert values(other) == [1, 4]


def test_a_failed_write_outside_a_block_leaves_no_transaction_open(tmp_path):
    # A connection that opens transactions by itself (Python's default) must not keep one
    # open after a failed write, or it would capture every write after it.
    db = Database(sqlite3.connect(str(tmp_path / "d.sqlite")))
    db.execute("CREATE TABLE t (x INTEGER UNIQUE)")
    db.execute("INSERT INTO t VALUES (1)")
    with pytest.raises(sqlite3.IntegrityError):
        db.execute("INSERT INTO t VALUES (1)")
    assert not db.conn.in_transaction
    db.execute("INSERT INTO t VALUES (2)")
    assert not db.conn.in_transaction
    db.conn.close()
