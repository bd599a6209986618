"""A small, short-lived in-process cache for reference data that every call
reads and that almost never changes (API clients, providers, games).

Entries live ``ttl`` seconds, so a change made by another process is seen
within that time; a change made in this process calls :meth:`clear`. Only
found values are kept (a flood of unknown keys cannot grow it), and it holds
at most ``max_entries``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Hashable
from typing import Any

_MISSING = object()


class TtlCache:
    def __init__(self, ttl: float = 5.0, max_entries: int = 10_000) -> None:
        self.ttl = ttl
        self.max_entries = max_entries
        self._data: dict[Hashable, tuple[float, Any]] = {}

    def get(self, key: Hashable, load: Callable[[], Any]) -> Any:
        """The cached value of ``key``, or ``load()`` (kept unless None)."""
        now = time.monotonic()
        hit = self._data.get(key, _MISSING)
        if hit is not _MISSING and hit[0] > now:
            return hit[1]
        value = load()
        if value is not None:
            if len(self._data) >= self.max_entries:
                self._data.clear()
            self._data[key] = (now + self.ttl, value)
        return value

    def clear(self) -> None:
        self._data.clear()
