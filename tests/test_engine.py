"""Every engine rule of data contract v1 (issue 2, "The engine"), on plain values.

Expected values are computed by hand in the comments; none is read back from the engine.
"""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from generator import engine
from generator.engine import (
    BELUM,
    MELEBIHI,
    MEMENUHI,
    capaian,
    evaluasi_opd,
    kategori,
    pertumbuhan,
    predikat,
    rata_rata,
    realisasi_tahunan,
    rekap_anggaran,
    serapan,
    target_tahunan,
    untuk_rata_rata,
)
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
BAWAAN = SKALA_CAPAIAN_BAWAAN

# Indeks RB (PermenPANRB 26/2020), best first: AA=7, A=6, BB=5, B=4, CC=3, C=2, D=1.
RB = Skala(
    "rb",
    tuple(
        Band(k, k, D(m) if m is not None else None)
        for k, m in (("AA", 90), ("A", 80), ("BB", 70), ("B", 60), ("CC", 50), ("C", 30), ("D", None))
    ),
)


def approx(value: Decimal | None, expected: str, places: int = 10) -> bool:
    """Equal to `expected` to `places` decimals (for repeating fractions)."""
    assert value is not None
    return abs(value - D(expected)) < D(1).scaleb(-places)


# ---------------------------------------------------------------- capaian: positif


def test_positif_r_per_t():
    assert capaian(D(80), D(60)).nilai == D(75)  # 60/80*100
    assert capaian(D(50), D("47.07")).nilai == D("94.14")  # 47.07/50*100


def test_positif_tidak_dibatasi():
    assert capaian(D(2), D(19)).nilai == D(950)  # S000 L599 prints 950%


def test_positif_target_nol_kosong_dengan_alasan():
    h = capaian(D(0), D(5))
    assert h.nilai is None
    assert h.alasan == engine.ALASAN_TARGET_NOL
    assert h.alasan  # a reason a reader can see
    assert capaian(D(0), D(0)).nilai is None


def test_tanpa_target_atau_realisasi_kosong_dengan_alasan():
    assert capaian(None, D(5)) == engine.Hitung(None, engine.ALASAN_TANPA_TARGET)
    assert capaian(D(5), None) == engine.Hitung(None, engine.ALASAN_TANPA_REALISASI)


def test_realisasi_nol_positif_adalah_nol():
    # An empty realisation is "no data"; a realisation of 0 is a real 0%.
    assert capaian(D(4), D(0)).nilai == D(0)


# ---------------------------------------------------------------- capaian: negatif


def test_negatif_selisih():
    # (2T - R) / T * 100 = (20 - 8) / 10 * 100
    assert capaian(D(10), D(8), "negatif", "selisih").nilai == D(120)
    assert capaian(D(10), D(10), "negatif", "selisih").nilai == D(100)
    assert capaian(D(10), D(15), "negatif", "selisih").nilai == D(50)


def test_negatif_selisih_dibatasi_bawah_nol():
    # (20 - 25) / 10 * 100 = -50 -> floored at 0
    assert capaian(D(10), D(25), "negatif", "selisih").nilai == D(0)
    assert capaian(D(10), D(20), "negatif", "selisih").nilai == D(0)


def test_negatif_bawaan_adalah_selisih():
    assert capaian(D(10), D(8), "negatif").nilai == D(120)


def test_negatif_rasio():
    # T / R * 100 = 10 / 8 * 100
    assert capaian(D(10), D(8), "negatif", "rasio").nilai == D(125)
    # no floor needed: 10 / 25 * 100
    assert capaian(D(10), D(25), "negatif", "rasio").nilai == D(40)


def test_negatif_rasio_realisasi_nol_kosong():
    h = capaian(D(10), D(0), "negatif", "rasio")
    assert h.nilai is None
    assert h.alasan == engine.ALASAN_RASIO_NOL


