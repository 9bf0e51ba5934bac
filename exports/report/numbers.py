"""Counts and rates written the way the seed notice writes them.

The seed prints a rate that is exact to two decimals as it is, trailing zeros dropped (50%, 80%,
37.5%, 31.25%, 0%). An inexact rate is rounded half-up: to two decimals for websites (44.94%,
77.78%, 13.33%) and to a whole percent for new media (72/118 = 61.02% → "61%", 87/146 = 59.59% →
"60%"). That one rule reproduces every figure of the seed; the digits are parameters.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

SITE_DIGITS = 2
ACCOUNT_DIGITS = 0


def rate(part: int, whole: int, digits: int = SITE_DIGITS) -> str:
    """part/whole as the seed's percentage text, e.g. rate(53, 120) == "44.17%"; "—" for 0/0."""
    if not whole:
        return "—"
    value = Fraction(100 * part, whole)
    exact = value * 100
    if exact.denominator == 1:  # exact to two decimals: print it as it is
        text = str(Decimal(exact.numerator) / 100)
    else:
        quantum = Decimal(1).scaleb(-digits)
        text = str((Decimal(value.numerator) / Decimal(value.denominator)).quantize(quantum, ROUND_HALF_UP))
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def ratio(part: int, whole: int) -> float:
    """part/whole as a fraction for charts (0 when whole is 0)."""
    return part / whole if whole else 0.0
