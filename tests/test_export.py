"""Machine-readable exports (issue 2, "Export columns"): exact headers, dot decimals,
empty cells where not computable, JSON typing, spreadsheet safety, stable XLSX."""

from __future__ import annotations

import csv
import io
import json
import pickle
import random
import re
import time
import zipfile
import zlib
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from rujukan_ekspor import csv_rujukan, json_rujukan

from generator import export, validate
from generator.engine import evaluasi, evaluasi_opd
from generator.model import (
    SKALA_CAPAIAN_BAWAAN,
    Anggaran,
    Aturan,
    Band,
    Elemen,
    Indikator,
    Opd,
    Realisasi,
    Skala,
    Target,
)

D = Decimal

# The column lists exactly as written in the contract text.
KONTRAK = {
    "capaian": "opd,indikator,tahun,periode,jenis_target,target,realisasi,capaian,predikat,kategori,"
    "capaian_renstra,pertumbuhan",
    "anggaran": "opd,elemen,jenis,tahun,pagu,realisasi,serapan,sisa",
    "ringkasan": "opd,tahun,jumlah_indikator,rata_rata_capaian,predikat,melebihi,memenuhi,belum,serapan",
    "efisiensi": "opd,sasaran,tahun,capaian,serapan,efisiensi",
}

RB = Skala("rb", (Band("BB", "BB", D(70)), Band("B", "B", D(60)), Band("C", "C")))


def _opd(indikator_id: str = "ip-asn", label_tinggi: str = "Sangat Tinggi") -> tuple[Opd, Skala]:
    """A small OPD: IP ASN 50.9 (2021) -> 47.07 (2022) against 50 (S001 l.294, l.331),
    a kategori IKU, and a budget with a Rupiah fraction and one unreported row."""
    skala_capaian = Skala(
        "capaian",
        (Band(label_tinggi, label_tinggi, D(91)), *SKALA_CAPAIAN_BAWAAN.bands[1:]),
    )
    opd = Opd(
        id="bkd",
        nama="BKD",
        renstra_awal=2021,
        renstra_akhir=2023,
        elemen=[
            Elemen("s1", "sasaran", "1", "Sasaran"),
            Elemen("p1", "program", "5.03.01", "Program", "s1"),
            Elemen("k1", "kegiatan", "5.03.01.1.01", "Kegiatan", "p1"),
            Elemen("sk1", "subkegiatan", "5.03.01.1.01.01", "Sub 1", "k1"),
            Elemen("sk2", "subkegiatan", "5.03.01.1.01.02", "Sub 2", "k1"),
        ],
        indikator=[
            Indikator(indikator_id, "s1", "Indeks Profesionalitas ASN", iku=True),
            Indikator("rb", "s1", "Indeks RB", polaritas="kategori", skala="rb", iku=True),
        ],
        target=[Target(indikator_id, 2022, D(50)), Target("rb", 2022, "BB")],
        realisasi=[
            Realisasi(indikator_id, 2021, D("50.9")),
            Realisasi(indikator_id, 2022, D("47.07")),
            Realisasi("rb", 2022, "BB"),
        ],
        anggaran=[
            Anggaran("sk1", 2022, D("232980102655.50"), D("212285000000")),
            Anggaran("sk2", 2022, D("1000000"), None),
            Anggaran("sk1", 2021, D("3092546200"), D("2822434850")),
        ],
    )
    return opd, skala_capaian


def _files(indikator_id: str = "ip-asn", label_tinggi: str = "Sangat Tinggi", xlsx: bool = False):
    opd, skala_capaian = _opd(indikator_id, label_tinggi)
    ev = evaluasi_opd(opd, Aturan(), {"rb": RB}, skala_capaian)
    return export.berkas_ekspor([ev], "unduh/", xlsx=xlsx)


def _csv(files, name) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(files[f"unduh/{name}.csv"].decode("utf-8"))))


# ---------------------------------------------------------------- headers and files


@pytest.mark.parametrize("name", sorted(KONTRAK))
def test_header_sesuai_kontrak(name):
    assert ",".join(export.KOLOM[name]) == KONTRAK[name]
    first = _files()[f"unduh/{name}.csv"].decode("utf-8").splitlines()[0]
    assert first == KONTRAK[name]


def test_nama_berkas():
    assert sorted(_files()) == [f"unduh/{n}.{e}" for n in sorted(KONTRAK) for e in ("csv", "json")]
    assert sorted(_files(xlsx=True)) == [
        f"unduh/{n}.{e}" for n in sorted(KONTRAK) for e in ("csv", "json", "xlsx")
    ]


