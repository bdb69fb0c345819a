"""Atomic publishing: bad data never changes what is already published.

`generate` and `build` on good data, then on broken data: the command fails and
`content/` and `site/` are byte-identical to before. Hand-written files in `content/`
are never overwritten, and regenerating unchanged data writes nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "tests" / "bad_input" / "base"
CONFIG = ROOT / "mkdocs.yml"
TARGET = "opd/dinas-a/target.csv"

# The build half needs the page generator and the MkDocs configuration of the site.
perlu_situs = pytest.mark.skipif(
    not (ROOT / "generator" / "pages.py").is_file() or not CONFIG.is_file(),
    reason="generator/pages.py or mkdocs.yml not present: the site cannot be built yet",
)


def kinerja(*args: str | Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *map(str, args)],
        capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def isi(folder: Path) -> dict[str, bytes]:
    """Every file under a folder and its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def jejak(folder: Path) -> dict[str, tuple[int, int]]:
    """(mtime_ns, inode) of every file: an atomic rewrite changes the inode even
    when the clock is too coarse to change the mtime."""
    return {
        p.relative_to(folder).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def rusak(data: Path) -> None:
    """Text in a numeric cell: one error, found after every other file has loaded."""
    path = data / TARGET
    path.write_text(path.read_text(encoding="utf-8").replace("aduan,2024,renja,tahunan,10", "aduan,2024,renja,tahunan,sepuluh"), encoding="utf-8")


@pytest.fixture
def projek(tmp_path: Path) -> tuple[Path, Path, Path]:
    """A copy of the bad-input base data, and a content/ with the project's
    hand-written pages (what a fresh clone has)."""
    data, out, situs = tmp_path / "data", tmp_path / "content", tmp_path / "site"
    shutil.copytree(BASE, data)
    for rel in ("_beranda.md", "tentang.md", "stylesheets/kinerja.css"):
        if (ROOT / "content" / rel).is_file():
            (out / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(ROOT / "content" / rel, out / rel)
    out.mkdir(exist_ok=True)
    return data, out, situs


def test_generate_on_bad_data_leaves_content_byte_identical(projek):
    data, out, _ = projek
    first = kinerja("generate", "--data", data, "--out", out)
    assert first.returncode == 0, first.stderr
    before = isi(out)
    assert "unduh/capaian.csv" in before and ".kinerja-terbit" in before

    rusak(data)
    again = kinerja("generate", "--data", data, "--out", out)
    assert again.returncode == 1
    assert "Traceback" not in again.stderr
    assert f"{data / TARGET}:6: nilai: 'sepuluh' bukan angka yang sah" in again.stderr
    assert again.stderr.splitlines()[-1] == "Tidak ada yang ditulis: perbaiki galat di atas lalu jalankan lagi."
    assert isi(out) == before
    # No staging directory left behind either.
    assert not [p for p in out.iterdir() if p.name.startswith(".kinerja-") and p.is_dir()]


@perlu_situs
def test_build_on_bad_data_leaves_content_and_site_byte_identical(projek):
    data, out, situs = projek
    first = kinerja("build", "--data", data, "--out", out, "--site", situs, "--config", CONFIG)
    assert first.returncode == 0, first.stderr
    konten, html = isi(out), isi(situs)
    assert "index.html" in html and "unduh/capaian.csv" in konten

    rusak(data)
    again = kinerja("build", "--data", data, "--out", out, "--site", situs, "--config", CONFIG)
    assert again.returncode == 1
    assert "Traceback" not in again.stderr
    assert isi(out) == konten
    assert isi(situs) == html
    assert not [p for p in situs.parent.iterdir() if p.name.startswith((".site-", "site.lama"))]


@perlu_situs
def test_failed_mkdocs_build_leaves_site_byte_identical(projek):
    """A hand-written page with a broken link makes `mkdocs --strict` fail: the
    previous site stays as it was and the command exits 2."""
    data, out, situs = projek
    first = kinerja("build", "--data", data, "--out", out, "--site", situs, "--config", CONFIG)
    assert first.returncode == 0, first.stderr
    html = isi(situs)

    (out / "catatan.md").write_text("# Catatan\n\n[rusak](tidak-ada.md)\n", encoding="utf-8")
    again = kinerja("build", "--data", data, "--out", out, "--site", situs, "--config", CONFIG)
    assert again.returncode == 2, again.stderr
    assert "Traceback" not in again.stderr
    assert again.stderr.startswith("galat: MkDocs gagal membangun situs")
    assert "tidak-ada.md" in again.stderr  # the reason is shown
    assert isi(situs) == html


@perlu_situs
def test_failed_mkdocs_build_leaves_generated_content_byte_identical(projek):
    data, out, situs = projek
    first = kinerja("build", "--data", data, "--out", out, "--site", situs, "--config", CONFIG)
    assert first.returncode == 0, first.stderr
    (out / "catatan.md").write_text("# Catatan\n\n[rusak](tidak-ada.md)\n", encoding="utf-8")
    konten = isi(out)

    # New, valid data: the generated pages would change if they were written.
    path = data / "opd/dinas-a/realisasi.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("aduan,2024,tahunan,8,", "aduan,2024,tahunan,9,"), encoding="utf-8")
    again = kinerja("build", "--data", data, "--out", out, "--site", situs, "--config", CONFIG)
    assert again.returncode == 2
    assert isi(out) == konten


def test_hand_written_files_are_never_overwritten_or_removed(projek):
    data, out, _ = projek
    tangan = {
        "unduh/capaian.csv": b"tulisan tangan: bukan hasil kinerja\n",  # a name the generator uses
        "catatan-saya.md": b"# Catatan saya\n",
    }
    for rel, content in tangan.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_bytes(content)
    asli = isi(out)

    first = kinerja("generate", "--data", data, "--out", out)
    assert first.returncode == 0, first.stderr
    after = isi(out)
    for rel, content in asli.items():
        assert after[rel] == content, rel
    assert "unduh/anggaran.csv" in after  # the rest was generated
    assert "unduh/capaian.csv" not in (out / ".kinerja-terbit").read_text(encoding="utf-8").splitlines()

    # An OPD disappears: its generated files go, hand-written files stay.
    shutil.rmtree(data / "opd" / "dinas-b")
    second = kinerja("generate", "--data", data, "--out", out)
    assert second.returncode == 0, second.stderr
    final = isi(out)
    assert "unduh/dinas-b/capaian.csv" in after and "unduh/dinas-b/capaian.csv" not in final
    for rel, content in asli.items():
        assert final[rel] == content, rel


def test_regenerating_unchanged_data_writes_no_file(projek):
    data, out, _ = projek
    first = kinerja("generate", "--data", data, "--out", out)
    assert first.returncode == 0, first.stderr
    n_first = int(first.stderr.splitlines()[-1].split()[0])
    assert n_first > 30
    before = jejak(out)

    again = kinerja("generate", "--data", data, "--out", out)
    assert again.returncode == 0, again.stderr
    assert again.stderr.splitlines()[-1] == f"0 berkas ditulis ke {out}"
    assert jejak(out) == before
