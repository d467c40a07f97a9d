"""The caller's network address, which the domain records (sign-in limits per
network, where an heir answered from) and every face must read the same way."""

from django.conf import settings


def client_ip(request):
    """The caller's address; behind a proxy, from the header it sets
    (settings.CLIENT_IP_HEADER, e.g. HTTP_X_REAL_IP)."""
    header = settings.CLIENT_IP_HEADER
    if header and request.META.get(header):
        return request.META[header].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")