def test_tabel_kosong_tetap_punya_header():
    files = export.berkas_ekspor([], "x/")
    assert files["x/capaian.csv"] == (KONTRAK["capaian"] + "\n").encode()
    assert files["x/capaian.json"] == b"[]\n"


# ---------------------------------------------------------------- CSV values


def test_desimal_titik_tanpa_pemisah_ribuan():
    rows = {(r["tahun"], r["elemen"]): r for r in _csv(_files(), "anggaran")}
    sk1 = rows[("2022", "sk1")]
    # 212285000000 / 232980102655.5 * 100 = 91.1172... -> 91.12; sisa 20695102655.5
    assert sk1["pagu"] == "232980102655.5"
    assert sk1["realisasi"] == "212285000000"
    assert sk1["serapan"] == "91.12"
    assert sk1["sisa"] == "20695102655.5"
    # S000 L125: 2822434850 / 3092546200 = 91.26573% -> 91.27
    assert rows[("2021", "bkd")]["serapan"] == "91.27"
    assert rows[("2021", "bkd")]["sisa"] == "270111350"
    for r in rows.values():
        for col in ("pagu", "realisasi", "serapan", "sisa"):
            assert "," not in r[col]


def test_sel_kosong_bila_tidak_dapat_dihitung():
    rows = {(r["tahun"], r["elemen"]): r for r in _csv(_files(), "anggaran")}
    # sk2 has no realisasi, so k1 and everything above it neither
    for el in ("sk2", "k1", "p1", "s1", "bkd"):
        r = rows[("2022", el)]
        assert (r["realisasi"], r["serapan"], r["sisa"]) == ("", "", ""), el
    cap = {(r["indikator"], r["tahun"]): r for r in _csv(_files(), "capaian")}
    r2021 = cap[("ip-asn", "2021")]
    # no 2021 target: capaian, predikat, kategori and pertumbuhan (no 2020) are empty
    assert r2021["target"] == "" and r2021["jenis_target"] == ""
    assert (r2021["capaian"], r2021["predikat"], r2021["kategori"], r2021["pertumbuhan"]) == ("", "", "", "")
    cells = {v for row in _csv(_files(), "capaian") for v in row.values()}
    assert not cells & {"None", "nan", "NaN", "null"}


def test_nilai_capaian_dibulatkan_dua_desimal():
    cap = {(r["indikator"], r["tahun"]): r for r in _csv(_files(), "capaian")}
    r = cap[("ip-asn", "2022")]
    assert (r["target"], r["realisasi"], r["capaian"]) == ("50", "47.07", "94.14")
    # (47.07 / 50.9 - 1) * 100 = -7.5246 -> -7.52; renstra: no 2023 renstra target
    assert r["pertumbuhan"] == "-7.52"
    assert r["capaian_renstra"] == ""
    rb = cap[("rb", "2022")]
    assert (rb["target"], rb["realisasi"], rb["capaian"], rb["pertumbuhan"]) == ("BB", "BB", "100.00", "")


# ---------------------------------------------------------------- JSON


def test_json_tipe():
    files = _files()
    cap = json.loads(files["unduh/capaian.json"])
    by = {(r["indikator"], r["tahun"]): r for r in cap}
    r = by[("ip-asn", 2022)]
    assert isinstance(r["tahun"], int)
    assert r["target"] == 50 and isinstance(r["target"], int)
    assert r["realisasi"] == 47.07
    assert r["pertumbuhan"] == -7.52
    assert r["capaian_renstra"] is None
    assert r["opd"] == "bkd" and r["periode"] == "tahunan" and r["jenis_target"] == "renja"
    assert by[("rb", 2022)]["target"] == "BB"
    assert by[("ip-asn", 2021)]["predikat"] is None
    ring = json.loads(files["unduh/ringkasan.json"])
    assert [(x["tahun"], x["jumlah_indikator"], x["rata_rata_capaian"]) for x in ring] == [
        (2021, 1, None),
        (2022, 2, 97.07),  # (94.14 + 100) / 2
    ]
    assert ring[1]["serapan"] is None
    assert isinstance(ring[1]["melebihi"], int)


def test_json_angka_ditulis_persis():
    # Numbers are written with the same text as the CSV cell (no float round trip).
    text = _files()["unduh/anggaran.json"].decode()
    assert '"pagu": 232980102655.5' in text
    assert '"serapan": 91.27' in text
    assert '"serapan": 100.00' not in text  # nothing absorbs 100% here
    parsed = json.loads(text, parse_float=Decimal)
    assert parsed[0]["serapan"] == Decimal("91.27")
    assert str(parsed[0]["serapan"]) == "91.27"


