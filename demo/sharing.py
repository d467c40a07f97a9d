"""The demo's receiving bodies (api/sharing.py): Huzhou's real-estate
registration centre, a notary office and a bank, each with the purposes it
may ask for. Their secrets are made once and printed with the staff
passwords."""

from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import Application

from cases.models import BodyKind, ReceivingBody, SharingScope

BODIES = [
    (
        "huzhou-real-estate",
        "湖州市不动产登记中心",
        "Huzhou Real Estate Registration Centre",
        BodyKind.REAL_ESTATE,
        [SharingScope.DEATH_FACTS, SharingScope.HEIRS_AND_CONSENTS, SharingScope.CERTIFICATES],
    ),
    (
        "huzhou-notary",
        "湖州市南太湖公证处",
        "Huzhou Nantaihu Notary Office",
        BodyKind.NOTARY,
        [SharingScope.DEATH_FACTS, SharingScope.HEIRS_AND_CONSENTS, SharingScope.CERTIFICATES],
    ),
    (
        "huzhou-bank-sharing",
        "湖州银行（继承支付）",
        "Bank of Huzhou (payments to heirs)",
        BodyKind.BANK,
        [SharingScope.DEATH_FACTS, SharingScope.HEIRS_AND_CONSENTS],
    ),
]


def seed_bodies():
    """Create missing bodies; return (code, client id, secret) of new ones."""
    created = []
    for code, name_zh, name_en, kind, scopes in BODIES:
        if ReceivingBody.objects.filter(code=code).exists():
            continue
        secret = generate_client_secret()
        application = Application.objects.create(
            name=name_en,
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_CLIENT_CREDENTIALS,
            client_secret=secret,
        )
        ReceivingBody.objects.create(
            code=code,
            name_zh=name_zh,
            name_en=name_en,
            kind=kind,
            scopes=[scope.value for scope in scopes],
            application=application,
        )
        created.append((code, application.client_id, secret))
    return created
