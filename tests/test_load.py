"""Loader details not covered by the bad-input corpus."""

import csv
import io
from decimal import Decimal

import pytest

from generator import contract as C
from generator import load
from generator.errors import Laporan
from generator.load import _angka, _baca_csv, _target, _target_baris, baca_csv
from generator.model import Band, Indikator, Skala


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


# ---------------------------------------------------------------- fast paths agree with the full reading


def _baca(tmp_path, name: str, text: str, spec):
    path = tmp_path / name / spec.nama
    path.parent.mkdir()
    path.write_bytes(text.encode())
    laporan = Laporan()
    rows = baca_csv(path, spec, laporan)
    rows = None if rows is None else [(line, {c: row.get(c, "") for c in spec.kolom}) for line, row in rows]
    return rows, [(p.line, p.column, p.message, p.level) for p in laporan.problems]


@pytest.mark.parametrize("eol", ["\n", "\r\n"])
def test_baris_tanpa_kutip_dibaca_sama_dengan_csv(tmp_path, eol):
    # Lines without a quote are split directly, quoted ones by csv: a file written
    # with every cell quoted must read exactly the same, line numbers included.
    table = [
        ["indikator", "tahun", "periode", "nilai", "catatan"],
        ["a", "2024", "tw1", "1,5", " spasi "],
        [],
        ["b", "2024", "", "7", "dua\nbaris"],
        ["c", "2025"],
        ["d", "2025", "tahunan", "8", "x", "lebih"],
        ["", "", "", "", ""],
        ["e", "2026", "tahunan", "9.5", "akhir"],
    ]
    texts = {}
    for quoting in (csv.QUOTE_MINIMAL, csv.QUOTE_ALL):
        buf = io.StringIO()
        csv.writer(buf, quoting=quoting, lineterminator=eol).writerows(table)
        texts[quoting] = buf.getvalue()
    assert texts[csv.QUOTE_MINIMAL].count('"') < texts[csv.QUOTE_ALL].count('"')
    minimal = _baca(tmp_path, "minimal", texts[csv.QUOTE_MINIMAL], C.REALISASI)
    semua = _baca(tmp_path, "semua", texts[csv.QUOTE_ALL], C.REALISASI)
    assert minimal == semua
    rows, problems = minimal
    assert [line for line, _ in rows] == [2, 4, 6, 9]
    assert rows[1][1]["catatan"] == "dua\nbaris"
    assert [p[0] for p in problems] == [7]


def test_spasi_lain_adalah_yang_dibuang_strip():
    spasi = {c for c in map(chr, range(0x110000)) if c.isspace()} - {" ", "\n"}
    assert {c for c in spasi if load._SPASI_LAIN.fullmatch(c)} == spasi
    assert not any(load._SPASI_LAIN.fullmatch(chr(i)) for i in range(0x3100) if not chr(i).isspace())


@pytest.mark.parametrize(
    "text",
    [
        "indikator,tahun,nilai\na,2024,1\nb,2025,2\n",
        "indikator,tahun,nilai\r\na,2024,1\r\nb,2025,2",
        "\n\n,,\nindikator,tahun,nilai\na,2024,1\n\n,,\nb,2025\nc,2025,3,4\n\n",
        "indikator;tahun;nilai\na;2024; 1\nb ;2025;2\t\n",
        "indikator,tahun,nilai\na,2024,1\u00a0\nb,2025,\u20282\n",
        "indikator,tahun,nilai\na,2024,1\rb,2025,2\r\n",
        "indikator,tahun,nilai\n",
        "indikator,tahun,nilai\n,,\n\n",
        "indikator,tahun\na,2024\n",
        "indikator\na\n\nb\n",
        " indikator,tahun,nilai\na,2024,1\nb,2025,2 ",
        "indikator,tahun,nilai\na,2024,1 \n b,2025,2\n",
        "indikator,tahun,nilai\na,2024,1\x1f\nb,2025,\u30002\n",
        'indikator,tahun,nilai\na,2024,"1,5"\nb,2025,"x\ny"\nc,2025,3\n"d",2026,4\n',
        'indikator,tahun,nilai\r\na,2024,"1\r\n5"\r\nb,"2025",2\r\n',
        '"indikator","tah\nun",nilai\na,2024,1\n',
        'indikator,tahun,nilai\na,2024,"1\nb,2025,2\nc,2025,3\n',
        'indikator,tahun,nilai\na,2024,"1""2"\n,"",\n"",,\nb,2025,"2",3\n',
        'indikator,tahun,nilai\na,2024,"1"x,y\nb,2025,2',
        'indikator,tahun,nilai\na,2024,"' + "x" * (C.BATAS_SEL - 10) + '\n' + "y" * 20 + '"\n',
    ],
)
def test_berkas_tanpa_kutip_sekaligus_sama_dengan_per_baris(tmp_path, text, monkeypatch):
    # A quote-free file is split whole; reading it line by line must give the same.
    sekaligus = _baca(tmp_path, "sekaligus", text, C.TARGET)
    monkeypatch.setattr(load, "_baris_cepat", lambda text, batas: None)
    assert _baca(tmp_path, "per_baris", text, C.TARGET) == sekaligus


def test_sel_terlalu_panjang_tanpa_kutip_seperti_dengan_kutip(tmp_path):
    panjang = "x" * (C.BATAS_SEL + 1)
    polos = _baca(tmp_path, "polos", f"indikator,tahun,nilai\na,2024,1\nb,2024,{panjang}\n", C.TARGET)
    kutip = _baca(tmp_path, "kutip", f'indikator,tahun,nilai\na,2024,1\nb,2024,"{panjang}"\n', C.TARGET)
    assert polos == kutip == (None, [(3, "-", 'sel lebih panjang dari 128 KB; periksa tanda kutip (") yang tidak ditutup', "galat")])


def test_nilai_cepat_sama_dengan_pemeriksaan_penuh(tmp_path):
    # A unit that ends in a digit could be the end of the number itself, so such
    # values go through the full parser (`12` with unit `2` is 1).
    ind = {
        "persen": Indikator("persen", "s", "n", satuan="Persen"),
        "dua": Indikator("dua", "s", "n", satuan="2"),
        "kat": Indikator("kat", "s", "n", polaritas="kategori", skala="mutu"),
    }
    skala = {"mutu": Skala("mutu", (Band("Baik", "B", Decimal(80)), Band("Kurang", "K")))}
    text = (
        "indikator,tahun,jenis,periode,nilai\n"
        "persen,2024,,,12\npersen,2024,pk,tw1,-3.5\ndua,2024,,,12\nkat,2024,,,B\nkat,2025,,,Z\n"
        "persen,2025,,,1.500\npersen,2026,renja,tahunan,Rp 5\n"
    )
    path = tmp_path / "target.csv"
    path.write_text(text)
    _, tabel = _baca_csv(path, C.TARGET, Laporan())
    cepat, penuh = Laporan(), Laporan()
    records = _target(tabel, "target.csv", ind, frozenset(), skala, cepat)
    rows = tabel.baris_sel("indikator", "tahun", "jenis", "periode", "nilai")
    expected = [_target_baris(line, cells, "target.csv", ind, frozenset(), skala, penuh) for line, cells in rows]
    assert records == [t for t in expected if t is not None]
    assert [str(v.nilai) for v in records] == ["12", "-3.5", "1", "B", "1.500", "5"]
    assert cepat.problems == penuh.problems and len(penuh.problems) == 2