# ---------------------------------------------------------------- spreadsheet safety


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+62 811", "'+62 811"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("Sangat Tinggi", "Sangat Tinggi"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_aman_spreadsheet(text, expected):
    assert export.aman_spreadsheet(text) == expected


def test_csv_menetralkan_teks_bukan_angka():
    files = _files(indikator_id='=HYPERLINK("http://x","klik")', label_tinggi="@Tinggi")
    rows = _csv(files, "capaian")
    ids = {r["indikator"] for r in rows}
    assert "'=HYPERLINK(\"http://x\",\"klik\")" in ids
    assert "'@Tinggi" in {r["predikat"] for r in rows}
    # numbers are never touched: a negative growth stays a number
    growth = [r["pertumbuhan"] for r in rows if r["pertumbuhan"]]
    assert growth == ["-7.52"]
    raw = files["unduh/capaian.csv"].decode()
    assert ",-7.52\n" in raw and "'-7.52" not in raw


def test_csv_kode_kategori_tetap_dinetralkan():
    rows = [["x", "i", "2024", "tahunan", "renja", "=A", "-", "", "", "", "", "-3.83"]]
    line = export.csv_bytes("capaian", rows).decode().splitlines()[1]
    assert line == "x,i,2024,tahunan,renja,'=A,'-,,,,,-3.83"


def test_json_teks_apa_adanya_dan_angka_negatif():
    rows = [["x", "=i", "2024", "tahunan", "renja", "1", "-", "", "", "", "", "-3.83"]]
    parsed = json.loads(export.json_bytes("capaian", rows))
    assert parsed[0]["indikator"] == "=i"
    assert parsed[0]["realisasi"] == "-"
    assert parsed[0]["pertumbuhan"] == -3.83


# ---------------------------------------------------------------- XLSX


def _sheet(data: bytes):
    wb = openpyxl.load_workbook(io.BytesIO(data))
    return wb.active


def test_xlsx_terbaca_dengan_tipe():
    files = _files(indikator_id="=cmd", xlsx=True)
    ws = _sheet(files["unduh/capaian.xlsx"])
    assert ws.title == "capaian"
    rows = list(ws.iter_rows(values_only=True))
    assert list(rows[0]) == KONTRAK["capaian"].split(",")
    by = {(r[1], r[2]): r for r in rows[1:]}
    r = by[("'=cmd", 2022)]
    assert r[0] == "bkd"
    assert r[2] == 2022 and isinstance(r[2], int)
    assert r[5] == 50 and r[6] == pytest.approx(47.07)
    assert r[7] == pytest.approx(94.14)
    assert r[11] == pytest.approx(-7.52) and isinstance(r[11], float)  # a number, not "'-7.52"
    assert r[10] is None  # empty cell, not ""
    assert by[("rb", 2022)][5] == "BB"
    ang = list(_sheet(files["unduh/anggaran.xlsx"]).iter_rows(values_only=True))
    sk1 = next(x for x in ang[1:] if x[1] == "sk1" and x[3] == 2022)
    assert sk1[4] == pytest.approx(232980102655.5)
    assert sk1[5] == 212285000000 and isinstance(sk1[5], int)


def test_xlsx_identik_antar_render():
    first = _files(xlsx=True)
    time.sleep(2.1)  # past the 2-second resolution of zip timestamps
    second = _files(xlsx=True)
    for name in KONTRAK:
        assert first[f"unduh/{name}.xlsx"] == second[f"unduh/{name}.xlsx"], name
        assert first[f"unduh/{name}.csv"] == second[f"unduh/{name}.csv"]
        assert first[f"unduh/{name}.json"] == second[f"unduh/{name}.json"]


# ---------------------------------------------------------------- category codes that look like numbers


def _strict_json(data: bytes):
    def refuse(name):
        raise ValueError(f"not JSON: {name}")

    return json.loads(data, parse_constant=refuse)


@pytest.mark.parametrize("kode", ["NaN", "Infinity"])
def test_kode_kategori_mirip_angka_tetap_teks(kode):
    # A kategori scale may use any code (contract: `kode` defaults to the label); the
    # exports must keep it text and never crash.
    rows = [["x", "i", "2024", "tahunan", "renja", kode, kode, "100.00", "Baik", "memenuhi target", "", ""]]
    parsed = _strict_json(export.json_bytes("capaian", rows))
    assert parsed[0]["target"] == kode
    ws = _sheet(export.xlsx_bytes("capaian", rows))
    assert ws.cell(row=2, column=6).value == kode


# ---------------------------------------------------------------- per-OPD split
#
# The reference below renders rows cell by cell the way the exporter did before it
# worked on whole columns (csv.writer per row, one JSON object per line, one XML cell
# per value): the fast rendering must give the same bytes, and the same sheet XML.

