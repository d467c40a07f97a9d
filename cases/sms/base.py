from abc import ABC, abstractmethod


class SmsSendFailed(Exception):
    """The provider did not take the message; it will be tried again. No
    phone number or text in the message."""


class SmsBackend(ABC):
    identifier = ""
    verbose_name = ""

    @abstractmethod
    def send(self, to: str, text: str) -> str:
        """Hand one message to the provider; return its message id."""
