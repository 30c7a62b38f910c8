"""Django's file-based cache, making its folder when it first writes rather than when it starts.

Django's `FileBasedCache` creates its folder as soon as the cache object exists, and the system
checks create every configured cache: every command (`ketenzorg restore` into an empty folder
included) would leave a `var/cache/…` behind. Reading a folder that is not there is a miss, and
writing makes it, so nothing is lost by waiting.
"""

from __future__ import annotations

import os

from django.core.cache.backends.base import BaseCache
from django.core.cache.backends.filebased import FileBasedCache


class LazyFileBasedCache(FileBasedCache):
    def __init__(self, dir, params):  # noqa: A002 - Django's own parameter name
        BaseCache.__init__(self, params)
        self._dir = os.path.abspath(dir)
