"""Property-based tests (hypothesis): number formats round-trip, capaian moves the
right way with the realisation, every budget total is the sum of its parts, and the
row order of the data never changes the exports."""

from __future__ import annotations

import dataclasses
import random
import shutil
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import export
from generator.engine import capaian, evaluasi, evaluasi_opd, predikat, rekap_anggaran
from generator.model import JENIS_ELEMEN, SKALA_CAPAIAN_BAWAAN, Anggaran, Band, Elemen, Skala
from generator.numbers import desimal, format_angka, format_persen, format_rupiah, parse_angka
from generator.validate import periksa

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "bad_input" / "base"

dua_desimal = st.decimals(
    min_value=Decimal("-1e15"), max_value=Decimal("1e15"), places=2, allow_nan=False, allow_infinity=False
)
positif = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e9"), places=2)
tak_negatif = st.decimals(min_value=Decimal(0), max_value=Decimal("1e9"), places=2)


# ---------------------------------------------------------------- number formats


@given(dua_desimal)
def test_format_indonesia_kembali_ke_nilai_yang_sama(x):
    assert parse_angka(format_angka(x)) == x


@given(dua_desimal)
def test_format_mesin_kembali_ke_nilai_yang_sama(x):
    text = desimal(x)
    assert "," not in text
    assert parse_angka(text) == x


@given(st.decimals(min_value=Decimal(0), max_value=Decimal("1e15"), places=2))
def test_rupiah_kembali_ke_nilai_yang_sama(x):
    assert parse_angka(format_rupiah(x), rupiah=True) == x


@given(dua_desimal)
def test_persen_kembali_ke_nilai_yang_sama(x):
    assert parse_angka(format_persen(x)) == x


def test_contoh_round_trip_tertentu():
    # The cases a person would try first, so a failure reads plainly.
    assert format_angka(Decimal("1234567.5")) == "1.234.567,50"
    assert parse_angka("1.234.567,50") == Decimal("1234567.50")
    assert parse_angka(format_rupiah(Decimal(750000)), rupiah=True) == Decimal(750000)


# ---------------------------------------------------------------- capaian is monotone


@given(positif, tak_negatif, tak_negatif)
def test_capaian_positif_tidak_turun_bila_realisasi_naik(t, r1, r2):
    lo, hi = sorted((r1, r2))
    assert capaian(t, lo, "positif").nilai <= capaian(t, hi, "positif").nilai


@given(tak_negatif, tak_negatif, tak_negatif)
def test_capaian_negatif_selisih_tidak_naik_bila_realisasi_naik(t, r1, r2):
    lo, hi = sorted((r1, r2))
    a, b = capaian(t, lo, "negatif", "selisih").nilai, capaian(t, hi, "negatif", "selisih").nilai
    assert a >= b >= 0


@given(tak_negatif, positif, positif)
def test_capaian_negatif_rasio_tidak_naik_bila_realisasi_naik(t, r1, r2):
    lo, hi = sorted((r1, r2))
    assert capaian(t, lo, "negatif", "rasio").nilai >= capaian(t, hi, "negatif", "rasio").nilai


@given(st.integers(2, 8), st.data())
def test_capaian_kategori_naik_bila_kategori_lebih_baik(n, data):
    skala = Skala("s", tuple(Band(f"L{i}", f"K{i}", Decimal(100 - i) if i < n - 1 else None) for i in range(n)))
    t = data.draw(st.integers(0, n - 1))
    better, worse = sorted(data.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=2)))
    # Lower index = better band.
    assert capaian(f"K{t}", f"K{better}", "kategori", skala=skala).nilai >= capaian(
        f"K{t}", f"K{worse}", "kategori", skala=skala
    ).nilai


@given(tak_negatif, tak_negatif)
def test_predikat_tidak_turun_bila_capaian_naik(c1, c2):
    lo, hi = sorted((c1, c2))
    order = [b.label for b in SKALA_CAPAIAN_BAWAAN.bands]  # best first
    assert order.index(predikat(hi, SKALA_CAPAIAN_BAWAAN)) <= order.index(predikat(lo, SKALA_CAPAIAN_BAWAAN))


# ---------------------------------------------------------------- budget roll-up


