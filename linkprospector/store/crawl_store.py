"""CrawlStore: the one database connection of a crawl.

Spiders, middlewares and pipelines ask ``CrawlStore.of(crawler)`` for the store (or its
``db``); none of them opens the database itself. It is opened on first use and closed
when the engine stops, after every ``spider_closed`` handler has written its last rows.
"""

from __future__ import annotations

import weakref
from typing import Any

import sqlite_utils
from scrapy import signals

from linkprospector.config import Config
from linkprospector.store.storage import Store

_BY_CRAWLER: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class CrawlStore:
    def __init__(self, path: str, shards: int = 0):
        self.path = path
        self.shards = shards  # a server database: the shards its rows are written in
        self._store: Store | None = None
        self.opened = 0  # how many times a connection was opened (a test counts them)

    @classmethod
    def of(cls, crawler: Any) -> CrawlStore:
        found = _BY_CRAWLER.get(crawler)
        if found is None:
            config = Config.of(crawler)
            found = _BY_CRAWLER[crawler] = cls(config.db, config.shards)
            crawler.signals.connect(found.close, signal=signals.engine_stopped)
        return found

    @property
    def store(self) -> Store:
        """The open store (raises StoreError when the database cannot be used)."""
        if self._store is None:
            if "://" in str(self.path):  # a crawl of one machine written to a server
                from linkprospector.store.server_store import open_server_store

                self._store = open_server_store(str(self.path), create=True, shards=self.shards)
            else:
                self._store = Store(self.path)
            self.opened += 1
        return self._store

    @property
    def db(self) -> sqlite_utils.Database:
        return self.store.db

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None
