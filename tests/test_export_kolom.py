"""The exporter's whole-column fast paths agree with the general rules they stand in
for: `desimal` per value for number texts, and a cell-by-cell rendering (csv.writer,
json.dumps, one XML cell per value) for each kind of column `_tulis` lays out."""

from __future__ import annotations

import random
import re
import zlib
from decimal import Decimal, InvalidOperation

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rujukan_ekspor import csv_rujukan, json_rujukan

from generator import export
from generator.numbers import desimal

D = Decimal

# ---------------------------------------------------------------- number texts

SPESIAL = [
    D("0"), D("-0"), D("-0.000"), D("0.00"), D("100"), D("1E+3"), D("1.20E-7"), D("0E-9"),
    D("12.50"), D("12.500000"), D("-0.004"), D("-0.005"), D("0.125"), D("-0.125"), D("126.725"),
    D("1234567890123456789012345678"), D("1234567890123456789012345678.000"),
    D("12345678901234567890123456789.5"), D("-98765432109876543210987654321"),
    D("1E+40"), D("9.999999999999999999999999999995E+30"), D("106.6666666666666666666666667"),
]

desimal_acak = st.one_of(
    st.sampled_from(SPESIAL),
    st.decimals(allow_nan=False, allow_infinity=False),
    st.decimals(allow_nan=False, allow_infinity=False, places=2),
    st.builds(lambda a, b: D(a) / D(b), st.integers(-10**12, 10**12), st.integers(1, 10**6)),
)
kolom_angka = st.lists(st.one_of(st.none(), desimal_acak), max_size=40)


def _rujukan(values, places):
    return ["" if v is None else desimal(v, places) for v in values]


@settings(max_examples=300, deadline=None)
@given(kolom_angka, st.sampled_from([None, 2]))
def test_kolom_angka_sama_dengan_desimal_per_nilai(values, places):
    texts, jenis = export._angka(values, places)
    assert texts == _rujukan(values, places)
    assert jenis == export._ANGKA  # finite values: machine numbers or empty
    assert all(t == "" or export._is_number(t) for t in texts)


@pytest.mark.parametrize("places", [None, 2])
@pytest.mark.parametrize("khusus", [D("NaN"), D("-NaN"), D("NaN123")])
def test_nan_lewat_jalan_umum(places, khusus):
    values = [D("1.50"), None, khusus, D("2")]
    texts, jenis = export._angka(values, places)
    assert texts == _rujukan(values, places)
    assert jenis == export._CAMPUR


def test_infinity_seperti_desimal():
    values = [D("1.50"), D("-Infinity")]
    assert export._angka(values, None) == (_rujukan(values, None), export._CAMPUR)
    with pytest.raises(InvalidOperation):
        desimal(D("Infinity"))
    with pytest.raises(InvalidOperation):
        export._angka(values, 2)


