"""Loader details not covered by the bad-input corpus."""

import csv
import io
from decimal import Decimal

import pytest

from generator import contract as C
from generator import load
from generator.errors import Laporan
from generator.load import _angka, _baca_csv, _target, _target_baris, baca_csv
from generator.model import Band, Elemen, Indikator, Opd, Skala


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
    assert set(load._SPASI_LAIN) == spasi and len(load._SPASI_LAIN) == len(spasi)
    assert set(load._SPASI_ASCII) == {c for c in spasi if c.isascii()}


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
        "indikator\n\na\n",
        "indikator\na\n\n",
        "indikator,tahun,nilai\n,,\na,2024,1\n",
        "indikator,tahun,nilai\na,2024,1\n,,\n",
        "indikator,tahun,nilai\na,2024,1\n,,\nb,2025,2\n",
        "indikator,tahun,nilai\na,2024,1\n,,x\n,,\r\n",
        "indikator,tahun,nilai\na,2024,1\nb,,\n,2025,\n",
        "indikator,tahun,nilai\na,2024,1,\nb,2025\n",
        "indikator,tahun,nilai\r\na,2024,1\r\n,,\r\nb,2025,2\r\n",
        "indikator,tahun,nilai\na,2024,1\xa0\nb,2025,2\n",
        "indikator,tahun,nilai\na,2024,1\u2003x\nb,2025,\u20262\n",
        "indikator,tahun,nilai\na,2024,1\n\"b\",2025,2\n,,\nc,2026,3\n",
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


# ---------------------------------------------------------------- column at a time agrees with row by row

_SEL_ANGKA = [
    "0", "7", "007", "12.5", "-3.5", "-0", "-0.00", "0.50", "1.500", "1.5000", "-1.500", "123456789012345678",
    "1234567890123456789", "-12345678901234567", "12345678901234567.8", "1,5", "87,5", "Rp 5", "Rp 1.500",
    "1.234.567", "", " 1", "1 ", "1e5", "NaN", ".5", "5.", "-", "--1", "+1", "1_000", "\uff11\uff12", "\u0661",
    "12 Unit", "50%", "1.2.3", "a", "1\n2", "3\n", "\n4",
]


@pytest.mark.parametrize("urutan", range(4))
def test_angka_polos_semua_sama_dengan_angka_polos(urutan):
    # The cells are read by one pattern over their joined text; any cell that
    # angka_polos reads must be there with the same value (str: -0 and 0 differ).
    import random

    cells = set(random.Random(urutan).sample(_SEL_ANGKA, k=len(_SEL_ANGKA) - urutan * 5))
    got = load._angka_polos_semua(cells)
    for c in cells:
        expected = load.angka_polos(c)
        assert str(got.get(c)) == str(expected), c
    # Extra entries (the lines of a cell with a line feed) hold right values too.
    assert all(str(v) == str(load.angka_polos(k)) for k, v in got.items())


def test_angka_polos_semua_tanpa_sel_tak_polos():
    cells = {"1", "2.5", "-0", "10"}
    assert {k: str(v) for k, v in load._angka_polos_semua(cells).items()} == {"1": "1", "2.5": "2.5", "-0": "0", "10": "10"}


def _sama_dengan_per_baris(tmp_path, monkeypatch, name: str, text: str, baca):
    """Records and problems of `baca(tabel, laporan)` as the loader runs it, and with
    the column-at-a-time path made to send every row to the full check."""
    path = tmp_path / name
    path.write_text(text)
    spec = {s.nama: s for s in C.BERKAS_OPD}[name]
    _, tabel = _baca_csv(path, spec, Laporan())
    cepat = Laporan()
    records = baca(tabel, cepat)
    with monkeypatch.context() as m:
        # Every row to the full check.
        m.setattr(load, "_rakit", lambda buat, kolom, sel, baris, penuh: [
            r for r in map(penuh, baris, zip(*sel)) if r is not None
        ])
        penuh = Laporan()
        expected = baca(tabel, penuh)
    assert records == expected
    assert cepat.problems == penuh.problems
    return records, penuh.problems


