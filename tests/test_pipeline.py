"""OPDs run in worker processes give exactly what one process gives."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator import pipeline, site
from generator.errors import DataError

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).parent / "fixtures"


def _render(data: Path, proses: int, monkeypatch) -> tuple[dict[str, bytes], list[str]]:
    monkeypatch.setenv("KINERJA_PROSES", str(proses))
    files, laporan = site.render(data)
    return files, [str(p) for p in laporan.urut()]


@pytest.mark.parametrize("data", [ROOT / "data", FIXTURES / "kota-lain"], ids=["contoh", "kota-lain"])
def test_workers_give_the_same_bytes_as_one_process(data, monkeypatch):
    satu, masalah_satu = _render(data, 1, monkeypatch)
    dua, masalah_dua = _render(data, 2, monkeypatch)
    assert list(dua) == list(satu)  # same paths, same order
    beda = [rel for rel in satu if satu[rel] != dua[rel]]
    assert beda == []
    assert masalah_dua == masalah_satu
    # The example data has audit warnings: they come back from the workers too.
    if data.name == "data":
        assert any("17.019.469.070" in m for m in masalah_dua)


def test_errors_of_every_opd_come_back_from_the_workers(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    # One error in each of two OPDs.
    for opd, berkas in (("bkd", "target.csv"), ("biro-organisasi", "realisasi.csv")):
        path = data / "opd" / opd / berkas
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        kolom = lines[1].split(",")
        kolom[1] = "20x4"  # the year column of both files
        lines[1] = ",".join(kolom)
        path.write_text("".join(lines), encoding="utf-8")
    for proses in (1, 2):
        monkeypatch.setenv("KINERJA_PROSES", str(proses))
        with pytest.raises(DataError) as exc:
            site.render(data)
        galat = [str(p) for p in exc.value.laporan.urut() if p.level == "galat"]
        assert len(galat) == 2, galat
        assert "opd/biro-organisasi/realisasi.csv:2: tahun: " in galat[0]
        assert "opd/bkd/target.csv:2: tahun: " in galat[1]


def test_number_of_processes(monkeypatch):
    monkeypatch.delenv("KINERJA_PROSES", raising=False)
    assert pipeline.jumlah_proses(60, 1024) == 1  # small data: no processes to start
    assert pipeline.jumlah_proses(1, 50 * 2**20) == 1  # one OPD
    assert pipeline.jumlah_proses(60, 50 * 2**20) >= 1
    monkeypatch.setenv("KINERJA_PROSES", "3")
    assert pipeline.jumlah_proses(60, 1024) == 3
    assert pipeline.jumlah_proses(2, 1024) == 2  # never more than OPDs
    monkeypatch.setenv("KINERJA_PROSES", "nol")
    assert pipeline.jumlah_proses(60, 1024) == 1
