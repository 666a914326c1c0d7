"""Text helpers shared by search and imports: Vietnamese folded to lowercase ASCII."""

import re

from unidecode import unidecode

_SPACES = re.compile(r"[^a-z0-9]+")


def fold(text: str | None) -> str:
    """Fold Vietnamese text for search: 'Tỉnh TRÀ VINH' -> 'tinh tra vinh' (đ -> d, no marks)."""
    if not text:
        return ""
    return _SPACES.sub(" ", unidecode(text).lower()).strip()


def mask(value: str | None) -> str:
    """An identifier or phone for lists, only its last 4 digits shown: '079305001234' -> '********1234'."""
    if not value:
        return ""
    return "*" * (len(value) - 4) + value[-4:]