@pytest.mark.parametrize("rumus", ["selisih", "rasio"])
def test_negatif_target_nol(rumus):
    # S000 L1275 "jumlah pelanggaran disiplin ASN" target 0: 100 when R=0, else 0.
    assert capaian(D(0), D(0), "negatif", rumus).nilai == D(100)
    assert capaian(D(0), D(3), "negatif", rumus).nilai == D(0)
    assert capaian(D(0), D("0.5"), "negatif", rumus).nilai == D(0)


# ---------------------------------------------------------------- capaian: kategori


def test_kategori_skor_rasio():
    assert capaian("BB", "BB", "kategori", skala=RB).nilai == D(100)
    assert capaian("BB", "A", "kategori", skala=RB).nilai == D(120)  # 6/5*100
    assert capaian("BB", "B", "kategori", skala=RB).nilai == D(80)  # 4/5*100
    assert capaian("AA", "D", "kategori", skala=RB).nilai == pytest.approx(D(1) / D(7) * 100)
    assert approx(capaian("A", "D", "kategori", skala=RB).nilai, "16.6666666667")  # 1/6*100


def test_kategori_skor_menurut_urutan_skala():
    assert RB.skor("AA") == 7
    assert RB.skor("D") == 1
    assert RB.skor("BB") == 5
    assert RB.skor("X") is None


def test_kategori_kode_asing_atau_tanpa_skala_kosong():
    assert capaian("BB", "X", "kategori", skala=RB) == engine.Hitung(None, engine.ALASAN_KATEGORI)
    assert capaian("BB", "BB", "kategori", skala=None) == engine.Hitung(None, engine.ALASAN_SKALA)


# ---------------------------------------------------------------- predikat and kategori


@pytest.mark.parametrize(
    ("nilai", "label"),
    [
        ("950", "Sangat Tinggi"),
        ("91", "Sangat Tinggi"),
        ("90.995", "Sangat Tinggi"),  # shown as 91,00
        ("90.994", "Tinggi"),  # shown as 90,99
        ("76", "Tinggi"),
        ("75.995", "Tinggi"),  # shown as 76,00
        ("75.994", "Sedang"),
        ("66", "Sedang"),
        ("65.99", "Rendah"),
        ("51", "Rendah"),
        ("50.995", "Rendah"),
        ("50.994", "Sangat Rendah"),
        ("0", "Sangat Rendah"),
    ],
)
def test_predikat_batas(nilai, label):
    assert predikat(D(nilai), BAWAAN) == label


def test_predikat_kosong_tanpa_nilai():
    assert predikat(None, BAWAAN) == ""


def test_predikat_skala_pengganti():
    skala = Skala("capaian", (Band("Baik", "Baik", D(80)), Band("Kurang", "Kurang")))
    assert predikat(D("79.995"), skala) == "Baik"
    assert predikat(D("79.994"), skala) == "Kurang"


@pytest.mark.parametrize(
    ("nilai", "kata"),
    [
        ("100.01", MELEBIHI),
        ("100.005", MELEBIHI),  # shown as 100,01
        ("100.004", MEMENUHI),  # shown as 100,00
        ("100", MEMENUHI),
        ("99.995", MEMENUHI),  # shown as 100,00
        ("99.994", BELUM),
        ("0", BELUM),
    ],
)
def test_kategori_pada_nilai_dibulatkan(nilai, kata):
    assert kategori(D(nilai)) == kata


def test_kata_kategori():
    assert MELEBIHI == "melebihi target"
    assert MEMENUHI == "memenuhi target"
    assert BELUM == "belum memenuhi target"
    assert kategori(None) == ""


# ---------------------------------------------------------------- small figures


def test_serapan():
    assert serapan(D(200), D(150)).nilai == D(75)
    assert serapan(D(0), D(0)).nilai is None
    assert serapan(D(0), D(0)).alasan == engine.ALASAN_PAGU_NOL
    assert serapan(D(100), None).nilai is None


