from abc import ABC, abstractmethod
from dataclasses import dataclass


class DeliveryFailed(Exception):
    """The department's system did not take the task this time; try again later.
    The message is logged and shown to administrators: no personal data in it."""


class DeliveryRefused(DeliveryFailed):
    """The department's system refused the task (a 4xx answer): trying again
    will not help, an administrator must look."""


@dataclass(frozen=True)
class Delivery:
    external_reference: str = ""


class Connector(ABC):
    identifier: str = ""
    verbose_name: str = ""
    # False: tasks wait in the admin workbench and nothing is sent anywhere.
    sends = True

    @abstractmethod
    def deliver(self, dispatch) -> Delivery:
        """Hand the dispatch's task to the department. Raise DeliveryFailed when
        it may work later; anything else is a bug and fails the job."""
