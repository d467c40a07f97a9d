import datetime
from abc import ABC, abstractmethod
from dataclasses import dataclass, field


class RegistryUnavailable(Exception):
    """The registry could not be asked (down, timed out). The applicant can go
    on by entering the data by hand; a clerk of the big-data bureau then
    verifies the identity."""


@dataclass(frozen=True)
class RegistryRecord:
    id_number: str
    name: str
    gender: str
    birth_date: datetime.date
    # Every ProfileFlag the registry knows about, True or False.
    flags: dict = field(default_factory=dict)
    hukou_region: str = ""
    # The household's village or community as its 12-digit division code
    # (统计用区划代码), where the register holds one.
    hukou_area_code: str = ""
    # Close relatives the registry knows: [{"name", "relationship", "id_number"}],
    # with "phone" where the household register holds one.
    relatives: tuple = ()
    # The death record, once the hospital, the health centre or the police
    # recorded it; None while the registry holds the person as alive.
    died_at: datetime.datetime | None = None
    # The family contact they recorded with the death (a mobile number).
    death_contact_phone: str = ""
    # The banks and insurers where the person held accounts or policies, by
    # their department codes (catalogue: kind "financial institution" or
    # "insurer"); None where the registry does not know.
    banks: tuple | None = None
    insurers: tuple | None = None
    # The deceased arranged, by will or declaration, that their personal
    # information is not given to relatives (PIPL Art. 49).
    arranged_otherwise: bool = False


class RegistrySource(ABC):
    identifier: str = ""
    verbose_name: str = ""

    @abstractmethod
    def lookup(self, id_number: str) -> RegistryRecord | None:
        """The record for a normalised, valid ID number; ``None`` if unknown.
        Raise :class:`RegistryUnavailable` when the registry cannot answer."""