def test_pertumbuhan():
    # (R_n / R_{n-1} - 1) * 100 = (47.07 / 50.9 - 1) * 100 (S001 l.331, IP ASN 2021->2022)
    assert approx(pertumbuhan(D("47.07"), D("50.9")).nilai, "-7.5245579568")
    assert pertumbuhan(D(120), D(100)).nilai == D(20)
    assert pertumbuhan(D(5), D(0)).nilai is None
    assert pertumbuhan(None, D(5)).nilai is None
    assert pertumbuhan(D(5), None).nilai is None
    assert pertumbuhan(D(5), D(0)).alasan == engine.ALASAN_PERTUMBUHAN


def test_rata_rata_tanpa_pembulatan():
    # 94.14, 100, 105.0840829097 -> 299.2240829097 / 3 = 99.7413609699
    values = [D("94.14"), D(100), D("80.61") / D("76.71") * 100]
    assert approx(rata_rata(values), "99.7413609699")
    assert rata_rata([]) is None
    # 1/3 + 1/3 + 1/3 with unrounded thirds gives exactly 1 (rounded thirds give 0.99)
    third = D(1) / D(3)
    assert approx(rata_rata([third * 3]), "1")


def test_batas_capaian_hanya_untuk_rata_rata():
    capped = Aturan("selisih", D(120))
    assert untuk_rata_rata(D(150), capped) == D(120)
    assert untuk_rata_rata(D(110), capped) == D(110)
    assert untuk_rata_rata(D(150), Aturan()) == D(150)


# ---------------------------------------------------------------- selection rules


def _v(nilai):
    """Numbers (int or digit text) become Decimal; category codes stay text."""
    if isinstance(nilai, int) or (isinstance(nilai, str) and nilai[:1].isdigit()):
        return D(nilai)
    return nilai


# One-letter builders keep the record tables below readable.
def T(ind, tahun, nilai, jenis="renja", periode="tahunan"):
    return Target(ind, tahun, _v(nilai), jenis, periode)


def R(ind, tahun, nilai, periode="tahunan"):
    return Realisasi(ind, tahun, _v(nilai), periode)


def test_target_tahunan_prioritas_pk_renja_renstra():
    rows = [T("i", 2024, 10, "renstra"), T("i", 2024, 20, "renja"), T("i", 2024, 30, "pk")]
    assert target_tahunan(rows, 2024).nilai == D(30)
    assert target_tahunan(rows, 2024).jenis == "pk"
    assert target_tahunan(rows[:2], 2024).jenis == "renja"
    assert target_tahunan(rows[:1], 2024).jenis == "renstra"
    assert target_tahunan(list(reversed(rows)), 2024).jenis == "pk"
    assert target_tahunan(rows, 2025) is None


def test_target_triwulan_terpisah_dari_tahunan():
    rows = [T("i", 2024, 100), T("i", 2024, 25, "renja", "tw1")]
    assert target_tahunan(rows, 2024).nilai == D(100)
    assert target_tahunan(rows, 2024, "tw1").nilai == D(25)
    assert target_tahunan(rows, 2024, "tw2") is None


def test_realisasi_tahunan_lalu_tw4():
    assert realisasi_tahunan([R("i", 2024, 7, "tw4"), R("i", 2024, 9)], 2024) == D(9)
    assert realisasi_tahunan([R("i", 2024, 7, "tw4"), R("i", 2024, 3, "tw3")], 2024) == D(7)
    assert realisasi_tahunan([R("i", 2024, 3, "tw3")], 2024) is None
    assert realisasi_tahunan([R("i", 2024, None)], 2024) is None
    assert realisasi_tahunan([R("i", 2023, 9)], 2024) is None


# ---------------------------------------------------------------- an OPD built from records

STRUKTUR = [
    Elemen("t1", "tujuan", "1", "Tujuan"),
    Elemen("s1", "sasaran", "1.1", "Sasaran 1", "t1"),
    Elemen("s2", "sasaran", "1.2", "Sasaran 2", "t1"),
    Elemen("p1", "program", "4.01.01", "Program 1", "s1"),
    Elemen("k1", "kegiatan", "4.01.01.1.01", "Kegiatan 1", "p1"),
    Elemen("sk1", "subkegiatan", "4.01.01.1.01.0001", "Sub 1", "k1"),
    Elemen("sk2", "subkegiatan", "4.01.01.1.01.0002", "Sub 2", "k1"),
    Elemen("p2", "program", "4.01.02", "Program 2", "s2"),
    Elemen("k2", "kegiatan", "4.01.02.1.01", "Kegiatan 2", "p2"),
    Elemen("sk3", "subkegiatan", "4.01.02.1.01.0001", "Sub 3", "k2"),
    Elemen("k9", "kegiatan", "9.99.99.1.01", "Kegiatan tanpa induk", ""),
]


