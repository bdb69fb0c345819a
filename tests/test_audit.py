"""Audit of printed figures (tercetak.csv) against the engine.

The Biro Organisasi figures are those of S000 (Renja 2021 Biro Organisasi), Tabel 2.1,
checked in ../shared/research/seed_000_004.md §3.1 and golden cases G01, G02, G08–G11.
"""

from __future__ import annotations

import html
from decimal import Decimal
from pathlib import Path

import jinja2
import pytest

from generator import audit
from generator.engine import evaluasi, evaluasi_opd
from generator.errors import Laporan
from generator.load import tampil
from generator.model import (
    SKALA_CAPAIAN_BAWAAN,
    Anggaran,
    Aturan,
    Dataset,
    Elemen,
    Indikator,
    Opd,
    Pemda,
    Realisasi,
    Target,
    Tercetak,
)
from generator.numbers import parse_angka

D = Decimal
TEMPLATES = Path(audit.__file__).parent / "templates"

# (indicator id, name, seed line, target 2020, realisasi 2020, printed %)
TABEL_2_1 = [
    ("l557", "Penyediaan Jasa Administrasi Keuangan", 557, "825", "413", "50"),
    ("l570", "Pemeliharaan rutin/berkala AC/Kipas Angin", 570, "11", "4", "24"),
    ("l587", "Pengelolaan Pelayanan Informasi dan Dokumentasi", 587, "1", "1", "50"),
    ("l602", "Pengendalian Penataan PD Kab/Kota", 602, "14", "9", "65"),
    ("l612", "Monitoring dan Evaluasi Kelembagaan Perangkat Daerah Provinsi Kalbar", 612, "15", "36", "42"),
]


def _biro_organisasi() -> Opd:
    opd = Opd(id="biro-organisasi", nama="Biro Organisasi Setda Provinsi Kalimantan Barat",
              renstra_awal=2019, renstra_akhir=2023)
    opd.elemen = [
        Elemen("p06", "program", "06", "Program Penataan Kelembagaan"),
        Elemen("k01", "kegiatan", "06.01", "Kegiatan tercatat", "p06"),
    ]
    for ind_id, nama, _, target, real, _ in TABEL_2_1:
        opd.indikator.append(Indikator(ind_id, "k01", nama, iku=True))
        opd.target.append(Target(ind_id, 2020, D(target), "renja"))
        opd.realisasi.append(Realisasi(ind_id, 2020, D(real)))
    # Synthetic, not from a seed: a Renstra-only indicator (final target 20 in 2023).
    opd.indikator.append(Indikator("renstra-saja", "k01", "Indikator Renstra"))
    opd.target.append(Target("renstra-saja", 2023, D(20), "renstra"))
    opd.realisasi.append(Realisasi("renstra-saja", 2020, D(15)))
    # S000 L125: budget 2019, pagu Rp 3.092.546.200, realisasi Rp 2.822.434.850 (G01).
    opd.anggaran.append(Anggaran("k01", 2019, D(3092546200), D(2822434850)))
    line = 2
    for ind_id, _, seed_line, _, _, printed in TABEL_2_1:
        opd.tercetak.append(Tercetak("capaian", ind_id, 2020, D(printed), f"S000 Tabel 2.1 L{seed_line}", line))
        line += 1
    opd.tercetak += [
        Tercetak("serapan", "biro-organisasi", 2019, D("91.27"), "S000 L125", 7),
        Tercetak("pagu", "biro-organisasi", 2019, D(3092546200), "S000 L125", 8),
        Tercetak("realisasi_anggaran", "k01", 2019, D(2822434850), "S000 L125", 9),
        Tercetak("rata_rata_capaian", "biro-organisasi", 2020, D("98.14"), "sintetis", 10),
        Tercetak("capaian_renstra", "renstra-saja", 2020, D(75), "sintetis", 11),
        Tercetak("capaian", "renstra-saja", 2020, D(70), "sintetis", 12),
        Tercetak("capaian", "l999", 2020, D(50), "sintetis", 13),
        Tercetak("serapan", "k99", 2019, D(90), "sintetis", 14),
        Tercetak("pagu", "k01", 2021, D(1000), "sintetis", 15),
        Tercetak("rata_rata_capaian", "k01", 2020, D(90), "sintetis", 16),
    ]
    return opd


