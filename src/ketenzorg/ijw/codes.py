"""The code lists of our iJw profile (docs/ijw.md).

The codes travel as strings in XML and JSON; the labels are Dutch msgids, for screens.
Category and gender use the iStandaard's own codes (productcategorie, COD046) so a message
reads the same to someone who knows iJw; the other lists are ours, small on purpose, and the
XSD enumerates exactly these values so the two cannot drift apart (tests/ijw checks that).
"""

from __future__ import annotations

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

PROFILE = "ketenzorg-ijw-1.0"
NAMESPACE = "urn:ketenzorg:ijw:1"


class _Coded(StrEnum):
    @property
    def label(self) -> str:
        return str(self._labels()[self])

    @classmethod
    def _labels(cls) -> dict:
        raise NotImplementedError


class MessageKind(StrEnum):
    """The four iJw messages we model; the retour messages (JW316, JW302, …) are not yet."""

    REQUEST = "JW315"
    ASSIGNMENT = "JW301"
    START = "JW305"
    STOP = "JW307"


class Category(_Coded):
    """iJw productcategorie of aanvullende jeugdhulp; the same list as aanbod's IjwCategory
    (which this layer may not import; a test keeps them equal)."""

    PERSONAL_CARE = "40"
    DAY_TREATMENT = "41"
    TRANSPORT = "42"
    RESIDENTIAL_TREATMENT = "43"
    RESIDENTIAL = "44"
    AMBULANT = "45"
    CRISIS = "46"
    PROBATION = "47"
    PROTECTION = "48"
    PREVENTIVE_JUSTICE = "49"
    CUSTOM = "50"
    MENTAL_HEALTH = "54"
    DYSLEXIA = "55"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.PERSONAL_CARE: _("40 persoonlijke verzorging"),
            cls.DAY_TREATMENT: _("41 dagbehandeling"),
            cls.TRANSPORT: _("42 vervoerdiensten"),
            cls.RESIDENTIAL_TREATMENT: _("43 jeugdhulp verblijf (inclusief behandeling)"),
            cls.RESIDENTIAL: _("44 jeugdhulp verblijf (exclusief behandeling)"),
            cls.AMBULANT: _("45 jeugdhulp ambulant"),
            cls.CRISIS: _("46 jeugdhulp crisis"),
            cls.PROBATION: _("47 jeugdreclassering"),
            cls.PROTECTION: _("48 jeugdbescherming"),
            cls.PREVENTIVE_JUSTICE: _("49 activiteiten in het preventief justitieel kader"),
            cls.CUSTOM: _("50 maatwerkarrangementen jeugd"),
            cls.MENTAL_HEALTH: _("54 jeugd-GGZ"),
            cls.DYSLEXIA: _("55 dyslexie"),
        }


class Gender(_Coded):
    """iJw codelijst COD046 (geslacht)."""

    UNKNOWN = "0"
    MALE = "1"
    FEMALE = "2"
    UNSPECIFIED = "9"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.UNKNOWN: _("onbekend"),
            cls.MALE: _("man"),
            cls.FEMALE: _("vrouw"),
            cls.UNSPECIFIED: _("niet gespecificeerd"),
        }


class Unit(_Coded):
    """The unit of the volume (iJw has a numbered list, COD041; ours uses the words)."""

    MINUTE = "minuut"
    HOUR = "uur"
    DAGDEEL = "dagdeel"
    ETMAAL = "etmaal"
    PIECES = "stuks"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.MINUTE: _("minuut"),
            cls.HOUR: _("uur"),
            cls.DAGDEEL: _("dagdeel (4 uur)"),
            cls.ETMAAL: _("etmaal"),
            cls.PIECES: _("stuks"),
        }


class Frequency(_Coded):
    """Per what the volume counts (iJw COD191 numbers these; ours uses the words)."""

    DAY = "dag"
    WEEK = "week"
    MONTH = "maand"
    TOTAL = "totaal"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.DAY: _("per dag"),
            cls.WEEK: _("per week"),
            cls.MONTH: _("per maand"),
            cls.TOTAL: _("totaal binnen de looptijd"),
        }


class Verwijzer(_Coded):
    """Who referred the child (modelled on iJw COD327, with words instead of numbers)."""

    GEMEENTE = "gemeente"
    HUISARTS = "huisarts"
    JEUGDARTS = "jeugdarts"
    GECERTIFICEERDE_INSTELLING = "gecertificeerde-instelling"
    MEDISCH_SPECIALIST = "medisch-specialist"
    RECHTER = "rechter"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.GEMEENTE: _("gemeentelijke toegang (wijkteam, OKT)"),
            cls.HUISARTS: _("huisarts"),
            cls.JEUGDARTS: _("jeugdarts"),
            cls.GECERTIFICEERDE_INSTELLING: _("gecertificeerde instelling"),
            cls.MEDISCH_SPECIALIST: _("medisch specialist"),
            cls.RECHTER: _("rechter of officier van justitie"),
        }


class StopReason(_Coded):
    """Why care stopped (JW307), our short list modelled on the iJw reden beëindiging."""

    AS_PLANNED = "01"
    AGREED = "02"
    BY_CLIENT = "03"
    BY_PROVIDER = "04"
    OTHER = "99"

    @classmethod
    def _labels(cls) -> dict:
        return {
            cls.AS_PLANNED: _("beëindigd volgens plan"),
            cls.AGREED: _("beëindigd in overeenstemming"),
            cls.BY_CLIENT: _("eenzijdig beëindigd door de cliënt"),
            cls.BY_PROVIDER: _("eenzijdig beëindigd door de aanbieder"),
            cls.OTHER: _("overig"),
        }
