"""Generations in the shared cache, for what is derived from rows an
administrator edits: the guidance pages kept whole (cms.page_cache) and the
catalogue and calendar each process keeps (cases.kept). What is kept carries
the generation it was made in; a change starts a new one, and everything
older is stale at once, in every process.

A generation is a random token, not a counter: a cache that lost the key
makes a new token and everything is made again, where a counter starting
again at 1 could meet what was kept under 1 before. It is renewed at once
*and* again when the transaction commits: at once, so this process (and a
test inside one transaction) sees its own change; after commit, so whatever
another process made in between, from rows that did not yet show the
change, is stale too.
"""

import secrets

from django.core.cache import cache
from django.db import transaction


def current(key):
    token = cache.get(key)
    if token is None:
        # Another process may have just made one: whichever is stored wins.
        cache.add(key, secrets.token_hex(8), timeout=None)
        token = cache.get(key)
    return token


def renew(key):
    def start_new():
        cache.set(key, secrets.token_hex(8), timeout=None)

    start_new()
    transaction.on_commit(start_new)