@pytest.fixture
def baris():
    opd = _biro_organisasi()
    ev = evaluasi_opd(opd, Aturan(), {}, SKALA_CAPAIAN_BAWAAN)
    return {b.line: b for b in audit.baris_audit(opd, ev)}


# ---------------------------------------------------------------- the comparison rule


@pytest.mark.parametrize(
    ("tercetak", "dihitung", "expected"),
    [
        ("50", "50.0606", True),  # G02 L557: printed integer, rounds to 50
        ("50", "50.4999", True),
        ("50", "50.5", False),  # ROUND_HALF_UP → 51
        ("65", "64.2857", False),  # G08 L602: rounds to 64
        ("50.0", "50.06", False),  # printed with one decimal: 50.1 ≠ 50.0
        ("96.25", "96.2537", True),
        ("96.25", "96.2649", True),  # 96.26: within 0.01
        ("96.25", "96.265", False),  # 96.27: 0.02 off
        ("3092546200", "3092546200", True),
        ("17019469070", "17017469070", False),
    ],
)
def test_cocok_compares_at_printed_precision(tercetak, dihitung, expected):
    assert audit.cocok(D(tercetak), D(dihitung)) is expected


def test_printed_precision_comes_from_the_text_as_written():
    assert audit.desimal_tercetak(parse_angka("50%")) == 0
    assert audit.desimal_tercetak(parse_angka("96,20")) == 2
    assert audit.desimal_tercetak(parse_angka("87.5")) == 1
    assert audit.desimal_tercetak(parse_angka("Rp 3.092.546.200", rupiah=True)) == 0
    assert audit.desimal_tercetak(D("1E+3")) == 0


# ---------------------------------------------------------------- rows


def test_tabel_2_1_wrong_percentages_of_biro_organisasi_2020(baris):
    got = {
        b.kunci: (b.tercetak, b.dihitung.quantize(D("0.0001")), b.selisih.quantize(D("0.0001")), b.cocok)
        for b in baris.values()
        if b.besaran == "capaian" and b.kunci.startswith("l") and b.dihitung is not None
    }
    assert got == {
        "l557": (D(50), D("50.0606"), D("0.0606"), True),  # ✓ 413/825 = 50.06, printed 50%
        "l570": (D(24), D("36.3636"), D("12.3636"), False),  # ✗ 4/11 = 36.36, printed 24%
        "l587": (D(50), D("100.0000"), D("50.0000"), False),  # ✗ 1/1 = 100, printed 50%
        "l602": (D(65), D("64.2857"), D("-0.7143"), False),  # ✗ 9/14 = 64.29, printed 65%
        "l612": (D(42), D("240.0000"), D("198.0000"), False),  # ✗ 36/15 = 240, printed 42% (inverted)
    }


def test_row_carries_source_line_name_and_display_forms(baris):
    b = baris[6]
    assert (b.besaran, b.kunci, b.tahun, b.line, b.sumber) == ("capaian", "l612", 2020, 6, "S000 Tabel 2.1 L612")
    assert b.nama == "Monitoring dan Evaluasi Kelembagaan Perangkat Daerah Provinsi Kalbar"
    assert (b.tercetak_teks, b.dihitung_teks, b.selisih_teks, b.status) == ("42", "240,00", "198,00", "berbeda")
    assert b.label == "Capaian (%)"
    assert baris[2].status == "cocok"


def test_budget_rows_opd_total_and_element(baris):
    serapan, pagu, real = baris[7], baris[8], baris[9]
    # G01: 2.822.434.850 / 3.092.546.200 = 91,26573…%, printed 91,27%
    assert serapan.dihitung.quantize(D("0.00001")) == D("91.26573")
    assert (serapan.cocok, serapan.nama) == (True, "Biro Organisasi Setda Provinsi Kalimantan Barat")
    assert (pagu.dihitung, pagu.selisih, pagu.cocok) == (D(3092546200), D(0), True)
    assert (real.dihitung, real.cocok, real.nama) == (D(2822434850), True, "Kegiatan tercatat")
    assert real.dihitung_teks == "2.822.434.850"