@st.composite
def pohon_anggaran(draw):
    """A random plan tree (any depth, parents optional, as the contract allows) and
    budget rows that never count the same money twice."""
    specs = draw(st.lists(st.tuples(st.integers(0, 4), st.integers(0, 50), st.booleans()), min_size=1, max_size=25))
    elemen: list[Elemen] = []
    for i, (level, pick, attach) in enumerate(specs):
        jenis = JENIS_ELEMEN[level]
        parents = [e.id for e in elemen if level > 0 and e.jenis == JENIS_ELEMEN[level - 1]]
        induk = parents[pick % len(parents)] if attach and parents else ""
        elemen.append(Elemen(f"e{i}", jenis, f"{level}.{i}", f"Elemen {i}", induk))
    induk = {e.id: e.induk for e in elemen}

    def leluhur(eid):
        out = []
        while induk.get(eid):
            eid = induk[eid]
            out.append(eid)
        return out

    uang = st.decimals(min_value=Decimal(0), max_value=Decimal("1e12"), places=2)
    rows: list[Anggaran] = []
    taken: dict[int, set[str]] = defaultdict(set)
    for _ in range(draw(st.integers(0, 30))):
        e = draw(st.sampled_from(elemen)).id
        tahun = draw(st.sampled_from([2023, 2024]))
        related = set(leluhur(e)) | {x.id for x in elemen if e in leluhur(x.id)}
        if related & taken[tahun]:
            continue  # validation rejects a row on an ancestor or descendant of another
        taken[tahun].add(e)
        pagu = draw(uang)
        real = draw(st.none() | uang)
        rows.append(Anggaran(e, tahun, pagu, real))
    return elemen, rows


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(pohon_anggaran())
def test_setiap_total_sama_dengan_jumlah_bagiannya(pohon):
    elemen, rows = pohon
    hasil = rekap_anggaran("opd-x", elemen, rows)
    by = {(b.elemen, b.tahun): b for b in hasil}
    anak = defaultdict(list)
    for e in elemen:
        anak[e.induk].append(e.id)
    sendiri_pagu: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
    sendiri_real: dict[tuple[str, int], list] = defaultdict(list)
    for r in rows:
        sendiri_pagu[(r.elemen, r.tahun)] += r.pagu
        sendiri_real[(r.elemen, r.tahun)].append(r.realisasi)

    for (eid, tahun), b in by.items():
        if b.jenis == "opd":
            parts = [by[(c, tahun)] for c in anak[""] if (c, tahun) in by]
            own_p, own_r = Decimal(0), []
        else:
            parts = [by[(c, tahun)] for c in anak[eid] if (c, tahun) in by]
            own_p, own_r = sendiri_pagu[(eid, tahun)], sendiri_real[(eid, tahun)]
        assert b.pagu == own_p + sum((p.pagu for p in parts), Decimal(0))
        reals = [p.realisasi for p in parts] + own_r
        if any(r is None for r in reals):
            assert b.realisasi is None and b.sisa is None and b.serapan.nilai is None
        else:
            assert b.realisasi == sum(reals, Decimal(0))
            assert b.sisa == b.pagu - b.realisasi
            if b.pagu:
                assert b.serapan.nilai == b.realisasi / b.pagu * 100
    # A total exists exactly for the OPD and for every element with money under it.
    tahun_ada = {r.tahun for r in rows}
    assert {t for (e, t), b in by.items() if b.jenis == "opd"} == tahun_ada


# ---------------------------------------------------------------- row order


def _dataset(path: Path):
    dataset, laporan = periksa(path)
    assert not laporan.ada_galat, [str(p) for p in laporan.urut()]
    return dataset


DATASETS = {"contoh": ROOT / "data", "base": BASE}


@pytest.fixture(scope="module")
def dimuat():
    return {name: _dataset(path) for name, path in DATASETS.items() if path.is_dir()}


def _acak(opd, rnd: random.Random):
    def kocok(xs):
        xs = list(xs)
        rnd.shuffle(xs)
        return xs

    return dataclasses.replace(
        opd,
        elemen=kocok(opd.elemen),
        indikator=kocok(opd.indikator),
        target=kocok(opd.target),
        realisasi=kocok(opd.realisasi),
        anggaran=kocok(opd.anggaran),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.randoms(use_true_random=False))
def test_urutan_baris_tidak_mengubah_ekspor(dimuat, rnd):
    for dataset in dimuat.values():
        aturan, skala, sk = dataset.pemda.aturan, dataset.skala, dataset.skala_capaian
        for opd in dataset.opd:
            asli = export.tabel([evaluasi_opd(opd, aturan, skala, sk)])
            acak = export.tabel([evaluasi_opd(_acak(opd, rnd), aturan, skala, sk)])
            assert acak == asli, opd.id


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_urutan_baris_berkas_tidak_mengubah_berkas_ekspor(tmp_path_factory, rnd):
    """The same check end to end: the data rows of every CSV file of the base data
    shuffled on disk give byte-identical export files."""
    root = tmp_path_factory.mktemp("acak")
    data = root / "data"
    shutil.copytree(BASE, data)
    for path in sorted(data.rglob("*.csv")):
        header, *rows = path.read_text(encoding="utf-8").splitlines(keepends=True)
        rnd.shuffle(rows)
        path.write_text(header + "".join(rows), encoding="utf-8")
    asli = export.berkas_ekspor(list(evaluasi(_dataset(BASE)).values()), "unduh/")
    acak = export.berkas_ekspor(list(evaluasi(_dataset(data)).values()), "unduh/")
    assert acak == asli
