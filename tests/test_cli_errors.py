"""Mistakes on the command line itself (wrong paths, wrong options): an Indonesian
message and an exit status, never a traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "bad_input" / "base"


def kinerja(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    proc = subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture
def kerja(tmp_path: Path) -> Path:
    shutil.copytree(BASE, tmp_path / "data")
    (tmp_path / "berkas").write_text("bukan direktori\n", encoding="utf-8")
    return tmp_path


def test_data_directory_missing(kerja):
    proc = kinerja(kerja, "check", "--data", "tidak-ada")
    assert proc.returncode == 1
    assert proc.stderr.splitlines() == ["tidak-ada:1: -: direktori data tidak ditemukan", "1 galat, 0 peringatan"]


def test_data_is_a_file(kerja):
    proc = kinerja(kerja, "check", "--data", "berkas")
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[0] == "berkas:1: -: bukan direktori; --data harus menunjuk direktori data"


def test_generate_from_missing_data_writes_nothing(kerja):
    proc = kinerja(kerja, "generate", "--data", "tidak-ada", "--out", "keluaran")
    assert proc.returncode == 1
    assert proc.stderr.splitlines()[-1] == "Tidak ada yang ditulis: perbaiki galat di atas lalu jalankan lagi."
    assert not (kerja / "keluaran").exists()


def test_missing_mkdocs_config_is_a_build_error(kerja):
    proc = kinerja(kerja, "build", "--data", "data", "--out", "keluaran", "--site", "situs", "--config", "tidak.yml")
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1] == "galat: tidak.yml: konfigurasi MkDocs tidak ditemukan"
    assert not (kerja / "situs").exists()


def test_missing_mkdocs_config_writes_nothing(kerja):
    proc = kinerja(kerja, "build", "--data", "data", "--out", "keluaran", "--site", "situs", "--config", "tidak.yml")
    assert proc.returncode == 2
    assert not (kerja / "keluaran").exists()


@pytest.mark.parametrize("out", ["berkas", "berkas/sub"])
def test_output_path_that_is_a_file(kerja, out):
    proc = kinerja(kerja, "generate", "--data", "data", "--out", out)
    assert proc.returncode == 2
    assert proc.stderr.splitlines()[-1].startswith("galat: ")
    assert (kerja / "berkas").read_text(encoding="utf-8") == "bukan direktori\n"


def test_contoh_with_a_bad_year_range(kerja):
    proc = kinerja(kerja, "contoh", "--tahun", "2024", "--out", "x")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == ["--tahun harus berbentuk AWAL-AKHIR, mis. 2021-2026"]
    assert not (kerja / "x").exists()


@pytest.mark.parametrize("args", [[], ["check", "--tidak-ada"], ["terbitkan"]])
def test_usage_errors_exit_2(kerja, args):
    proc = kinerja(kerja, *args)
    assert proc.returncode == 2
    assert proc.stderr.startswith("penggunaan: kinerja")
    assert "kinerja: galat: " in proc.stderr or "kinerja check: galat: " in proc.stderr


def _isi(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("site", ["data", ".", "data/opd"])
def test_site_never_replaces_the_data_or_the_working_directory(kerja, site):
    shutil.copy(ROOT / "mkdocs.yml", kerja / "mkdocs.yml")
    before = _isi(kerja / "data")
    proc = kinerja(kerja, "build", "--data", "data", "--out", "keluaran", "--site", site)
    assert proc.returncode == 2
    assert "--site tidak boleh menunjuk" in proc.stderr.splitlines()[-1]
    assert _isi(kerja / "data") == before
    assert not (kerja / "keluaran").exists()


def test_site_refuses_a_folder_it_did_not_build(kerja):
    shutil.copy(ROOT / "mkdocs.yml", kerja / "mkdocs.yml")
    (kerja / "lain").mkdir()
    (kerja / "lain" / "penting.txt").write_text("jangan dihapus\n", encoding="utf-8")
    proc = kinerja(kerja, "build", "--data", "data", "--out", "keluaran", "--site", "lain")
    assert proc.returncode == 2
    assert "bukan situs yang dibangun kinerja" in proc.stderr.splitlines()[-1]
    assert (kerja / "lain" / "penting.txt").read_text(encoding="utf-8") == "jangan dihapus\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--opd", "0"], "--opd dan --indikator harus paling sedikit 1"),
        (["--indikator", "0"], "--opd dan --indikator harus paling sedikit 1"),
        (["--tahun", "2026-2021"], "--tahun harus AWAL ≤ AKHIR, keduanya antara 1900 dan 2200"),
        (["--tahun", "1-2"], "--tahun harus AWAL ≤ AKHIR, keduanya antara 1900 dan 2200"),
    ],
)
def test_contoh_rejects_impossible_shapes(kerja, args, message):
    proc = kinerja(kerja, "contoh", *args, "--out", "x")
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [message]
    assert not (kerja / "x").exists()
