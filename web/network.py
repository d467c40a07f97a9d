"""The caller's network address, which the domain records (sign-in limits per
network, where an heir answered from) and every face must read the same way."""

from django.conf import settings


def client_ip(request):
    """The caller's address; behind proxies, from the header they set
    (settings.CLIENT_IP_HEADER, e.g. HTTP_X_FORWARDED_FOR).

    Each proxy appends the address it saw, so only the rightmost
    ``CLIENT_IP_TRUSTED_PROXIES`` entries were written by our own proxies;
    anything left of them came from the client and may be forged. The
    client's address is the entry the outermost trusted proxy added."""
    header = settings.CLIENT_IP_HEADER
    remote = request.META.get("REMOTE_ADDR", "")
    if not header or not request.META.get(header):
        return remote
    hops = [hop.strip() for hop in request.META[header].split(",") if hop.strip()]
    trusted = max(1, settings.CLIENT_IP_TRUSTED_PROXIES)
    if len(hops) < trusted:
        return remote  # fewer entries than our proxies write: not theirs
    return hops[-trusted]