def _ind_dan_skala():
    ind = {
        "persen": Indikator("persen", "s", "n", satuan="Persen"),
        "dua": Indikator("dua", "s", "n", satuan="2"),
        "kat": Indikator("kat", "s", "n", polaritas="kategori", skala="mutu"),
        "tanpa": Indikator("tanpa", "s", "n", polaritas="kategori", skala="hilang"),
    }
    skala = {"mutu": Skala("mutu", (Band("Baik", "B", Decimal(80)), Band("7", "7")))}
    return ind, skala


def test_realisasi_per_kolom_sama_dengan_per_baris(tmp_path, monkeypatch):
    ind, skala = _ind_dan_skala()
    text = (
        "indikator,tahun,periode,nilai,catatan\n"
        "persen,2024,,12,a\npersen,2024,tw1,,kosong\ndua,2024,,12,\nkat,2024,,B,\nkat,2025,,Z,\n"
        "kat,2026,,7,\npersen,2025,,7,\npersen,2026,,1.500,\npersen,2027,tw2,\"87,5\",\ntanpa,2024,,B,\n"
        "tanpa,2025,,,\nhilang,2024,,1,\npersen,1800,,1,\npersen,2028,tahun,1,\npersen,2029,,-0,\n"
    )
    records, problems = _sama_dengan_per_baris(
        tmp_path, monkeypatch, "realisasi.csv", text,
        lambda tabel, lap: load._realisasi(tabel, "realisasi.csv", ind, frozenset(), skala, lap),
    )
    assert [str(r.nilai) for r in records] == ["12", "None", "1", "B", "7", "7", "1.500", "87.5", "B", "None", "0"]
    assert len(problems) == 5


def test_target_per_kolom_sama_dengan_per_baris(tmp_path, monkeypatch):
    ind, skala = _ind_dan_skala()
    text = (
        "indikator,tahun,jenis,periode,nilai\n"
        "persen,2024,,,12\npersen,2024,pk,tw1,-3.5\ndua,2024,,,12\nkat,2024,,,B\nkat,2025,,,Z\n"
        "persen,2025,,,\npersen,2026,renja,tahunan,Rp 5\npersen,2027,rkpd,,1\n"
    )
    records, problems = _sama_dengan_per_baris(
        tmp_path, monkeypatch, "target.csv", text,
        lambda tabel, lap: load._target(tabel, "target.csv", ind, frozenset(), skala, lap),
    )
    assert [str(r.nilai) for r in records] == ["12", "-3.5", "1", "B", "5"]
    assert len(problems) == 3


def test_anggaran_per_kolom_sama_dengan_per_baris(tmp_path, monkeypatch):
    opd = Opd("x", "x", elemen=[Elemen("a", "subkegiatan", "", "a"), Elemen("b", "subkegiatan", "", "b")])
    text = (
        "elemen,tahun,pagu,realisasi,sumber_dana\n"
        "a,2024,100,90,PAD\na,2024,100,,DAU\nb,2024,100,150,\nb,2025,-5,1,\nb,2026,5,-1,\n"
        "a,2025,Rp 1.500,1500,\na,2026,\"1.000,50\",\"1.000,25\",\nc,2024,1,1,\nd,2024,1,1,\n"
        "a,2027,,1,\na,2028,0,0,\nb,2027,-0,,\na,20x,1,1,\na,2029,1.500,1.500,\n"
    )
    records, problems = _sama_dengan_per_baris(
        tmp_path, monkeypatch, "anggaran.csv", text,
        lambda tabel, lap: load._anggaran(tabel, "anggaran.csv", opd, {"d"}, lap),
    )
    assert [(str(r.pagu), str(r.realisasi)) for r in records] == [
        ("100", "90"), ("100", "None"), ("100", "150"), ("1500", "1500"), ("1000.50", "1000.25"), ("0", "0"),
        ("0", "None"), ("1500", "1500"),
    ]
    assert [p.level for p in problems].count("peringatan") == 1