def make_opd(indikator=(), target=(), realisasi=(), anggaran=(), renstra=(2021, 2023), elemen=STRUKTUR):
    return Opd(
        id="dinas-uji",
        nama="Dinas Uji",
        renstra_awal=renstra[0],
        renstra_akhir=renstra[1],
        elemen=list(elemen),
        indikator=list(indikator),
        target=list(target),
        realisasi=list(realisasi),
        anggaran=list(anggaran),
    )


def run(opd, aturan=None, skala=None):
    return evaluasi_opd(opd, aturan or Aturan(), skala or {"rb": RB}, BAWAAN)


def rows_of(hasil, ind, periode="tahunan"):
    return {b.tahun: b for b in hasil.capaian if b.indikator == ind and b.periode == periode}


def test_baris_tahunan_memakai_target_prioritas_dan_tw4():
    opd = make_opd(
        [Indikator("i1", "s1", "Indikator 1")],
        [T("i1", 2022, 50, "renstra"), T("i1", 2022, 40, "pk")],
        [R("i1", 2022, 30, "tw4"), R("i1", 2022, 10, "tw1")],
    )
    row = rows_of(run(opd), "i1")[2022]
    assert (row.jenis_target, row.target, row.realisasi) == ("pk", D(40), D(30))
    assert row.capaian.nilai == D(75)  # 30/40*100
    assert row.predikat == "Sedang"
    assert row.kategori == BELUM


def test_baris_triwulan_target_triwulan_atau_tahunan():
    opd = make_opd(
        [Indikator("i1", "s1", "Indikator 1")],
        [T("i1", 2022, 100), T("i1", 2022, 20, "renja", "tw1")],
        [R("i1", 2022, 25, "tw1"), R("i1", 2022, 60, "tw2")],
    )
    q = {b.periode: b for b in run(opd).capaian if b.periode != "tahunan"}
    assert set(q) == {"tw1", "tw2"}
    assert q["tw1"].target == D(20)
    assert q["tw1"].capaian.nilai == D(125)  # 25/20: the quarter's own target
    assert q["tw2"].target == D(100)
    assert q["tw2"].capaian.nilai == D(60)  # 60/100: falls back to the annual target
    # capaian_renstra and pertumbuhan only on tahunan rows
    assert q["tw1"].capaian_renstra.nilai is None and q["tw1"].pertumbuhan.nilai is None
    # no tahunan/tw4 realisation: the annual row exists with an empty realisation
    annual = rows_of(run(opd), "i1")[2022]
    assert annual.realisasi is None
    assert annual.capaian.alasan == engine.ALASAN_TANPA_REALISASI


def test_capaian_renstra_kumulatif():
    # Renstra 2021-2023, final target 30; realisations 8 (2021), 10 (2022).
    opd = make_opd(
        [Indikator("i1", "s1", "Dokumen disusun", sifat="kumulatif")],
        [T("i1", 2023, 30, "renstra"), T("i1", 2021, 10), T("i1", 2022, 10)],
        [R("i1", 2021, 8), R("i1", 2022, 10)],
    )
    rows = rows_of(run(opd), "i1")
    assert rows[2021].capaian_renstra.nilai == pytest.approx(D(8) / D(30) * 100)  # 26.67
    assert rows[2022].capaian_renstra.nilai == D(60)  # (8 + 10) / 30 * 100
    assert rows[2022].realisasi_sd == D(18)
    assert rows[2022].realisasi_sd_lalu == D(8)
    assert rows[2022].target_renstra_akhir == D(30)
    # 2023 has a target but no realisation: s/d 2023 lacks a year
    assert rows[2023].capaian_renstra.nilai is None
    assert rows[2023].capaian_renstra.alasan == engine.ALASAN_RENSTRA_BOLONG