def test_rata_rata_and_capaian_renstra(baris):
    rata = baris[10]
    # (41300/825 + 900/14 + 400/11 + 100 + 240) / 5 = 98.141991…, printed 98.14
    assert rata.dihitung.quantize(D("0.000001")) == D("98.141991")
    assert rata.cocok is True
    renstra = baris[11]
    assert (renstra.dihitung, renstra.cocok) == (D(75), True)  # 15 / 20 × 100


def test_figures_that_cannot_be_checked_say_why(baris):
    no_target = baris[12]
    assert (no_target.dihitung, no_target.selisih, no_target.cocok, no_target.kunci_dikenal) == (None, None, False, True)
    assert no_target.status == "tidak dapat diperiksa: target belum ditetapkan"
    assert (no_target.dihitung_teks, no_target.selisih_teks) == ("–", "–")
    assert baris[15].alasan == "tidak ada anggaran tahun 2021"
    assert baris[15].kunci_dikenal is True


def test_unknown_kunci(baris):
    assert [(b.line, b.kunci_dikenal, b.alasan) for b in (baris[13], baris[14], baris[16])] == [
        (13, False, "indikator 'l999' tidak ada di indikator.csv"),
        (14, False, "elemen 'k99' tidak ada di struktur.csv (dan bukan id OPD 'biro-organisasi')"),
        (16, False, "rata_rata_capaian berlaku untuk seluruh OPD: kunci harus id OPD 'biro-organisasi'"),
    ]


def test_filter_by_year():
    opd = _biro_organisasi()
    ev = evaluasi_opd(opd, Aturan(), {}, SKALA_CAPAIAN_BAWAAN)
    assert [b.line for b in audit.baris_audit(opd, ev, tahun=2019)] == [7, 8, 9, 14]


# ---------------------------------------------------------------- kinerja check warnings


def test_peringatan_audit_messages(tmp_path):
    opd = _biro_organisasi()
    dataset = Dataset(Pemda("Pemerintah Provinsi Kalimantan Barat"), {}, [opd, Opd("tanpa-tercetak", "Lain")])
    laporan = Laporan()
    rows = audit.peringatan_audit(dataset, evaluasi(dataset), tmp_path / "data", laporan)
    assert len(rows) == 15
    path = tampil(tmp_path / "data" / "opd" / "biro-organisasi" / "tercetak.csv")
    assert [str(p) for p in laporan.urut()] == [
        f"{path}:3: nilai: peringatan: nilai tercetak 24 berbeda dari hasil hitung 36,36 (selisih 12,36)",
        f"{path}:4: nilai: peringatan: nilai tercetak 50 berbeda dari hasil hitung 100,00 (selisih 50,00)",
        f"{path}:5: nilai: peringatan: nilai tercetak 65 berbeda dari hasil hitung 64,29 (selisih -0,71)",
        f"{path}:6: nilai: peringatan: nilai tercetak 42 berbeda dari hasil hitung 240,00 (selisih 198,00)",
        f"{path}:12: nilai: peringatan: capaian renstra-saja 2020: nilai tercetak 70 tidak dapat diperiksa: "
        "target belum ditetapkan",
        f"{path}:13: kunci: peringatan: capaian l999 2020: indikator 'l999' tidak ada di indikator.csv",
        f"{path}:14: kunci: peringatan: serapan k99 2019: elemen 'k99' tidak ada di struktur.csv "
        "(dan bukan id OPD 'biro-organisasi')",
        f"{path}:15: nilai: peringatan: pagu k01 2021: nilai tercetak 1000 tidak dapat diperiksa: "
        "tidak ada anggaran tahun 2021",
        f"{path}:16: kunci: peringatan: rata_rata_capaian k01 2020: rata_rata_capaian berlaku untuk seluruh OPD: "
        "kunci harus id OPD 'biro-organisasi'",
    ]
    assert not laporan.ada_galat


