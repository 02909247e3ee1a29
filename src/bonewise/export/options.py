"""What a printed document can be asked for, without loading reportlab.

The window's menus and the command line's options are built from these at
start-up; the PDF code itself (reportlab) is imported only when a document is made.
"""

from __future__ import annotations

import locale
import os
from collections.abc import Iterable
from dataclasses import dataclass

from bonewise.errors import BonewiseError

PAGE_SIZE_NAMES: tuple[str, ...] = ("A4", "Letter")
PAGE_SIZE_SETTING = "page_size"  # settings key: "A4" or "Letter"; absent = from the locale

# Countries whose paper is US Letter (ISO 3166 codes as they appear in locale names).
_LETTER_TERRITORIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "CR", "GT", "PA", "SV", "DO", "PR"}


@dataclass(frozen=True)
class PageSetup:
    """Paper and print size of a document."""

    size: str = "A4"  # one of PAGE_SIZE_NAMES
    large_print: bool = False

    def __post_init__(self) -> None:
        if self.size not in PAGE_SIZE_NAMES:
            raise BonewiseError(f"Unknown page size “{self.size}”: choose A4 or Letter.")


def page_size_for_locale(locale_name: str | None = None) -> str:
    """ "Letter" where the locale's country uses US Letter paper, else "A4"."""
    if locale_name is None:
        try:
            locale_name = locale.getlocale(locale.LC_CTYPE)[0] or ""
        except ValueError:
            locale_name = ""
        locale_name = locale_name or os.environ.get("LC_PAPER") or os.environ.get("LANG") or ""
    territory = locale_name.split(".")[0].split("@")[0].replace("-", "_").partition("_")[2]
    return "Letter" if territory.upper() in _LETTER_TERRITORIES else "A4"


def page_setup_from_settings(settings: dict, *, large_print: bool | None = None) -> PageSetup:
    """The page setup the user chose in the settings, else the locale's paper size."""
    size = settings.get(PAGE_SIZE_SETTING)
    if size not in PAGE_SIZE_NAMES:
        size = page_size_for_locale()
    large = bool(settings.get("large_print", False)) if large_print is None else large_print
    return PageSetup(size, large)


# The default order: the appointment summary first, as a clinician reads it.
SECTION_NAMES: tuple[str, ...] = ("summary", "plan", "report", "shopping")
SECTION_TITLES = {
    "plan": "Week plan",
    "report": "Nutrient report",
    "summary": "Appointment summary",
    "shopping": "Shopping list",
}


def parse_sections(text: str | Iterable[str]) -> tuple[str, ...]:
    """ "report,summary" -> ("report", "summary"): the sections in the order given, each once;
    BonewiseError for an unknown name or none at all."""
    names = text.split(",") if isinstance(text, str) else list(text)
    chosen = tuple(dict.fromkeys(n.strip().casefold() for n in names if n.strip()))
    unknown = [n for n in chosen if n not in SECTION_NAMES]
    if unknown:
        raise BonewiseError(
            f"Unknown section “{unknown[0]}”: choose from {', '.join(SECTION_NAMES)}."
        )
    if not chosen:
        raise BonewiseError(f"Choose at least one section: {', '.join(SECTION_NAMES)}.")
    return chosen