def test_capaian_renstra_kumulatif_tahun_bolong():
    opd = make_opd(
        [Indikator("i1", "s1", "Dokumen disusun", sifat="kumulatif")],
        [T("i1", 2023, 30, "renstra"), T("i1", 2022, 10)],
        [R("i1", 2022, 10)],  # 2021 missing
    )
    row = rows_of(run(opd), "i1")[2022]
    assert row.capaian.nilai == D(100)
    assert row.capaian_renstra.nilai is None
    assert row.capaian_renstra.alasan == engine.ALASAN_RENSTRA_BOLONG


def test_capaian_renstra_non_kumulatif():
    opd = make_opd(
        [Indikator("i1", "s1", "Persentase")],
        [T("i1", 2023, 80, "renstra"), T("i1", 2022, 70)],
        [R("i1", 2022, 60)],  # 2021 missing: irrelevant for non-kumulatif
    )
    row = rows_of(run(opd), "i1")[2022]
    assert row.capaian_renstra.nilai == D(75)  # 60 / 80 * 100
    assert row.realisasi_sd == D(60)


def test_capaian_renstra_negatif_memakai_rumus_polaritas():
    opd = make_opd(
        [Indikator("i1", "s1", "Pelanggaran", polaritas="negatif")],
        [T("i1", 2023, 5, "renstra")],
        [R("i1", 2022, 4)],
    )
    row = rows_of(run(opd), "i1")[2022]
    assert row.capaian_renstra.nilai == D(120)  # (2*5 - 4) / 5 * 100
    assert rows_of(run(opd, Aturan("rasio")), "i1")[2022].capaian_renstra.nilai == D(125)  # 5/4


def test_capaian_renstra_tanpa_target_akhir_atau_di_luar_periode():
    opd = make_opd(
        [Indikator("i1", "s1", "Persentase")],
        [T("i1", 2022, 70), T("i1", 2024, 90)],
        [R("i1", 2022, 60), R("i1", 2024, 90)],
    )
    rows = rows_of(run(opd), "i1")
    assert rows[2022].capaian_renstra.alasan == engine.ALASAN_RENSTRA_AKHIR
    assert rows[2024].capaian_renstra.nilai is None
    assert rows[2024].capaian_renstra.alasan == engine.ALASAN_RENSTRA_LUAR
    assert rows[2024].capaian.nilai == D(100)


def test_pertumbuhan_di_baris_tahunan():
    opd = make_opd(
        [Indikator("i1", "s1", "Indeks"), Indikator("rb", "s1", "Indeks RB", polaritas="kategori", skala="rb")],
        [T("i1", 2022, 50), T("rb", 2022, "BB")],
        [R("i1", 2020, 0), R("i1", 2021, "50.9"), R("i1", 2022, "47.07"), R("rb", 2021, "BB"), R("rb", 2022, "BB")],
    )
    hasil = run(opd)
    rows = rows_of(hasil, "i1")
    assert rows[2020].pertumbuhan.nilai is None  # no 2019
    assert rows[2021].pertumbuhan.nilai is None  # 2020 is 0
    assert approx(rows[2022].pertumbuhan.nilai, "-7.5245579568")
    rb = rows_of(hasil, "rb")[2022]
    assert rb.pertumbuhan.nilai is None
    assert rb.pertumbuhan.alasan == engine.ALASAN_PERTUMBUHAN_KATEGORI
    assert rb.capaian.nilai == D(100)
    assert rb.predikat == "Sangat Tinggi"


def test_tahun_hanya_dari_target_atau_realisasi():
    opd = make_opd(
        [Indikator("i1", "s1", "Indeks")],
        [T("i1", 2022, 50)],
        [R("i1", 2024, 60)],
    )
    rows = rows_of(run(opd), "i1")
    assert sorted(rows) == [2022, 2024]
    assert rows[2022].realisasi is None
    assert rows[2024].target is None and rows[2024].jenis_target == ""
    assert rows[2024].capaian.alasan == engine.ALASAN_TANPA_TARGET


