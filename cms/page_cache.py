"""Whole guidance pages for anonymous visitors, kept in the shared cache and
served without touching the database: a bereaved family reading what to do
next is the platform's busiest and least personal traffic.

Only Wagtail's content pages (``content`` app), only to a visitor with no
session and no credentials, only a 200 that sets no cookie, never a preview.
A cached page is sent compressed when the browser accepts gzip, with
``Cache-Control: public, max-age, stale-while-revalidate`` so that the proxy
(deploy/nginx) and the browser keep it too. Publishing, unpublishing, moving
or deleting any page, or changing the catalogue the pages quote, starts a
new generation of keys (cases.generations): every page is rendered afresh
on its next visit (navigation and listings show other pages, so one publish
may change many).
"""

import gzip
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers

from cases import generations

# How long a page is kept here, and what browsers and proxies are told.
SECONDS = 300
STALE_SECONDS = 600
GENERATION_KEY = "page-cache:generation"


def purge(**kwargs):
    """Start a new generation: every cached page is stale from now on."""
    generations.renew(GENERATION_KEY)


def _anonymous(request):
    return (
        request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _key(request):
    place = f"{request.get_host()}|{translation.get_language()}|{request.get_full_path()}"
    digest = hashlib.sha256(place.encode()).hexdigest()
    return f"page-cache:{generations.current(GENERATION_KEY)}:{digest}"


def _cacheable(request, response):
    # Kept from a GET only (a HEAD's body may be left out on the way).
    if request.method != "GET" or response.status_code != 200:
        return False
    if response.cookies or response.streaming:
        return False
    if getattr(request, "is_preview", False):
        return False
    page = (getattr(response, "context_data", None) or {}).get("page")
    return page is not None and page._meta.app_label == "content"


def _public(response):
    patch_cache_control(
        response, public=True, max_age=SECONDS, stale_while_revalidate=STALE_SECONDS
    )
    patch_vary_headers(response, ("Accept-Encoding",))


def _from_cache(request, kept):
    body, compressed, content_type = kept
    if "gzip" in request.headers.get("Accept-Encoding", ""):
        response = HttpResponse(compressed, content_type=content_type)
        response["Content-Encoding"] = "gzip"
    else:
        response = HttpResponse(body, content_type=content_type)
    _public(response)
    response["X-Page-Cache"] = "hit"
    return response


class AnonymousPageCache:
    """After the locale is known and before anything reads the session or
    the database."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _anonymous(request):
            return self.get_response(request)
        key = _key(request)
        kept = cache.get(key)
        if kept is not None:
            return _from_cache(request, kept)
        response = self.get_response(request)
        if _cacheable(request, response):
            body = response.content
            cache.set(
                key,
                (body, gzip.compress(body, compresslevel=6), response["Content-Type"]),
                timeout=SECONDS,
            )
            _public(response)
            response["X-Page-Cache"] = "miss"
        return response
