from django.urls import path

from . import (
    apply,
    burial,
    cases,
    delegations,
    found_later,
    funeral,
    heirs,
    materials,
    money,
    ratings,
    results,
    verify,
    views,
    withdraw,
    wizard,
)

app_name = "portal"

urlpatterns = [
    path("account/login/", views.sign_in, name="sign_in"),
    path("account/logout/", views.sign_out, name="sign_out"),
    path("apply/", apply.apply_index, name="apply_index"),
    path("apply/drafts/<uuid:draft_id>/delete/", apply.discard_draft, name="discard_draft"),
    path("apply/<slug:scenario>/", apply.apply_start, name="apply"),
    path(
        "apply/<slug:scenario>/<uuid:draft_id>/",
        wizard.ApplicationWizard.as_view(),
        name="apply_draft",
    ),
    path(
        "apply/<slug:scenario>/<uuid:draft_id>/<slug:step>/",
        wizard.ApplicationWizard.as_view(),
        name="apply_step",
    ),
    path("delegations/", delegations.my_delegations, name="my_delegations"),
    path("delegations/<int:pk>/revoke/", delegations.revoke, name="revoke_delegation"),
    path("delegations/<str:token>/", delegations.delegation, name="delegation"),
    path("verify/", verify.verify, name="verify"),
    path("funeral-fees/", funeral.fee_lists, name="funeral_fees"),
    path("verify/<str:serial>/", verify.verify, name="verify_serial"),
    path("cases/", cases.case_list, name="case_list"),
    path("cases/<str:reference>/", cases.case_detail, name="case_detail"),
    path("cases/<str:reference>/heirs/", heirs.heirs, name="heirs"),
    path("cases/<str:reference>/withdraw/", withdraw.withdraw, name="withdraw"),
    path("cases/<str:reference>/found-later/", found_later.found_later, name="found_later"),
    path("cases/<str:reference>/burial/", burial.choose, name="burial"),
    path("cases/<str:reference>/funeral/", funeral.services, name="funeral"),
    path("cases/<str:reference>/offset/", money.agree_offset, name="agree_offset"),
    path("cases/<str:reference>/statements/", money.request_statements, name="request_statements"),
    path("cases/<str:reference>/burial/<int:site>/", burial.place, name="burial_place"),
    path("cases/<str:reference>/rate/", ratings.rate_department, name="rate"),
    path("cases/<str:reference>/tasks/<int:task_id>/reply/", materials.reply, name="reply"),
    path("cases/<str:reference>/results/", results.result_list, name="result_list"),
    path("cases/<str:reference>/results.pdf", results.result_list_pdf, name="result_list_pdf"),
    path(
        "cases/<str:reference>/documents/<int:document_id>/",
        cases.document_download,
        name="document_download",
    ),
]
