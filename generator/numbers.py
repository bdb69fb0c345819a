"""Parse and format numbers the way Indonesian documents and spreadsheets write them.

Everything is `decimal.Decimal`; rounding (ROUND_HALF_UP, as Excel and the printed
documents do) happens only when a value is written out.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation, getcontext, localcontext

SERATUS = Decimal(100)
# Rupiah with sen of a whole province fit in 18 digits; sums then stay exact within
# Decimal's 28 digits.
MAKS_DIGIT = 18
DUA_DESIMAL = Decimal("0.01")

_PLAIN = re.compile(r"^\d+(\.\d+)?$")
_ID_COMMA = re.compile(r"^(\d{1,3}(\.\d{3})+|\d+),\d+$")
_ID_THOUSANDS = re.compile(r"^\d{1,3}(\.\d{3}){2,}$")
_RUPIAH_SINGLE_DOT = re.compile(r"^\d+\.\d{3}$")
_RP_PREFIX = re.compile(r"^rp\.?\s*", re.IGNORECASE)
# The canonical form `123`, `-12.5`, in ASCII digits, except a single dot followed by
# exactly three digits (thousands in Rupiah, warned about elsewhere).
_POLOS = re.compile(r"-?[0-9]+(?:\.(?![0-9]{3}\Z)[0-9]+)?")


class NumberError(ValueError):
    """A text that is not a number in any accepted format; the message is Indonesian."""


def inti_angka(text: str, satuan: str | None = None) -> str:
    """The number part of a cell: without a leading `Rp`, a trailing `%` or a trailing
    unit equal to `satuan`."""
    s = text.strip()
    if satuan:
        unit = satuan.strip()
        if unit and s.lower().endswith(unit.lower()) and len(s) > len(unit):
            s = s[: -len(unit)].rstrip()
    s = _RP_PREFIX.sub("", s)
    if s.endswith("%"):
        s = s[:-1].rstrip()
    return s


def angka_polos(text: str) -> Decimal | None:
    """The value of a stripped cell written in the plain canonical form, or None for
    any other form (then `parse_angka` decides).

    Where this returns a value, `parse_angka` returns the same one with or without
    `rupiah` and with any `satuan` not ending in a digit, and the single-dot
    thousands warning does not apply: loading reads most cells this way, quickly.
    """
    # At most MAKS_DIGIT characters: never too many digits.
    if len(text) > MAKS_DIGIT or _POLOS.fullmatch(text) is None:
        return None
    return -Decimal(text[1:]) if text[0] == "-" else Decimal(text)


def parse_angka(text: str, *, satuan: str | None = None, rupiah: bool = False) -> Decimal:
    """Read a number written in canonical or Indonesian form.

    Accepted: `1234.5`, `1.234.567,50`, `91,27`, `3.092.546.200`, a leading `Rp`,
    a trailing `%`, or a trailing unit equal to `satuan` (`4 Unit`). A single dot
    with no comma is a decimal point, except with `rupiah=True`, where a single dot
    followed by exactly three digits separates thousands (`Rp 750.000`).
    """
    original = text
    s = inti_angka(text, satuan)
    negative = s.startswith("-")
    if negative:
        s = s[1:].lstrip()
    if _PLAIN.match(s):
        if rupiah and _RUPIAH_SINGLE_DOT.match(s):
            s = s.replace(".", "")
    elif _ID_COMMA.match(s):
        s = s.replace(".", "").replace(",", ".")
    elif _ID_THOUSANDS.match(s):
        s = s.replace(".", "")
    else:
        raise NumberError(
            f"'{original.strip()}' bukan angka yang sah "
            "(tulis 1234.5, atau format Indonesia 1.234,5)"
        )
    try:
        value = Decimal(s)
    except InvalidOperation as exc:  # pragma: no cover - the patterns above exclude this
        raise NumberError(f"'{original.strip()}' bukan angka yang sah") from exc
    if len(value.as_tuple().digits) > MAKS_DIGIT:
        raise NumberError(f"'{original.strip()}' terlalu panjang (lebih dari {MAKS_DIGIT} digit)")
    return -value if negative else value


_KUANTUM = {p: Decimal(1).scaleb(-p) for p in range(7)}


def bulat(value: Decimal, places: int = 2) -> Decimal:
    """Round half up, as Excel and the printed documents do (126.725 → 126.73)."""
    kuantum = _KUANTUM.get(places)
    if kuantum is not None and value.adjusted() + places + 3 <= getcontext().prec:
        # The common case fits the current precision: no context to switch (a tenth
        # of the cost, and bulat runs for every figure written).
        return value.quantize(kuantum, ROUND_HALF_UP)
    with localcontext() as ctx:
        # A ratio of extreme inputs can need more digits than the default 28.
        ctx.prec = max(ctx.prec, value.adjusted() + places + 3)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _group_thousands(digits: str) -> str:
    groups = []
    while len(digits) > 3:
        groups.append(digits[-3:])
        digits = digits[:-3]
    groups.append(digits)
    return ".".join(reversed(groups))


def format_angka(value: Decimal, places: int = 2) -> str:
    """Indonesian display form: `1.234,50`, `87,50`, `-3,83`."""
    rounded = bulat(value, places)
    sign = "-" if rounded < 0 else ""
    text = f"{abs(rounded):.{places}f}"
    whole, _, frac = text.partition(".")
    out = _group_thousands(whole)
    return f"{sign}{out},{frac}" if places else f"{sign}{out}"


def format_persen(value: Decimal) -> str:
    """`91,27%`."""
    return format_angka(value, 2) + "%"


def format_rupiah(value: Decimal) -> str:
    """`Rp 2.822.434.850`, with `,50` only when the amount has a fraction of a rupiah."""
    places = 0 if value == value.to_integral_value() else 2
    return "Rp " + format_angka(value, places)


def format_nilai(value: Decimal) -> str:
    """A data value (target, realisasi) as written by a person: `87,5`, `3600`, `0,25`."""
    text = format(value.normalize(), "f")
    whole, _, frac = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    grouped = _group_thousands(whole) if len(whole) > 4 else whole
    return f"{sign}{grouped},{frac}" if frac else f"{sign}{grouped}"


def desimal(value: Decimal | None, places: int | None = 2) -> str:
    """Machine form for exports: dot decimal, no thousands separator, '' when missing.

    `places=None` writes the value exactly as held (amounts, targets).
    """
    if value is None:
        return ""
    if places is None:
        text = str(value)
        if "E" in text or "N" in text or len(text) > getcontext().prec:
            return format(value.normalize(), "f")
        # Plain notation already, with no more digits than normalize() keeps: only
        # the trailing zeros of a fraction to drop (half the cost of the general form).
        return text.rstrip("0").rstrip(".") if "." in text else text
    if places == 2 and value.adjusted() + 5 <= getcontext().prec:
        # bulat's common case, written by str(): a quantized finite value has
        # exponent -2 and so always prints in plain notation (5x cheaper than below).
        text = str(value.quantize(DUA_DESIMAL, ROUND_HALF_UP))
        return "0.00" if text == "-0.00" else text
    rounded = bulat(value, places)
    if rounded == 0:
        rounded = rounded.copy_abs()  # never "-0.00"
    return f"{rounded:.{places}f}"
