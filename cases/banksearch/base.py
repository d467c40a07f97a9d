from abc import ABC, abstractmethod


class BankSearchUnavailable(Exception):
    """The search could not answer (down, slow, an unsigned answer)."""


class BankSearch(ABC):
    identifier: str = ""
    verbose_name: str = ""

    @abstractmethod
    def search(self, id_number: str) -> tuple:
        """The department codes of the banks holding accounts of the person
        with this (normalised, valid) ID number; () when none. Raise
        :class:`BankSearchUnavailable` when the search cannot answer."""