def test_berkas_tanpa_masalah_per_kolom_sama_dengan_per_baris(tmp_path, monkeypatch):
    # Every cell valid as it stands: the columns are read once, nothing marked.
    ind, skala = _ind_dan_skala()
    opd = Opd("x", "x", elemen=[Elemen("a", "subkegiatan", "", "a")])
    target = "indikator,tahun,jenis,periode,nilai\npersen,2024,,,12\npersen,2024,pk,tw1,-0\nkat,2024,renja,,B\n"
    realisasi = "indikator,tahun,periode,nilai,catatan\npersen,2024,,,x\nkat,2024,tw1,7,\npersen,2025,,-3.5,\n"
    anggaran = "elemen,tahun,pagu,realisasi,sumber_dana\na,2024,100,100,PAD\na,2024,5,,\na,2025,0.5,0.25,\n"
    for name, text, baca in (
        ("target.csv", target, lambda t, lap: load._target(t, "target.csv", ind, frozenset(), skala, lap)),
        ("realisasi.csv", realisasi, lambda t, lap: load._realisasi(t, "realisasi.csv", ind, frozenset(), skala, lap)),
        ("anggaran.csv", anggaran, lambda t, lap: load._anggaran(t, "anggaran.csv", opd, set(), lap)),
    ):
        records, problems = _sama_dengan_per_baris(tmp_path, monkeypatch, name, text, baca)
        assert len(records) == 3 and problems == []


@pytest.mark.parametrize("rusak", [False, True])
def test_struktur_dan_indikator_sekaligus_sama_dengan_per_baris(tmp_path, monkeypatch, rusak):
    # A file without any problem is made at once; forced row by row, the same.
    struktur = "id,jenis,kode,nama,induk\nt,tujuan,1,T,\ns,sasaran,1.1,S,t\n" + ("x,bukan,,X,\n" if rusak else "")
    indikator = (
        "id,elemen,nama,satuan,polaritas,sifat,iku,skala,formula,sumber_data,penanggung_jawab\n"
        "i1,s,Satu,Persen,,,,,f,sd,pj\ni2,s,Dua,,negatif,kumulatif,ya,,,,\ni3,t,Tiga,,kategori,,tidak,mutu,,,\n"
        + ("i4,s,Empat,,kategori,kumulatif,,,,,\n" if rusak else "")
    )
    skala = {"mutu": Skala("mutu", (Band("Baik", "B", Decimal(80)), Band("Kurang", "K")))}

    def baca():
        hasil = []
        for name, text in (("struktur.csv", struktur), ("indikator.csv", indikator)):
            path = tmp_path / name
            path.write_text(text)
            hasil.append(_baca_csv(path, {s.nama: s for s in C.BERKAS_OPD}[name], Laporan())[1])
        laporan = Laporan()
        opd = Opd("x", "x")
        opd.elemen, ditolak = load._elemen(hasil[0], "struktur.csv", laporan)
        opd.indikator = load._indikator(hasil[1], "indikator.csv", opd, ditolak, skala, frozenset(), laporan)
        return opd.elemen, ditolak, opd.indikator, laporan.problems

    sekaligus = baca()
    monkeypatch.setattr(load, "_id_sah", lambda cells: False)
    assert baca() == sekaligus
    assert len(sekaligus[0]) == 2 and len(sekaligus[2]) == 3 + rusak
    assert bool(sekaligus[3]) == rusak


@pytest.mark.parametrize(
    "text",
    [
        "nama: A\nkode: 1.10\n",
        "nama: &x A\nkode: *x\n",
        "nama: !!str A\n",
        "nama: A\n---\nnama: *x\n",
        "nama: A\n---\nnama: B\n",
        "nama: [A\n",
        "nama: A\nnama: B\n",
        "- a\n- b\n",
        "",
        "nama: A\nkode: !!binary eA==\n",
        "nama: 2024-13-45\n",
        "nama: A\n\x07\n",
        "a: " + "[" * 2000 + "]" * 2000 + "\n",
    ],
)
def test_yaml_sekali_jalan_sama_dengan_diperiksa_dulu(tmp_path, monkeypatch, text):
    # The usual file is checked and read in one pass; anything else is read again
    # the long way, whose messages (or exception) are the ones given.
    path = tmp_path / "opd.yaml"
    path.write_text(text)

    def baca():
        laporan = Laporan()
        try:
            got = load.baca_yaml(path, laporan)
        except Exception as exc:  # the same exception either way
            got = type(exc)
        return got, laporan.problems

    sekali = baca()

    class Gagal(load._Loader):
        def __init__(self, text):
            raise load._Ditolak

    monkeypatch.setattr(load, "_LoaderSekali", Gagal)
    assert baca() == sekali
