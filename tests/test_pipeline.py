"""OPDs run in worker processes give exactly what one process gives."""

from __future__ import annotations

import json
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


def _pohon(out: Path) -> dict[str, bytes]:
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_generate_with_workers_writes_the_same_files(tmp_path, monkeypatch):
    # With processes, every file is staged where it is made: the OPDs' in the
    # workers, the pages across OPDs in a side process, the whole-pemda downloads
    # here; the fingerprint is taken while the workers run.
    pohon = {}
    for proses in (1, 2):
        monkeypatch.setenv("KINERJA_PROSES", str(proses))
        out = tmp_path / f"out-{proses}"
        written, _ = site.generate(ROOT / "data", out)
        assert sorted(written) == sorted(_pohon(out).keys() - {site.SIDIK, site.MANIFEST})
        pohon[proses] = _pohon(out)
        # Unchanged data: the fingerprint saved by the first run lets the second skip.
        assert site.generate(ROOT / "data", out)[0] == []
    assert list(pohon[2]) == list(pohon[1])
    # The fingerprint file also records the files' times: compare the fingerprint.
    sidik = {p: json.loads(pohon[p].pop(site.SIDIK)) for p in pohon}
    assert sidik[2]["sidik"] == sidik[1]["sidik"] == site._sidik(ROOT / "data")
    assert [rel for rel in pohon[1] if pohon[1][rel] != pohon[2][rel]] == []
    assert "unduh/capaian.xlsx" in pohon[2] and "index.md" in pohon[2]
