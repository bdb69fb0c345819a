"""The number rules of data contract v1 (issue 2, "Numbers") and the formatters.

Accepted: canonical dot decimal; Indonesian decimal comma; several thousands dots
without a comma; a leading `Rp`; a trailing `%`; a trailing unit equal to `satuan`.
A single dot is a decimal point, except in Rupiah columns where a single dot
followed by exactly three digits separates thousands. Anything else is an error.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.numbers import (
    MAKS_DIGIT,
    NumberError,
    angka_polos,
    bulat,
    desimal,
    format_angka,
    format_nilai,
    format_persen,
    format_rupiah,
    inti_angka,
    parse_angka,
)

D = Decimal


# ---------------------------------------------------------------- accepted forms


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # canonical
        ("1234.5", D("1234.5")),
        ("0", D("0")),
        ("87.50", D("87.50")),
        ("3600", D("3600")),
        # a single dot is a decimal point outside Rupiah columns
        ("1.234", D("1.234")),
        ("11.5", D("11.5")),  # S000 L1243
        # Indonesian decimal comma, with or without thousands dots
        ("1.234.567,50", D("1234567.50")),
        ("91,27", D("91.27")),
        ("11,5", D("11.5")),  # S000 L1354: same value as "11.5"
        ("0,25", D("0.25")),
        ("47,07", D("47.07")),  # S001 l.294
        ("19.171.000.000,00", D("19171000000.00")),  # S001 l.723
        # several thousands dots without a comma
        ("3.092.546.200", D("3092546200")),
        ("17.914.888.161", D("17914888161")),  # S001 l.175
        # leading Rp (with or without dot and space) and Indonesian format
        ("Rp. 3.092.546.200,00", D("3092546200.00")),  # S000 L125
        ("Rp 2.822.434.850", D("2822434850")),
        ("Rp3.092.546.200", D("3092546200")),
        ("rp 1.000.000", D("1000000")),
        # trailing percent, with or without a space
        ("91,27%", D("91.27")),
        ("60 %", D("60")),  # S000 L694
        ("100%", D("100")),
        # surrounding whitespace
        ("  12.5  ", D("12.5")),
    ],
)
def test_diterima(text, expected):
    assert parse_angka(text) == expected


def test_rupiah_titik_tunggal_tiga_digit_adalah_ribuan():
    """`Rp 750.000` is 750000 in pagu/realisasi, but 750.0 everywhere else."""
    assert parse_angka("Rp 750.000", rupiah=True) == D("750000")
    assert parse_angka("750.000", rupiah=True) == D("750000")
    assert parse_angka("Rp 750.000") == D("750")
    assert parse_angka("750.000") == D("750.000")


def test_rupiah_titik_tunggal_bukan_tiga_digit_tetap_desimal():
    # Only "a single dot followed by exactly three digits" is a thousands separator.
    assert parse_angka("750.5", rupiah=True) == D("750.5")
    assert parse_angka("750.00", rupiah=True) == D("750.00")
    assert parse_angka("750.0000", rupiah=True) == D("750.0000")


def test_rupiah_bentuk_lain_sama_dengan_biasa():
    assert parse_angka("232.980.102.655,50", rupiah=True) == D("232980102655.50")
    assert parse_angka("25745000", rupiah=True) == D("25745000")  # S001 l.670
    assert parse_angka("Rp. 3.092.546.200,00", rupiah=True) == D("3092546200.00")


@pytest.mark.parametrize(
    ("text", "satuan", "expected"),
    [
        ("4 Unit", "Unit", D("4")),
        ("4 unit", "Unit", D("4")),  # same unit, other case
        ("3600 Dokumen", "Dokumen", D("3600")),  # S001 l.214
        ("10866 Dokumen", "Dokumen", D("10866")),  # S001 l.273
        ("17PD", "PD", D("17")),  # S000 L690
        ("86,5 Nilai", "Nilai", D("86.5")),
        ("4", "Unit", D("4")),  # the unit is optional
        ("91,27%", "%", D("91.27")),
    ],
)
def test_satuan_di_belakang(text, satuan, expected):
    assert parse_angka(text, satuan=satuan) == expected


def test_satuan_lain_ditolak():
    with pytest.raises(NumberError):
        parse_angka("4 Dokumen", satuan="Unit")
    with pytest.raises(NumberError):
        parse_angka("4 Unit")  # no satuan given: a unit is not part of a number
    with pytest.raises(NumberError):
        parse_angka("Unit", satuan="Unit")  # the unit alone is not a number


def test_negatif_diterima_untuk_nilai_indikator():
    # Not listed in the contract, but growth indicators can be negative; the loader
    # rejects negative Rupiah separately ("jumlah rupiah tidak boleh negatif").
    assert parse_angka("-3,83") == D("-3.83")
    assert parse_angka("-2.5") == D("-2.5")


# ---------------------------------------------------------------- rejected forms


@pytest.mark.parametrize(
    "text",
    [
        "56.642.0000",  # S000 L812: malformed, must not become 566420000
        "1,234,567.50",  # English thousands commas
        "5,492,477,530.00",  # S000 L1160, English money
        "12a",
        "",
        "   ",
        "-",  # the documents' dash is not a number
        "1 234",
        ".5",
        "5.",
        "1.23,5",
        "1234.567,5",  # thousands groups must be exact
        "1.2345.678",
        "Rp",
        "%",
        "1e5",
        "NaN",
        "Infinity",
        "86 (Baik)",  # S004 L85: number with its label
        "5.000.000,00 5.000.000,00",  # S001 l.739: duplicated value in one cell
        "+5",
        "12,5,0",
    ],
)
def test_ditolak(text):
    with pytest.raises(NumberError) as err:
        parse_angka(text)
    message = str(err.value)
    # Indonesian message that quotes the offending text.
    assert "bukan angka yang sah" in message
    assert f"'{text.strip()}'" in message


def test_ditolak_juga_di_kolom_rupiah():
    for text in ("56.642.0000", "1,234,567.50", "12a", ""):
        with pytest.raises(NumberError):
            parse_angka(text, rupiah=True)


def test_number_error_adalah_value_error():
    # The loader catches NumberError; callers that only know ValueError still work.
    assert issubclass(NumberError, ValueError)


# ---------------------------------------------------------------- rounding


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("126.725", 2, "126.73"),  # ROUND_HALF_UP; banker's would give 126.72
        ("0.125", 2, "0.13"),
        ("0.135", 2, "0.14"),
        ("2.5", 0, "3"),  # banker's would give 2
        ("3.5", 0, "4"),
        ("-2.5", 0, "-3"),  # half away from zero, as Excel
        ("99.5655", 2, "99.57"),
        ("99.9969", 2, "100.00"),
        ("90.995", 2, "91.00"),
        ("90.994", 2, "90.99"),
    ],
)
def test_bulat_half_up(value, places, expected):
    assert str(bulat(D(value), places)) == expected


def test_bulat_bawaan_dua_desimal():
    assert bulat(D("91.26573")) == D("91.27")
    assert str(bulat(D("100"))) == "100.00"


# ---------------------------------------------------------------- formatters


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("1234.5", 2, "1.234,50"),
        ("87.5", 2, "87,50"),
        ("-3.83", 2, "-3,83"),
        ("0", 2, "0,00"),
        ("-0.001", 2, "0,00"),  # no "-0,00"
        ("1234567.891", 2, "1.234.567,89"),
        ("126.725", 2, "126,73"),
        ("1234.5", 0, "1.235"),
        ("999.995", 2, "1.000,00"),
        ("100", 1, "100,0"),
    ],
)
def test_format_angka(value, places, expected):
    assert format_angka(D(value), places) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("91.26573", "91,27%"),
        ("100", "100,00%"),
        ("140.57", "140,57%"),
        ("-3.8292", "-3,83%"),
        ("99.9969", "100,00%"),
        ("1234.5", "1.234,50%"),
    ],
)
def test_format_persen(value, expected):
    assert format_persen(D(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2822434850", "Rp 2.822.434.850"),
        ("2822434850.00", "Rp 2.822.434.850"),  # a zero fraction is not shown
        ("232980102655.50", "Rp 232.980.102.655,50"),
        ("232980102655.5", "Rp 232.980.102.655,50"),
        ("0", "Rp 0"),
        ("999", "Rp 999"),
        ("1000", "Rp 1.000"),
        ("5000000.25", "Rp 5.000.000,25"),
    ],
)
def test_format_rupiah(value, expected):
    assert format_rupiah(D(value)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("87.50", "87,5"),  # trailing zeros dropped: as a person writes it
        ("86", "86"),
        ("3600", "3600"),  # four-digit counts stay ungrouped (S001 l.214 "3600")
        ("10866", "10.866"),
        ("0.25", "0,25"),
        ("47.07", "47,07"),
        ("-1234567.5", "-1.234.567,5"),
        ("100.00", "100"),
    ],
)
def test_format_nilai(value, expected):
    assert format_nilai(D(value)) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        ("91.26573", 2, "91.27"),
        ("100", 2, "100.00"),
        ("-3.8292", 2, "-3.83"),
        ("126.725", 2, "126.73"),
        ("3600", None, "3600"),  # exact, no exponent
        ("17914888161", None, "17914888161"),
        ("87.50", None, "87.5"),
        ("232980102655.50", None, "232980102655.5"),
        ("0.000", None, "0"),
    ],
)
def test_desimal(value, places, expected):
    assert desimal(D(value), places) == expected


def test_desimal_kosong_untuk_none():
    assert desimal(None) == ""
    assert desimal(None, None) == ""


def test_parse_lalu_format_bolak_balik():
    # What a person types in Indonesian form comes back in the same form.
    for text in ("1.234.567,5", "91,27", "87,5", "3600", "0,25"):
        assert format_nilai(parse_angka(text)) == text


def test_desimal_tanpa_nol_negatif():
    assert desimal(D("-0.001")) == "0.00"
    assert desimal(D("-0.004"), 2) == "0.00"


def test_angka_terlalu_panjang_ditolak():
    # 29 digits would overflow Decimal's 28-digit context in sums and rounding.
    with pytest.raises(NumberError, match="terlalu panjang"):
        parse_angka("12345678901234567890123456789")
    assert parse_angka("999999999999999999") == D("999999999999999999")  # 18 digits


def test_bulat_rasio_ekstrem_tidak_galat():
    # target 0,0000000001 against realisasi 10^20 gives a capaian of 10^32 %.
    assert bulat(D("1E32")) == D("100000000000000000000000000000000.00")


# ---------------------------------------------------------------- fast path of the loader


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0", D("0")), ("87.50", D("87.50")), ("-3.83", D("-3.83")), ("00012", D("12")), ("1234.5", D("1234.5")),
     ("1.5000", D("1.5000")), ("123456789012345678", D("123456789012345678")),
     ("-0", D("0"))],  # as parse_angka: the negation of zero is zero
)
def test_angka_polos(text, expected):
    assert str(angka_polos(text)) == str(expected)


@pytest.mark.parametrize(
    "text",
    # Left to parse_angka: other forms, the ambiguous single dot with three digits,
    # more characters than MAKS_DIGIT, digits other than ASCII.
    ["", "1.500", "-1.500", "750.000", "1,5", "1.234.567", "Rp 5", "5%", " 5", "5 ", "+5", "-", ".5", "5.",
     "1e5", "1" * (MAKS_DIGIT + 1), "１２", "٣"],
)
def test_angka_polos_menyerahkan_yang_lain(text):
    assert angka_polos(text) is None


def test_angka_polos_sama_dengan_parse_angka():
    # Wherever the fast path gives a value, the full parser gives the same one, with
    # or without rupiah and with a unit that does not end in a digit, and the
    # loader's single-dot warning does not apply.
    import random
    import re

    rng = random.Random(4)
    ribuan_tunggal = re.compile(r"^-?[1-9]\d{0,2}\.\d{3}$")
    dicoba = 0
    for _ in range(20000):
        text = "".join(rng.choice("-0123456789..") for _ in range(rng.randint(1, 21)))
        value = angka_polos(text)
        if value is None:
            continue
        dicoba += 1
        for kwargs in ({}, {"rupiah": True}, {"satuan": "Unit"}, {"satuan": "%"}):
            assert str(parse_angka(text, **kwargs)) == str(value), (text, kwargs)
        assert not ribuan_tunggal.match(inti_angka(text))
    assert dicoba > 1000


@given(
    st.decimals(allow_nan=False, allow_infinity=False, min_value=Decimal("-1e40"), max_value=Decimal("1e40"), places=None)
    | st.decimals(allow_nan=False, allow_infinity=False, places=8),
    st.sampled_from([0, 2, 4]),
)
def test_bulat_shortcut_equals_rounding_in_a_wide_context(value, places):
    from decimal import ROUND_HALF_UP, localcontext

    with localcontext() as ctx:
        ctx.prec = 100
        expected = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    assert bulat(value, places) == expected
    assert str(bulat(value, places)) == str(expected)