ROOT = Path(__file__).resolve().parent.parent


def _ref_sel(v):
    text = re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]", "", export.aman_spreadsheet(v))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _ref_sheet(name, rows):
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
        "<row>" + "".join(_ref_sel(k) for k in export.KOLOM[name]) + "</row>",
    ]
    for row in rows:
        cells = []
        for k, v in zip(export.KOLOM[name], row):
            if v == "":
                cells.append("<c/>")
            elif k in export.ANGKA and export._is_number(v):
                cells.append(f"<c><v>{v}</v></c>")
            else:
                cells.append(_ref_sel(v))
        out.append("<row>" + "".join(cells) + "</row>")
    out.append("</sheetData></worksheet>")
    return "".join(out).encode("utf-8")


def _bagian_xlsx(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        assert z.testzip() is None  # every CRC-32 right
        return {i.filename: z.read(i) for i in z.infolist()}


def _periksa_berkas(files, prefix, tables):
    for name, rows in tables.items():
        assert files[f"{prefix}{name}.csv"] == csv_rujukan(name, rows), (prefix, name)
        assert files[f"{prefix}{name}.json"] == json_rujukan(name, rows), (prefix, name)
        parts = _bagian_xlsx(files[f"{prefix}{name}.xlsx"])
        assert list(parts) == [
            "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
            "xl/styles.xml", "xl/worksheets/sheet1.xml",
        ]
        assert parts["xl/worksheets/sheet1.xml"] == _ref_sheet(name, rows), (prefix, name)
        assert f'<sheet name="{name}"'.encode() in parts["xl/workbook.xml"]


@pytest.mark.parametrize("data", ["data", "tests/fixtures/kota-lain"])
def test_bagian_opd_dan_gabung_pemda_sama_dengan_render_sel_per_sel(data):
    dataset, laporan = validate.periksa(ROOT / data)
    assert not laporan.ada_galat
    hasil = evaluasi(dataset)
    semua = export.berkas_ekspor_semua(hasil)

    # The composition the parallel pipeline uses gives the same files.
    files, fragmen = {}, []
    for ev in hasil.values():
        own, frag = export.bagian_opd(ev)
        assert all(p.startswith(f"unduh/{ev.opd}/") for p in own)
        files.update(own)
        fragmen.append(pickle.loads(pickle.dumps(frag)))  # as sent back by a worker
    files.update(export.gabung_pemda(fragmen))
    assert files == semua
    assert export.berkas_ekspor(list(hasil.values()), "unduh/", xlsx=True) == {
        p: b for p, b in semua.items() if p.count("/") == 1
    }

    _periksa_berkas(semua, "unduh/", export.tabel(list(hasil.values())))
    for ev in hasil.values():
        _periksa_berkas(semua, f"unduh/{ev.opd}/", export.tabel([ev]))


def _hanya_teks(obj) -> bool:
    if isinstance(obj, dict):
        return all(isinstance(k, str) and _hanya_teks(v) for k, v in obj.items())
    if isinstance(obj, (tuple, list)):
        return all(_hanya_teks(v) for v in obj)
    return obj is None or isinstance(obj, (str, bytes, int))


def test_fragmen_kecil_tanpa_decimal():
    opd, skala_capaian = _opd()
    ev = evaluasi_opd(opd, Aturan(), {"rb": RB}, skala_capaian)
    files, fragmen = export.bagian_opd(ev, xlsx=False)
    assert _hanya_teks(fragmen)
    assert not any(p.endswith(".xlsx") for p in files)
    assert not any(p.endswith(".xlsx") for p in export.gabung_pemda([fragmen], xlsx=False))


def test_gabung_pemda_tanpa_opd():
    files = export.gabung_pemda([])
    for name in KONTRAK:
        assert files[f"unduh/{name}.csv"] == (KONTRAK[name] + "\n").encode()
        assert files[f"unduh/{name}.json"] == b"[]\n"
        assert list(_sheet(files[f"unduh/{name}.xlsx"]).iter_rows(values_only=True)) == [
            tuple(KONTRAK[name].split(","))
        ]


@pytest.mark.parametrize("sizes", [[0], [1], [5, 0, 7], [1000, 1, 65536, 3]])
def test_crc_gabungan_sama_dengan_crc_seluruh(sizes):
    rnd = random.Random(sum(sizes))
    pieces = [bytes(rnd.randrange(256) for _ in range(n)) for n in sizes]
    crc = 0
    for p in pieces:
        crc = export._crc_sambung(crc, export._potong(p))
    assert crc == zlib.crc32(b"".join(pieces))
