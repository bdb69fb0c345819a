"""The synthetic data generator: valid under the contract, deterministic, realistic shape."""

from __future__ import annotations

import csv
from pathlib import Path

from generator.cli import main
from generator.contoh import tulis_contoh
from generator.validate import periksa


def _bytes(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_contoh_passes_check(tmp_path, capsys):
    out = tmp_path / "data"
    assert main(["contoh", "--opd", "3", "--tahun", "2021-2026", "--indikator", "30", "--seed", "5", "--out", str(out)]) == 0
    assert main(["check", "--data", str(out)]) == 0
    _, laporan = periksa(out)
    assert laporan.urut() == []  # not even a warning
    assert sorted(p.name for p in (out / "opd").iterdir()) == ["dinas-pupr", "dinkes", "disdikbud"]


def test_same_seed_same_bytes_other_seed_differs(tmp_path):
    a, b, c = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    tulis_contoh(a, opd=2, awal=2021, akhir=2024, indikator=25, seed=3)
    tulis_contoh(b, opd=2, awal=2021, akhir=2024, indikator=25, seed=3)
    tulis_contoh(c, opd=2, awal=2021, akhir=2024, indikator=25, seed=4)
    fa, fb, fc = _bytes(a), _bytes(b), _bytes(c)
    assert fa == fb
    assert fa.keys() == fc.keys()
    assert fa["opd/dinkes/target.csv"] != fc["opd/dinkes/target.csv"]
    assert fa["opd/dinkes/anggaran.csv"] != fc["opd/dinkes/anggaran.csv"]


def test_rewrite_replaces_previous_opds(tmp_path):
    out = tmp_path / "d"
    tulis_contoh(out, opd=4, awal=2022, akhir=2023, indikator=10, seed=1)
    tulis_contoh(out, opd=2, awal=2022, akhir=2023, indikator=10, seed=1)
    assert len(list((out / "opd").iterdir())) == 2


def test_shape(tmp_path):
    out = tmp_path / "d"
    tulis_contoh(out, opd=3, awal=2021, akhir=2026, indikator=30, seed=5)
    dataset, laporan = periksa(out)
    assert not laporan.ada_galat
    assert dataset.pemda.periode_awal == 2021 and dataset.pemda.periode_akhir == 2026
    assert [b.kode for b in dataset.skala["sakip"].bands] == ["AA", "A", "BB", "B", "C", "D"]
    for opd in dataset.opd:
        assert len(opd.indikator) == 30
        jenis = {e.jenis for e in opd.elemen}
        assert jenis == {"tujuan", "sasaran", "program", "kegiatan", "subkegiatan"}
        sub = next(e for e in opd.elemen if e.jenis == "subkegiatan")
        assert len(sub.kode.split(".")) == 6 and len(sub.kode.split(".")[-1]) == 4  # 1.02.01.1.01.0001
        sasaran = {e.id for e in opd.elemen if e.jenis == "sasaran"}
        assert all(i.elemen in sasaran for i in opd.indikator if i.iku)
        assert any(i.iku for i in opd.indikator)
        # Budget lines sit on sub kegiatan only, for every year.
        by_id = {e.id: e for e in opd.elemen}
        assert {by_id[a.elemen].jenis for a in opd.anggaran} == {"subkegiatan"}
        assert {a.tahun for a in opd.anggaran} == set(range(2021, 2027))
        # Every indicator has a Renstra target for every year including the final one.
        for ind in opd.indikator:
            years = {t.tahun for t in opd.target if t.indikator == ind.id and t.jenis == "renstra" and t.periode == "tahunan"}
            assert years == set(range(2021, 2027)), ind.id
        # No annual realisation in the last (current) year.
        assert not [r for r in opd.realisasi if r.tahun == 2026 and r.periode == "tahunan"]
    everything = [x for o in dataset.opd for x in o.indikator]
    assert {i.polaritas for i in everything} == {"positif", "negatif", "kategori"}
    assert {i.skala for i in everything if i.polaritas == "kategori"} <= {"sakip", "rb"}
    assert "kumulatif" in {i.sifat for i in everything}
    targets = [t for o in dataset.opd for t in o.target]
    assert {"renstra", "renja", "pk"} <= {t.jenis for t in targets}
    assert {"tw1", "tw4"} <= {t.periode for t in targets}
    reals = [r for o in dataset.opd for r in o.realisasi]
    assert any(r.nilai is None for r in reals)  # missing = empty nilai
    assert {"tahunan", "tw1", "tw2", "tw3", "tw4"} <= {r.periode for r in reals}
    budget = [a for o in dataset.opd for a in o.anggaran]
    assert any(a.realisasi is None for a in budget)
    assert any(a.pagu != a.pagu.to_integral_value() for a in budget)  # Rupiah with sen
    assert len({a.sumber_dana for a in budget}) > 1


def test_raw_formats_in_files(tmp_path):
    """Some cells are written the way an Indonesian spreadsheet writes them."""
    out = tmp_path / "d"
    tulis_contoh(out, opd=3, awal=2021, akhir=2026, indikator=60, seed=2)
    anggaran = [r for p in sorted((out / "opd").glob("*/anggaran.csv")) for r in _rows(p)]
    assert any(r["pagu"].startswith("Rp ") for r in anggaran)
    realisasi = [r for p in sorted((out / "opd").glob("*/realisasi.csv")) for r in _rows(p)]
    assert any("," in r["nilai"] for r in realisasi)
    struktur = [r for p in sorted((out / "opd").glob("*/struktur.csv")) for r in _rows(p)]
    kode_program = [r["kode"] for r in struktur if r["jenis"] == "program"]
    assert len(kode_program) > len(set(kode_program))  # a program code under two sasaran
