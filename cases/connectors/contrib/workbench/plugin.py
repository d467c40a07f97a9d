"""The task waits in the admin workbench; nothing is sent anywhere."""

from ...base import Connector, Delivery
from ...registry import register


@register("workbench")
class Workbench(Connector):
    verbose_name = "workbench — clerks work the task in this admin"
    sends = False

    def deliver(self, dispatch):
        return Delivery()