@pytest.mark.parametrize(
    "text", ["1E+3", "1e+3", "NaN", "sNaN", "-NaN12", "Infinity", "-Infinity"],
)
def test_huruf_desimal_terlihat(text):
    assert export._ada_huruf(["1.5", text, "2"])
    assert not export._ada_huruf(["1.5", "-0.25", "", "300"])


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.none(), desimal_acak,
    st.sampled_from(["BB", "B", "12.50", "-", "=1", "1.2.3", "NaN", "Infinity", "", "ada"]),
), max_size=30), st.randoms())
def test_campur_sama_dengan_per_nilai(values, rnd):
    # Loading shares one object among cells written alike: repeat some objects.
    values = values + [rnd.choice(values) for _ in range(len(values) // 2)] if values else values
    texts, jenis = export._campur(values)
    assert texts == [
        "" if v is None else v if isinstance(v, str) else desimal(v, None) for v in values
    ]
    semua_angka = all(t == "" or export._is_number(t) for t in texts)
    if jenis == export._ANGKA:
        assert semua_angka
    else:
        assert jenis == export._CAMPUR


# ---------------------------------------------------------------- cells laid out


def _xlsx_ref(name, rows):
    def sel(v):
        text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", export.aman_spreadsheet(v))
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        space = ' xml:space="preserve"' if text != text.strip() else ""
        return f'<c t="inlineStr"><is><t{space}>{text}</t></is></c>'

    out = []
    for row in rows:
        cells = []
        for k, v in zip(export.KOLOM[name], row):
            if v == "":
                cells.append("<c/>")
            elif k in export.ANGKA and export._is_number(v):
                cells.append(f"<c><v>{v}</v></c>")
            else:
                cells.append(sel(v))
        out.append("<row>" + "".join(cells) + "</row>")
    return "".join(out).encode("utf-8")


TEKS = [
    "bapenda", "ik-1.2", "Sangat Tinggi", "melebihi target", "a,b", 'kata "kutip"', "=SUM(A1)",
    "+62", "-5", "@x", " spasi", "spasi ", "\tTab", "baris\nbaru", "x<y&z>", "kontrol\x01",
    "Dinas Pendidikan – Kab.", "naïve", "\u00a0nbsp", "", "12.50", "NaN", "\\garis\\",
]
ANGKA = ["", "0", "-0.5", "12.50", "100", "0.00", "123456789012.25"]


def _kolom_acak(name, rnd, n):
    """Columns of the table `name` as _kolom_opd and _campur type them: text columns
    through `_teks` (one value, plain or not), number columns as _ANGKA (machine
    numbers and empty cells) or _CAMPUR (codes among them)."""
    cols = []
    for k in export.KOLOM[name]:
        pilih = rnd.random()
        if k not in export.ANGKA:
            pool = rnd.sample(TEKS, rnd.randint(1, 4)) if pilih < 0.8 else TEKS
            cols.append(export._teks([rnd.choice(pool) for _ in range(n)]))
        elif pilih < 0.6:
            pool = ANGKA[1:] if rnd.random() < 0.5 else ANGKA
            cols.append(([rnd.choice(pool) for _ in range(n)], export._ANGKA))
        else:
            cols.append(([rnd.choice(ANGKA + TEKS) for _ in range(n)], export._CAMPUR))
    return cols


@pytest.mark.parametrize("seed", range(60))
def test_tulis_sama_dengan_render_sel_per_sel(seed):
    rnd = random.Random(seed)
    name = rnd.choice(list(export.KOLOM))
    cols = _kolom_acak(name, rnd, rnd.choice([0, 1, 2, 7, 50]))
    rows = [list(r) for r in zip(*(c for c, _ in cols))]
    assert export._csv_isi(name, cols) == csv_rujukan(name, rows, kepala=False)
    assert export._json_isi(name, cols) == json_rujukan(name, rows, bungkus=False)
    assert export._xlsx_isi(name, cols) == _xlsx_ref(name, rows)


def test_jenis_kolom_teks():
    assert export._teks(["bapenda"] * 3)[1] == export._TETAP
    assert export._teks(["=1"] * 3)[1] == export._TETAP  # written once, through the cache
    assert export._teks(["a", "Sangat Tinggi"])[1] == export._POLOS
    for aneh in ["a,b", '"', "=1", "-5", " a", "a ", "x<y", "a&b", "", "\x01", "\\", "\u00a0a"]:
        assert export._teks(["a", aneh])[1] == export._TEKS, aneh


def test_tulis_tanpa_kolom_sel():
    # Every column one value: no column of cells, every row the same text.
    cols = [(["x", "x", "x"], export._TETAP), (["=1", "=1", "=1"], export._TETAP)]
    assert export._tulis(cols, export._CSV, ["", ",", "\n"]) == "x,'=1\n" * 3
    assert export._tulis(cols, export._JSON, ["{", ", ", "}"], ",\n") == ",\n".join(['{"x", "=1"}'] * 3)


# ---------------------------------------------------------------- CRC shift


@pytest.mark.parametrize("n", [0, 1, 7, 4096, 65537, 1 << 20, 3_000_001])
def test_geser_sama_dengan_crc_dengan_nol(n):
    # CRC-32 is affine: crc(A + n zero bytes) = crc(A)·x^(8n) xor crc(n zero bytes).
    a = b"kinerja"
    nol = bytes(n)
    assert export._kali_mod(export._geser(n), zlib.crc32(a)) ^ zlib.crc32(nol) == zlib.crc32(a + nol)

