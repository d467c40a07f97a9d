from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from oauth2_provider import views as oauth2_views
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from api.downloads import certificate_pdf, statement_pdf
from api.sharing import shared
from api.uploads import draft_upload
from api.views import ApiView
from cms.health import health, web_health
from cms.metrics import metrics
from cms.views import connector_callback, connector_file, favicon
from content.views import search
from office import two_factor

urlpatterns = [
    # Browsers ask for /favicon.ico whatever the page links: no 404 each time.
    path("favicon.ico", favicon, name="favicon"),
    path("healthz/", health, name="healthz"),
    path("healthz/web/", web_health, name="healthz_web"),
    path("metrics", metrics, name="metrics"),
    path("connectors/<slug:department>/callback/", connector_callback, name="connector_callback"),
    path(
        "connectors/<slug:department>/tasks/<int:task_id>/<slug:kind>/<str:ident>/",
        connector_file,
        name="connector_file",
    ),
    path("graphql/", ApiView.as_view(), name="graphql"),
    # The sharing interface: only the token endpoints of django-oauth-toolkit
    # (client credentials; no authorization pages: bodies have no users here).
    path("share/oauth/token/", oauth2_views.TokenView.as_view(), name="sharing_token"),
    path("share/oauth/revoke/", oauth2_views.RevokeTokenView.as_view(), name="sharing_revoke"),
    path("share/v1/cases/<str:reference>/<slug:scope>/", shared, name="sharing"),
    path("api/drafts/<uuid:draft_id>/uploads/", draft_upload, name="draft_upload"),
    path("certificates/<str:serial>.pdf", certificate_pdf, name="certificate_pdf"),
    path("statements/<int:pk>.pdf", statement_pdf, name="statement_pdf"),
    path("admin/2fa/setup/", two_factor.setup, name="staff_2fa_setup"),
    path("admin/2fa/verify/", two_factor.verify, name="staff_2fa_verify"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static as serve_files

    urlpatterns += serve_files(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# What citizens see is in Chinese at / and in English under /en/; the language
# switch links between the two. Wagtail's page serving is the catch-all, so it
# goes last.
urlpatterns += i18n_patterns(
    path("", include("portal.urls")),
    path("search/", search, name="search"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
