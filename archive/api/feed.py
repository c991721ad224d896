"""The tag change feed: every ``TagChange`` in id order, read from a cursor, none missed or repeated.

Ids are handed out when a row is inserted, but rows become visible when their transaction commits,
and transactions do not commit in id order. A reader that saw id 8 could later find id 7 appear.
So the feed only ever serves up to a *frontier* ``U`` below which every id is settled (committed, or
never to be committed), and the cursor says "everything up to ``position`` has been served".

SQLite lets one writer at a time hold the database from its first write to its commit, so ids
are taken in commit order there and every visible id is settled.

On PostgreSQL the frontier comes from the transactions still open (see docs/api.md): the last id
the sequence gave out, read before listing the write transactions open on this database, is
settled once every one of them has ended, that is once the oldest open transaction id is at
least one past the newest listed. That observation travels in the cursor (and is shared by the
readers of one process), so the next read moves the frontier past ids that were missing only
because their transaction was still open. Above the frontier, ids that are visible without a hole
below them are settled too, so a feed without concurrent writers is never held back.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace

from django.core import signing
from django.db import connection
from django.db.models import Max, QuerySet

from archive.models import TagChange

SIGNING_SALT = "archive.api.tag-feed"
# How many visible ids above the frontier are checked for holes in one read.
CONTIGUOUS_SCAN = 1000
OBSERVATIONS_KEPT = 32
# ``remaining`` counts at most this many changes, so a client far behind does not pay for a full count.
COUNT_LIMIT = 10_000


class BadCursor(ValueError):
    pass


@dataclass(frozen=True)
class FeedCursor:
    position: int = 0  # every change with an id up to this one has been served
    settled: int = 0  # every id up to this one is committed or never will be
    pending_last: int = 0  # the last id given out at an earlier read ...
    pending_horizon: int = 0  # ... settled once no transaction below this one is open

    def encode(self) -> str:
        return signing.dumps(
            [self.position, self.settled, self.pending_last, self.pending_horizon],
            salt=SIGNING_SALT,
            compress=True,
        )

    @classmethod
    def decode(cls, value: str) -> FeedCursor:
        try:
            data = signing.loads(value, salt=SIGNING_SALT)
        except (signing.BadSignature, ValueError, TypeError) as exc:
            raise BadCursor("This cursor is not one the feed gave out.") from exc
        if not (isinstance(data, list) and len(data) == 4 and all(type(x) is int and x >= 0 for x in data)):
            raise BadCursor("This cursor is not one the feed gave out.")
        return cls(*data)


@dataclass(frozen=True)
class FeedPage:
    changes: list[TagChange]
    cursor: FeedCursor  # where to read from next
    remaining: int  # settled changes after the requested position, this page included (capped)


# Transaction ids of the sessions on this database that are in a write transaction now, leaving out
# this session (it sees its own rows anyway), with the current snapshot's xmax to widen the 32-bit
# ids of pg_stat_activity to the 64-bit ids of pg_snapshot. A snapshot alone does not do: its xmax is
# the last *completed* transaction + 1, and transactions that took their id after that are not listed.
RUNNING_SQL = """
SELECT pg_snapshot_xmax(pg_current_snapshot())::text::bigint,
       ARRAY(SELECT backend_xid::text::bigint FROM pg_stat_activity
              WHERE datname = current_database() AND backend_xid IS NOT NULL AND pid <> pg_backend_pid()
             UNION ALL
             SELECT transaction::text::bigint FROM pg_prepared_xacts WHERE database = current_database())
"""
XID_SPACE = 2**32

_observations: list[tuple[int, int]] = []  # (last id given out, horizon: every xid then running is below)
_observations_lock = threading.Lock()


def _widen(xid32: int, reference: int) -> int:
    """A 32-bit transaction id as the 64-bit id nearest to ``reference`` (ids in use are within 2**31)."""
    full = (reference - reference % XID_SPACE) + xid32
    if full - reference > XID_SPACE // 2:
        full -= XID_SPACE
    elif reference - full > XID_SPACE // 2:
        full += XID_SPACE
    return full


def _postgres_frontier(cursor: FeedCursor) -> tuple[int, FeedCursor]:
    with connection.cursor() as db:
        # The sequence first, the running transactions second: a writer takes its transaction id when
        # it first writes (the tags, before recording their changes), so whoever holds an id read
        # here has finished or is listed by the second statement. Clearing the statistics snapshot
        # makes pg_stat_activity current even inside a transaction.
        db.execute(
            "SELECT pg_stat_clear_snapshot(), pg_sequence_last_value(pg_get_serial_sequence(%s, 'id'))",
            [TagChange._meta.db_table],
        )
        last_given = db.fetchone()[1] or 0
        db.execute(RUNNING_SQL)
        reference, running32 = db.fetchone()
    running = [_widen(xid, reference) for xid in running32]
    oldest = min(running) if running else None
    horizon = max(running) + 1 if running else reference

    def finished(seen_horizon: int) -> bool:
        return bool(seen_horizon) and (oldest is None or oldest >= seen_horizon)

    with _observations_lock:
        known = [*_observations, (cursor.pending_last, cursor.pending_horizon)]
        settled = max([cursor.settled, *(last for last, seen in known if finished(seen))])
        if oldest is None:  # no other write transaction is open: every id given out so far is settled
            settled = max(settled, last_given)
        _observations[:] = [
            (last, seen) for last, seen in _observations if not finished(seen) and last > settled
        ]
        if last_given > settled:
            _observations.append((last_given, horizon))
            del _observations[:-OBSERVATIONS_KEPT]
    frontier = _contiguous_end(settled)
    if cursor.pending_last > frontier and not finished(cursor.pending_horizon):
        pending = (cursor.pending_last, cursor.pending_horizon)
    elif last_given > frontier:
        pending = (last_given, horizon)
    else:
        pending = (0, 0)
    return frontier, replace(cursor, settled=frontier, pending_last=pending[0], pending_horizon=pending[1])


def _contiguous_end(settled: int) -> int:
    """The end of the run of visible ids right above ``settled`` (they have no hole below them)."""
    end = settled
    ids = (
        TagChange.objects.filter(pk__gt=settled).order_by("pk").values_list("pk", flat=True)[:CONTIGUOUS_SCAN]
    )
    for pk in ids:
        if pk != end + 1:
            break
        end = pk
    return end


def _serial_frontier(cursor: FeedCursor) -> tuple[int, FeedCursor]:
    frontier = TagChange.objects.aggregate(last=Max("pk"))["last"] or 0
    frontier = max(frontier, cursor.settled)
    return frontier, replace(cursor, settled=frontier)


def tag_feed_read(*, cursor: FeedCursor, limit: int, changes: QuerySet[TagChange] | None = None) -> FeedPage:
    """The next ``limit`` changes after the cursor, from ``changes`` (all changes by default)."""
    if connection.vendor == "postgresql":
        frontier, next_cursor = _postgres_frontier(cursor)
    else:
        frontier, next_cursor = _serial_frontier(cursor)
    frontier = max(frontier, cursor.position)
    window = (changes if changes is not None else TagChange.objects.all()).filter(
        pk__gt=cursor.position, pk__lte=frontier
    )
    rows = list(window.order_by("pk")[: limit + 1])
    remaining = len(rows) if len(rows) <= limit else window.order_by()[:COUNT_LIMIT].count()
    rows = rows[:limit]
    # A full page continues after its last row; otherwise everything up to the frontier is served.
    position = rows[-1].pk if remaining > limit else frontier
    return FeedPage(changes=rows, cursor=replace(next_cursor, position=position), remaining=remaining)