# ---------------------------------------------------------------- budget roll-up


def A(el, tahun, pagu, real=None, sumber=""):
    return Anggaran(el, tahun, D(pagu), None if real is None else D(real), sumber)


def budget(rows):
    return {(b.elemen, b.tahun): b for b in rows}


def test_rekap_baris_per_sumber_dana_dijumlah():
    rows = budget(rekap_anggaran("x", STRUKTUR, [A("sk1", 2022, 100, 90, "DAU"), A("sk1", 2022, 50, 40, "DAK")]))
    sk1 = rows[("sk1", 2022)]
    assert (sk1.pagu, sk1.realisasi, sk1.sisa) == (D(150), D(130), D(20))
    assert approx(sk1.serapan.nilai, "86.6666666667")  # 130/150*100
    for parent in ("k1", "p1", "s1", "t1", "x"):
        assert rows[(parent, 2022)].pagu == D(150)
        assert rows[(parent, 2022)].realisasi == D(130)


def test_rekap_realisasi_induk_kosong_bila_ada_anak_kosong():
    rows = budget(rekap_anggaran("x", STRUKTUR, [A("sk1", 2022, 100, 90), A("sk2", 2022, 60), A("sk3", 2022, 40, 40)]))
    assert rows[("sk1", 2022)].realisasi == D(90)
    assert rows[("sk2", 2022)].realisasi is None
    for parent in ("k1", "p1", "s1", "t1", "x"):
        b = rows[(parent, 2022)]
        assert b.realisasi is None, parent
        assert b.serapan.nilai is None and b.sisa is None
    assert rows[("k1", 2022)].pagu == D(160)
    assert rows[("x", 2022)].pagu == D(200)
    # the other branch is complete
    assert rows[("s2", 2022)].realisasi == D(40)
    assert rows[("s2", 2022)].serapan.nilai == D(100)


def test_rekap_satu_sumber_dana_kosong_membuat_elemen_kosong():
    rows = budget(rekap_anggaran("x", STRUKTUR, [A("sk1", 2022, 100, 90, "DAU"), A("sk1", 2022, 50, None, "DAK")]))
    assert rows[("sk1", 2022)].pagu == D(150)
    assert rows[("sk1", 2022)].realisasi is None


def test_rekap_pagu_nol():
    rows = budget(rekap_anggaran("x", STRUKTUR, [A("sk1", 2022, 0, 0)]))
    sk1 = rows[("sk1", 2022)]
    assert sk1.serapan.nilai is None
    assert sk1.serapan.alasan == engine.ALASAN_PAGU_NOL
    assert sk1.sisa == D(0)


def test_rekap_total_opd_mencakup_elemen_tanpa_induk():
    rows = rekap_anggaran("x", STRUKTUR, [A("sk1", 2022, 100, 50), A("k9", 2022, 70, 70)])
    by = budget(rows)
    assert by[("x", 2022)].pagu == D(170)
    assert by[("x", 2022)].realisasi == D(120)
    assert by[("t1", 2022)].pagu == D(100)
    assert by[("k9", 2022)].jenis == "kegiatan"
    total = rows[0]
    assert (total.jenis, total.elemen, total.opd) == ("opd", "x", "x")


def test_rekap_urutan_dan_jenis():
    rows = rekap_anggaran("x", STRUKTUR, [A("sk3", 2022, 1, 1), A("sk1", 2022, 1, 1), A("sk1", 2021, 5, 5)])
    order = [(b.tahun, b.elemen, b.jenis) for b in rows]
    assert order == [
        (2021, "x", "opd"), (2021, "t1", "tujuan"), (2021, "s1", "sasaran"), (2021, "p1", "program"),
        (2021, "k1", "kegiatan"), (2021, "sk1", "subkegiatan"),
        (2022, "x", "opd"), (2022, "t1", "tujuan"), (2022, "s1", "sasaran"), (2022, "p1", "program"),
        (2022, "k1", "kegiatan"), (2022, "sk1", "subkegiatan"), (2022, "s2", "sasaran"),
        (2022, "p2", "program"), (2022, "k2", "kegiatan"), (2022, "sk3", "subkegiatan"),
    ]
    assert budget(rows)[("x", 2021)].pagu == D(5)


