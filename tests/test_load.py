"""Loader details not covered by the bad-input corpus."""

from decimal import Decimal

import pytest

from generator.errors import Laporan
from generator.load import _angka


@pytest.mark.parametrize(("text", "satuan"), [("1.500", None), ("1.500 Unit", "Unit"), ("1.500%", None)])
def test_titik_tunggal_yang_mungkin_ribuan_diperingatkan(text, satuan):
    # The contract reads a single dot as a decimal point; "1.500" with a unit or a
    # percent sign is as ambiguous as the bare number, so it warns the same way.
    laporan = Laporan()
    assert _angka(text, ("target.csv", 3, "nilai", laporan), satuan=satuan) == Decimal("1.5")
    assert [str(p) for p in laporan.problems] == [
        f"target.csv:3: nilai: peringatan: '{text}' dibaca sebagai 1,5 (titik tunggal adalah "
        "tanda desimal); bila maksudnya 1500, tulis tanpa titik"
    ]


def test_desimal_biasa_tidak_diperingatkan():
    laporan = Laporan()
    assert _angka("87.5", ("target.csv", 3, "nilai", laporan)) == Decimal("87.5")
    assert laporan.problems == []
