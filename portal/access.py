"""Who may open the family's pages: a citizen signed in by SMS code, or the
funeral assistant filing with a family (their second factor is checked for
every page by ``office.two_factor``). Any other staff account is told so:
it is not a family, and acting as one would put a clerk's password where
the family's phone should be."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from cases.roles import may_use_family_pages


def family_required(view):
    @login_required
    @wraps(view)
    def checked(request, *args, **kwargs):
        if not may_use_family_pages(request.user):
            return render(request, "portal/staff_not_family.html", status=403)
        return view(request, *args, **kwargs)

    return checked