def test_peringatan_audit_evaluates_an_opd_missing_from_hasil(tmp_path):
    opd = _biro_organisasi()
    dataset = Dataset(Pemda("Pemerintah Provinsi Kalimantan Barat"), {}, [opd])
    laporan = Laporan()
    rows = audit.peringatan_audit(dataset, {}, tmp_path, laporan)
    assert [b.line for b in rows if not b.cocok and b.dihitung is not None] == [3, 4, 5, 6]


def test_peringatan_audit_opd_is_one_step_of_peringatan_audit(tmp_path):
    # Worker processes audit one OPD each; the parent's loop must give the same rows
    # and warnings in the same order.
    opd = _biro_organisasi()
    dataset = Dataset(Pemda("Pemerintah Provinsi Kalimantan Barat"), {}, [opd, Opd("tanpa-tercetak", "Lain")])
    hasil = evaluasi(dataset)
    semua, satu = Laporan(), Laporan()
    rows = audit.peringatan_audit(dataset, hasil, tmp_path, semua)
    per_opd = [
        b for o in sorted(dataset.opd, key=lambda o: o.id)
        for b in audit.peringatan_audit_opd(o, hasil[o.id], tmp_path, satu)
    ]
    assert per_opd == rows
    assert [str(p) for p in satu.problems] == [str(p) for p in semua.problems]
    assert audit.peringatan_audit_opd(dataset.opd[1], hasil["tanpa-tercetak"], tmp_path, Laporan()) == []


# ---------------------------------------------------------------- template


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["teks"] = lambda s: html.escape(str(s)).replace("|", "&#124;").replace("*", "&#42;")
    return env


def test_audit_template_table():
    opd = _biro_organisasi()
    opd.indikator[0] = Indikator("l557", "k01", "Jasa <b>Keuangan</b> | *tebal*", iku=True)
    ev = evaluasi_opd(opd, Aturan(), {}, SKALA_CAPAIAN_BAWAAN)
    out = _env().get_template("audit.md.j2").render(audit=audit.baris_audit(opd, ev, tahun=2020))
    lines = out.splitlines()
    assert lines[0] == "## Pemeriksaan angka"
    header = lines.index("| Besaran | Kunci | Tahun | Tercetak | Dihitung | Selisih | Hasil | Sumber |")
    assert lines[header - 1] == ""  # a blank line before the table, or Markdown reads a paragraph
    assert lines[header + 2 : header + 5] == [
        "| Capaian (%) | Jasa &lt;b&gt;Keuangan&lt;/b&gt; &#124; &#42;tebal&#42; (l557) | 2020 | 50 | 50,06 | 0,06 "
        "| cocok | S000 Tabel 2.1 L557 |",
        "| Capaian (%) | Pemeliharaan rutin/berkala AC/Kipas Angin (l570) | 2020 | 24 | 36,36 | 12,36 "
        "| **berbeda** | S000 Tabel 2.1 L570 |",
        "| Capaian (%) | Pengelolaan Pelayanan Informasi dan Dokumentasi (l587) | 2020 | 50 | 100,00 | 50,00 "
        "| **berbeda** | S000 Tabel 2.1 L587 |",
    ]
    assert "| Capaian (%) | l999 | 2020 | 50 | – | – | tidak dapat diperiksa: indikator &#x27;l999&#x27; " \
        "tidak ada di indikator.csv | sintetis |" in lines
    assert len([ln for ln in lines if ln.startswith("| ") and "(%)" in ln]) == 10


def test_audit_template_empty_and_level():
    env = _env()
    assert env.get_template("audit.md.j2").render(audit=[]) == ""
    opd = _biro_organisasi()
    ev = evaluasi_opd(opd, Aturan(), {}, SKALA_CAPAIAN_BAWAAN)
    out = env.get_template("audit.md.j2").render(audit=audit.baris_audit(opd, ev), tingkat=3)
    assert out.startswith("### Pemeriksaan angka\n\n")