def test_rekap_rupiah_pecahan():
    rows = budget(rekap_anggaran("x", STRUKTUR, [A("sk1", 2022, "232980102655.50", "1000.25"), A("sk2", 2022, "0.50", "0.25")]))
    assert rows[("k1", 2022)].pagu == D("232980102656.00")
    assert rows[("k1", 2022)].realisasi == D("1000.50")


# ---------------------------------------------------------------- ringkasan and efisiensi


def test_ringkasan_hanya_iku():
    opd = make_opd(
        [
            Indikator("a", "s1", "IKU a", iku=True),
            Indikator("b", "s1", "IKU b", iku=True),
            Indikator("c", "s1", "Bukan IKU"),
            Indikator("d", "s2", "IKU tanpa realisasi", iku=True),
        ],
        [T("a", 2022, 100), T("b", 2022, 100), T("c", 2022, 100), T("d", 2022, 100)],
        [R("a", 2022, 80), R("b", 2022, 110), R("c", 2022, 10)],
        [A("sk1", 2022, 200, 150)],
    )
    (r,) = run(opd).ringkasan
    assert r.tahun == 2022
    assert r.jumlah_indikator == 3  # a, b, d
    assert r.rata_rata_capaian == D(95)  # (80 + 110) / 2; d has no capaian, c is not IKU
    assert r.predikat == "Sangat Tinggi"
    assert (r.melebihi, r.memenuhi, r.belum) == (1, 0, 1)
    assert r.serapan.nilai == D(75)  # 150/200


def test_ringkasan_tanpa_iku_memakai_indikator_sasaran():
    opd = make_opd(
        [
            Indikator("a", "s1", "Sasaran a"),
            Indikator("b", "s2", "Sasaran b"),
            Indikator("p", "p1", "Program p"),
            Indikator("t", "t1", "Tujuan t"),
        ],
        [T(i, 2022, 100) for i in "abpt"],
        [R("a", 2022, 100), R("b", 2022, 70), R("p", 2022, 0), R("t", 2022, 0)],
    )
    (r,) = run(opd).ringkasan
    assert r.jumlah_indikator == 2
    assert r.rata_rata_capaian == D(85)  # (100 + 70) / 2
    assert (r.melebihi, r.memenuhi, r.belum) == (0, 1, 1)
    assert r.serapan.nilai is None  # no budget


def test_ringkasan_satu_baris_per_tahun_dari_target_realisasi_anggaran():
    opd = make_opd(
        [Indikator("a", "s1", "IKU", iku=True)],
        [T("a", 2022, 100)],
        [R("a", 2023, 90)],
        [A("sk1", 2024, 10, 5)],
    )
    rows = {r.tahun: r for r in run(opd).ringkasan}
    assert sorted(rows) == [2022, 2023, 2024]
    assert rows[2022].rata_rata_capaian is None and rows[2022].predikat == ""
    assert rows[2024].jumlah_indikator == 0
    assert rows[2024].serapan.nilai == D(50)


def test_ringkasan_batas_capaian_membatasi_rata_rata_saja():
    opd = make_opd(
        [Indikator("a", "s1", "IKU a", iku=True), Indikator("b", "s1", "IKU b", iku=True)],
        [T("a", 2022, 100), T("b", 2022, 100)],
        [R("a", 2022, 150), R("b", 2022, 90)],
    )
    hasil = run(opd, Aturan("selisih", D(120)))
    (r,) = hasil.ringkasan
    assert r.rata_rata_capaian == D(105)  # (120 + 90) / 2, not (150 + 90) / 2
    assert (r.melebihi, r.belum) == (1, 1)
    assert rows_of(hasil, "a")[2022].capaian.nilai == D(150)  # the row itself is not capped
    assert run(opd).ringkasan[0].rata_rata_capaian == D(120)  # (150 + 90) / 2 without a cap


