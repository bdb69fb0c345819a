"""The engine's quick paths agree with the plain rules they stand for.

baris_indikator picks targets and realisations while indexing the rows, predikat and
kategori are decided in one step, kunci_kode skips its regex for dotted digits and
rekap_anggaran sums children instead of rows: each is checked here against the general
form (target_tahunan, realisasi_tahunan, predikat, kategori, the regex key, row sums)
on many random inputs.
"""

from __future__ import annotations

import random
import re
from decimal import Decimal, localcontext

import pytest

from generator import engine
from generator.engine import (
    capaian,
    evaluasi_opd,
    kategori,
    kunci_kode,
    leluhur,
    predikat,
    realisasi_tahunan,
    rekap_anggaran,
    serapan,
    target_tahunan,
    urutan_elemen,
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
TAHUN = range(2019, 2026)


def _opd(indikator, target, realisasi, elemen=(), anggaran=()):
    return Opd(
        id="dinas-uji", nama="Dinas Uji", renstra_awal=2021, renstra_akhir=2024,
        elemen=list(elemen), indikator=list(indikator), target=list(target),
        realisasi=list(realisasi), anggaran=list(anggaran),
    )


@pytest.mark.parametrize("seed", range(40))
def test_target_dan_realisasi_terpilih_sama_dengan_aturan_umum(seed):
    rng = random.Random(seed)
    # "x" is not a target document and "tw9" not a period: they add a year, nothing else.
    targets = [
        Target("i", rng.choice(TAHUN), D(rng.randint(0, 99)), rng.choice(["pk", "renja", "renstra", "x"]),
               rng.choice(["tahunan", "tahunan", "tw1", "tw2", "tw3", "tw4", "tw9"]), n)
        for n in range(rng.randint(0, 30))
    ]
    reals = [
        Realisasi("i", rng.choice(TAHUN), rng.choice([None, D(rng.randint(0, 99))]),
                  rng.choice(["tahunan", "tw1", "tw2", "tw3", "tw4", "tw9"]), line=n)
        for n in range(rng.randint(0, 20))
    ]
    hasil = evaluasi_opd(_opd([Indikator("i", "s", "I")], targets, reals), Aturan(), {}, SKALA_CAPAIAN_BAWAAN)

    years = sorted({t.tahun for t in targets} | {r.tahun for r in reals})
    expected = []
    for tahun in years:
        annual = target_tahunan(targets, tahun)
        expected.append(("tahunan", tahun, annual, realisasi_tahunan(reals, tahun)))
        quarters = sorted((r for r in reals if r.tahun == tahun and r.periode in engine.TRIWULAN),
                          key=lambda r: r.periode)
        for q in quarters:
            expected.append((q.periode, tahun, target_tahunan(targets, tahun, q.periode) or annual, q.nilai))
    assert len(hasil.capaian) == len(expected)
    for row, (periode, tahun, tgt, nilai) in zip(hasil.capaian, expected):
        assert (row.periode, row.tahun) == (periode, tahun)
        assert row.jenis_target == (tgt.jenis if tgt else "")
        assert row.target is (tgt.nilai if tgt else None)
        assert row.realisasi is nilai


NILAI_UJI = ["0", "-0", "0.00", "1E+2", "100", "99.995", "12.5", "7", "0.001", "250", "-5", "1E-7"]


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("polaritas", ["positif", "negatif"])
@pytest.mark.parametrize("rumus", ["selisih", "rasio"])
def test_capaian_baris_sama_dengan_capaian(seed, polaritas, rumus):
    rng = random.Random(seed)

    def nilai():
        return D(rng.choice(NILAI_UJI)) if rng.random() < 0.4 else D(rng.randint(0, 5000)).scaleb(-rng.randint(0, 3))

    targets = [Target("i", rng.choice(TAHUN), nilai(), rng.choice(["pk", "renja", "renstra"]),
                      rng.choice(["tahunan", "tahunan", "tw1", "tw4"])) for _ in range(rng.randint(0, 25))]
    reals = [Realisasi("i", rng.choice(TAHUN), None if rng.random() < 0.1 else nilai(),
                       rng.choice(["tahunan", "tahunan", "tw1", "tw2", "tw4"])) for _ in range(rng.randint(0, 20))]
    ind = Indikator("i", "s", "I", polaritas=polaritas, sifat=rng.choice(["kumulatif", "non-kumulatif"]))
    hasil = evaluasi_opd(_opd([ind], targets, reals), Aturan(rumus), {}, SKALA_CAPAIAN_BAWAAN)
    for row in hasil.capaian:
        expected = capaian(row.target, row.realisasi, polaritas, rumus)
        assert repr(row.capaian) == repr(expected), row  # repr: 75 and 75.00 differ
        renstra = row.periode == "tahunan" and 2021 <= row.tahun <= 2024 and row.target_renstra_akhir is not None
        if renstra and row.capaian_renstra.alasan != engine.ALASAN_RENSTRA_BOLONG:
            expected = capaian(row.target_renstra_akhir, row.realisasi_sd, polaritas, rumus)
            assert repr(row.capaian_renstra) == repr(expected), row


SKALA_UJI = [
    SKALA_CAPAIAN_BAWAAN,
    # a band with no lower bound before the last one is skipped, as Skala.band does
    Skala("a", (Band("A", "A", D("100.005")), Band("B", "B", None), Band("C", "C", D("99.99")), Band("E", "E", None))),
    # the last band has a lower bound of its own: still the answer below every bound
    Skala("b", (Band("A", "A", D(90)), Band("B", "B", D(50)))),
    Skala("c", (Band("A", "A", None),)),
]


@pytest.mark.parametrize("skala", SKALA_UJI, ids=lambda s: s.id)
def test_predikat_kategori_sekali_jalan_sama_dengan_predikat_dan_kategori(skala):
    rng = random.Random(skala.id)
    values = [None, D(0), D("-0.005"), D("-0.004"), D("99.995"), D("99.994999"), D("100.004999"),
              D("100.005"), D("90.995"), D("50"), D("49.995"), D("1E+3"), D("-7.5")]
    values += [D(rng.randint(-2000, 30000)).scaleb(-rng.randint(0, 4)) for _ in range(300)]
    # past the precision bulat() rounds in a wider context: the general path
    values += [D("9" * 23 + ".995"), D("9" * 24 + ".995"), D("1E+30"), D("-1E+40")]
    predikat_kategori = engine._penilai(skala)
    for v in values:
        assert predikat_kategori(v) == (predikat(v, skala), kategori(v)), v
    with localcontext() as ctx:
        ctx.prec = 9  # the precision is read when the OPD starts, as bulat() reads it
        predikat_kategori = engine._penilai(skala)
        for v in values:
            assert predikat_kategori(v) == (predikat(v, skala), kategori(v)), v


def test_predikat_kategori_skala_tanpa_pita_gagal_seperti_skala_band():
    kosong = Skala("kosong", ())
    with pytest.raises(IndexError):
        predikat(D(1), kosong)
    with pytest.raises(IndexError):
        engine._penilai(kosong)(D(1))
    assert engine._penilai(kosong)(None) == ("", "")


_SEGMENT = re.compile(r"(\d+)")


def _kunci_umum(kode):
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in _SEGMENT.split(kode) if p)


