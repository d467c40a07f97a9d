"""The shape every staff screen shares: a Wagtail admin ViewSet shown in the
menu to, and opened by, only the users its ``allowed`` predicate (one of
``cases.roles``) lets in."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.base import ViewSet


class RoleMenuItem(MenuItem):
    def __init__(self, *args, allowed, **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed = allowed

    def is_shown(self, request):
        return self.allowed(request.user)


class StaffViewSet(ViewSet):
    add_to_admin_menu = True
    # The URL the menu item opens, within the viewset's namespace.
    index_url_name = "index"

    @staticmethod
    def allowed(user):
        return False

    def require_allowed(self, request):
        if not self.allowed(request.user):
            raise PermissionDenied

    def get_menu_item(self, order=None):
        return RoleMenuItem(
            self.menu_label,
            reverse(f"{self.name}:{self.index_url_name}"),
            name=self.name,
            icon_name=self.icon,
            order=self.menu_order,
            allowed=self.allowed,
        )