def test_efisiensi_per_sasaran():
    opd = make_opd(
        [
            Indikator("a", "s1", "Sasaran 1 a"),
            Indikator("b", "s1", "Sasaran 1 b"),
            Indikator("p", "p1", "Program 1 (not directly on s1)"),
            Indikator("c", "s2", "Sasaran 2 c"),
        ],
        [T(i, 2022, 100) for i in "abpc"],
        [R("a", 2022, 80), R("b", 2022, 100), R("p", 2022, 10), R("c", 2022, 50)],
        [A("sk1", 2022, 100, 60), A("sk2", 2022, 100, 90)],
    )
    rows = {(e.sasaran, e.tahun): e for e in run(opd).efisiensi}
    s1 = rows[("s1", 2022)]
    assert s1.capaian == D(90)  # (80 + 100) / 2
    assert s1.serapan == D(75)  # 150 / 200
    assert s1.efisiensi == D(15)
    s2 = rows[("s2", 2022)]
    assert s2.capaian == D(50)
    assert s2.serapan is None and s2.efisiensi is None  # no budget under s2
    assert [e.sasaran for e in run(opd).efisiensi] == ["s1", "s2"]


def test_efisiensi_memakai_capaian_terbatas():
    opd = make_opd(
        [Indikator("a", "s1", "a"), Indikator("b", "s1", "b")],
        [T("a", 2022, 100), T("b", 2022, 100)],
        [R("a", 2022, 200), R("b", 2022, 100)],
        [A("sk1", 2022, 100, 100)],
    )
    (e,) = [x for x in run(opd, Aturan("selisih", D(120))).efisiensi if x.sasaran == "s1"]
    assert e.capaian == D(110)  # (120 + 100) / 2
    assert e.efisiensi == D(10)


# ---------------------------------------------------------------- determinism


def test_urutan_baris_tidak_berpengaruh():
    ind = [
        Indikator("a", "s1", "a", iku=True),
        Indikator("b", "s2", "b", iku=True, polaritas="negatif"),
        Indikator("c", "s1", "c", polaritas="kategori", skala="rb"),
        Indikator("d", "p1", "d", sifat="kumulatif"),
    ]
    tgt = [
        T("a", 2021, 100), T("a", 2022, 100, "pk"), T("a", 2022, 90), T("a", 2023, 100, "renstra"),
        T("b", 2022, 5), T("b", 2022, 2, "renja", "tw1"), T("c", 2022, "BB"), T("d", 2023, 30, "renstra"),
        T("d", 2022, 10),
    ]
    real = [
        R("a", 2021, 95), R("a", 2022, 97, "tw4"), R("a", 2022, 40, "tw2"), R("b", 2022, 4),
        R("b", 2022, 1, "tw1"), R("c", 2022, "A"), R("d", 2021, 8), R("d", 2022, 12),
    ]
    ang = [A("sk1", 2022, 100, 90, "DAU"), A("sk1", 2022, 20, 10, "DAK"), A("sk2", 2022, 50), A("sk3", 2022, 30, 30),
           A("k9", 2021, 70, 60)]
    elemen = list(STRUKTUR)
    expected = run(make_opd(ind, tgt, real, ang, elemen=elemen))
    rng = random.Random(20240101)
    for _ in range(5):
        shuffled = [list(x) for x in (ind, tgt, real, ang, elemen)]
        for lst in shuffled:
            rng.shuffle(lst)
        got = run(make_opd(*shuffled[:4], elemen=shuffled[4]))
        assert got == expected
    # and the result is not trivially empty
    # a: 2021-2023 + tw2 + tw4; b: 2022 + tw1; c: 2022; d: 2021-2023
    assert len(expected.capaian) == 11
    # 2022: opd, t1, s1, p1, k1, sk1, sk2, s2, p2, k2, sk3; 2021: opd, k9
    assert len(expected.anggaran) == 13