def test_kunci_kode_sama_dengan_bentuk_umum():
    rng = random.Random(7)
    codes = ["", "1", "4.01.02.1.01.3", "4.01.02.1.01.12", "5.02.01.1.01.0001", "1.", ".1", "1..2",
             "X.01", "1.2a", "1-2", " 1.2", "١.٢", "1.2.3.4.5.6.7.8", "007"]
    codes += [".".join(str(rng.randint(0, 120)).zfill(rng.randint(1, 3)) for _ in range(rng.randint(1, 7)))
              for _ in range(200)]
    for kode in codes:
        assert kunci_kode(kode) == _kunci_umum(kode), kode
    with pytest.raises(ValueError):
        _kunci_umum("²")  # a digit that is not a decimal digit: both forms fail alike
    with pytest.raises(ValueError):
        kunci_kode("²")


def _rekap_umum(opd_id, elemen, anggaran):
    """The roll-up written plainly: every row added to its element, each ancestor and
    the OPD total, in row order; rows by year, the total first, then tree order."""
    induk = {e.id: e.induk for e in elemen}
    jenis = {e.id: e.jenis for e in elemen}
    cells: dict[tuple[str, int], list] = {}
    for row in anggaran:
        for node in [*leluhur(row.elemen, induk), None]:
            cell = cells.setdefault((node, row.tahun), [D(0), D(0), False])
            cell[0] += row.pagu
            if row.realisasi is None:
                cell[2] = True
            else:
                cell[1] += row.realisasi
    order = {e.id: i for i, e in enumerate(urutan_elemen(elemen))}

    def key(item):
        (node, tahun), _ = item
        if node is None:
            return (tahun, -1, opd_id, 0)
        rank = -1 if jenis.get(node, "") == "opd" else order.get(node, 1 << 30)
        return (tahun, rank, node, 1)

    out = []
    for (node, tahun), (p, known, unknown) in sorted(cells.items(), key=key):
        r = None if unknown else known
        out.append((opd_id if node is None else node, "opd" if node is None else jenis.get(node, ""), tahun,
                    p, r, serapan(p, r), None if r is None else p - r))
    return out


@pytest.mark.parametrize("seed", range(60))
def test_rekap_anggaran_sama_dengan_jumlah_per_baris(seed):
    rng = random.Random(seed)
    ids = [f"e{i}" for i in range(rng.randint(1, 25))]
    elemen = []
    for i, eid in enumerate(ids):
        pick = rng.random()
        # a root, a parent before it, an unknown parent, or (seldom) any element: a cycle
        parent = "" if i == 0 or pick < 0.1 else "hilang" if pick < 0.15 else (
            rng.choice(ids) if pick < 0.2 else ids[rng.randrange(i)])
        jenis = rng.choice(["tujuan", "sasaran", "program", "kegiatan", "subkegiatan", "opd"])
        elemen.append(Elemen("x" if pick > 0.97 else eid, jenis, f"{rng.randint(1, 9)}.{rng.randint(1, 12)}", "n", parent))
    anggaran = []
    for _ in range(rng.randint(0, 60)):
        pagu = D(rng.randint(0, 10**6)).scaleb(-rng.choice([0, 2]))
        real = None if rng.random() < 0.1 else D(rng.randint(0, 10**6)).scaleb(-rng.choice([0, 2]))
        anggaran.append(Anggaran(rng.choice([*ids, "hilang", "x"]), rng.choice(TAHUN), pagu, real))
    got = [(b.elemen, b.jenis, b.tahun, b.pagu, b.realisasi, b.serapan, b.sisa)
           for b in rekap_anggaran("x", elemen, anggaran)]
    expected = _rekap_umum("x", elemen, anggaran)
    assert got == expected
    # the same Decimals, not only equal ones (75 and 75.00 print differently)
    assert [repr(g) for g in got] == [repr(e) for e in expected]
