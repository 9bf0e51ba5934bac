"""Personal data published without 脱敏: resident ID numbers, mobile numbers, bank card numbers.

Every value leaves this module masked; the raw number is never returned or stored.

- ID numbers: 18 characters (GB 11643-1999), a plausible region code and birth date, and the
  ISO 7064 MOD 11-2 check digit — a document number or timestamp of 18 digits almost never passes.
- Mobile numbers: 11 digits 1[3-9]…, only where the caller says the text is an article body, and
  not right after a contact label (联系电话, 咨询电话, 联系人…): an office's published contact is not a leak.
- Bank cards: 16–19 digits passing the Luhn check, with a UnionPay (62) prefix or a 卡号/账号 label near.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_ID = re.compile(r"(?<![0-9A-Za-z])([1-9]\d{5})((?:19|20)\d{2})(\d{2})(\d{2})(\d{3})([0-9Xx])(?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9A-Za-z])(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?![0-9A-Za-z])")
_CARD = re.compile(r"(?<![0-9A-Za-z])(\d{4})[ -]?(\d{4})[ -]?(\d{4})[ -]?(\d{4})([ -]?\d{1,3})?(?![0-9A-Za-z])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# an office's contact: the number follows one of these labels closely
CONTACT_LABELS = re.compile(r"(联系电话|联系方式|联系人|咨询电话|办公电话|服务电话|举报电话|监督电话|投诉电话|值班电话|"
                            r"热线|电话|传真|联系|tel|phone)[^。；;\n]{0,12}$", re.I)
CARD_LABELS = re.compile(r"(卡号|账号|帐号|银行卡|开户|存折)[^。；;\n]{0,12}$")


@dataclass(frozen=True)
class Personal:
    kind: str  # id_card, mobile, bank_card
    masked: str
    start: int
    end: int


def mask(value: str, head: int, tail: int) -> str:
    digits = re.sub(r"[\s-]", "", value)
    return digits[:head] + "*" * (len(digits) - head - tail) + digits[len(digits) - tail:]


def id_check_ok(number: str) -> bool:
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17]


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


def _plausible_birth(y: str, m: str, d: str) -> bool:
    try:
        born = date(int(y), int(m), int(d))
    except ValueError:
        return False
    return born.year >= 1900


def id_numbers(text: str) -> list[Personal]:
    out = []
    for m in _ID.finditer(text):
        region, y, mo, d = m.group(1), m.group(2), m.group(3), m.group(4)
        if region[0] not in "12345678" or not _plausible_birth(y, mo, d) or not id_check_ok(m.group(0)):
            continue
        out.append(Personal("id_card", mask(m.group(0), 3, 2), m.start(), m.end()))
    return out


def mobile_numbers(text: str, contact_labels: re.Pattern = CONTACT_LABELS) -> list[Personal]:
    """Mobile numbers not introduced by a contact label (an office's published number)."""
    out = []
    for m in _MOBILE.finditer(text):
        if contact_labels.search(text[max(0, m.start() - 20):m.start()]):
            continue
        number = "".join(m.groups())
        out.append(Personal("mobile", mask(number, 3, 4), m.start(), m.end()))
    return out


def bank_cards(text: str, taken: list[Personal] = ()) -> list[Personal]:
    out = []
    for m in _CARD.finditer(text):
        if any(p.start < m.end() and m.start() < p.end for p in taken):
            continue  # an ID number that also passes Luhn is an ID number
        digits = re.sub(r"\D", "", m.group(0))
        if not 16 <= len(digits) <= 19 or not luhn_ok(digits):
            continue
        if not digits.startswith("62") and not CARD_LABELS.search(text[max(0, m.start() - 20):m.start()]):
            continue
        out.append(Personal("bank_card", mask(digits, 4, 4), m.start(), m.end()))
    return out


def find(text: str, article: bool) -> list[Personal]:
    """Personal numbers in ``text``; mobile numbers only when ``text`` is an article's body."""
    ids = id_numbers(text)
    mobiles = mobile_numbers(text) if article else []
    return ids + mobiles + bank_cards(text, ids + mobiles)


def mask_all(text: str) -> str:
    """``text`` with every ID, mobile and card number masked (for evidence snippets)."""
    for finder in (id_numbers, lambda t: mobile_numbers(t, re.compile("(?!)")), bank_cards):
        for p in sorted(finder(text), key=lambda p: -p.start):
            text = text[:p.start] + p.masked + text[p.end:]
    return text
