"""The pages' fast number formats write exactly what numbers.format_* write."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from generator import pages
from generator.numbers import format_angka, format_persen, format_rupiah

TEPI = [
    "0", "-0", "0.00", "-0.00", "-0.004", "-0.005", "0.005", "0.004999", "0.015", "0.025", "-0.015",
    "1", "-1", "999.995", "999.994", "-999.995", "1000", "1234.5", "-1234.5", "126.725", "105.075",
    "99.994", "99.995", "1E+3", "1.00E+5", "123456789012345678.995", "-123456789012345678.995",
    "1E+30", "1.5E-10", "2822434850", "2822434850.50", "290000000.50", "9999999.499", "9999999.5",
    "0.1", "0.01", "0.001", "12345678901234567890123456.789", "-12345678901234567890123456.785",
]


@pytest.mark.parametrize("teks", TEPI)
def test_tepi(teks):
    v = Decimal(teks)
    assert pages.persen_cepat(v) == format_persen(v)
    assert pages.angka_cepat(v) == format_angka(v)
    assert pages.rupiah_cepat(v) == format_rupiah(v)


def test_acak():
    rnd = random.Random(20261123)
    for _ in range(5000):
        digits = str(rnd.randrange(0, 10 ** rnd.randint(1, 24)))
        exp = rnd.randint(-8, 4)
        v = Decimal(f"{'-' if rnd.random() < 0.3 else ''}{digits}E{exp}")
        assert pages.persen_cepat(v) == format_persen(v), v
        assert pages.angka_cepat(v) == format_angka(v), v
        assert pages.rupiah_cepat(v) == format_rupiah(v), v
    # ratios as the engine computes them (full context precision)
    for _ in range(5000):
        a, b = Decimal(rnd.randint(1, 10 ** 12)), Decimal(rnd.randint(1, 10 ** 9))
        v = a / b * 100 if rnd.random() < 0.5 else -(a / b)
        assert pages.persen_cepat(v) == format_persen(v), v
        assert pages.angka_cepat(v) == format_angka(v), v
        assert pages.rupiah_cepat(v) == format_rupiah(v), v
