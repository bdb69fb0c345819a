"""Regeneration touches only what changed (issue 5): with unchanged data no file is
rewritten, so `mkdocs serve` and git see nothing; a correction in one OPD's data
rewrites that OPD's pages and downloads, the cross-OPD pages and the whole-pemda
downloads, and nothing of any other OPD."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from generator import site
from generator.contoh import tulis_contoh
from generator.site import MANIFEST

OPD = "dinkes"
LAIN = ("disdikbud", "dinas-pupr")
EKSPOR = {f"{n}.{x}" for n in ("capaian", "anggaran", "ringkasan", "efisiensi") for x in ("csv", "json", "xlsx")}


def _jejak(out: Path) -> dict[str, tuple[int, int]]:
    """Every file's (mtime_ns, inode): an atomic rewrite changes the inode even when
    the clock is too coarse to change the mtime."""
    return {
        p.relative_to(out).as_posix(): (p.stat().st_mtime_ns, p.stat().st_ino)
        for p in sorted(out.rglob("*"))
        if p.is_file()
    }


def _opd_dari(rel: str) -> str | None:
    """The OPD a generated path belongs to, or None for a whole-pemda path."""
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] in ("opd", "indikator", "unduh"):
        return parts[1]
    return None


@pytest.fixture(scope="module")
def data(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("incremental")
    tulis_contoh(root / "data", opd=3, awal=2022, akhir=2025, indikator=14, seed=11)
    return root / "data"


def _ubah_iku(data: Path) -> tuple[str, int]:
    """Change one annual realisation of an IKU of OPD; returns the indicator and year."""
    folder = data / "opd" / OPD
    iku = [r["id"] for r in csv.DictReader(io.StringIO((folder / "indikator.csv").read_text("utf-8")))
           if r["iku"] == "ya" and r["polaritas"] != "kategori"]
    path = folder / "realisasi.csv"
    rows = list(csv.reader(io.StringIO(path.read_text("utf-8"))))
    for row in rows[1:]:
        if row[0] in iku and row[2] == "tahunan" and row[3] and "," not in row[3] and " " not in row[3]:
            row[3] = str(float(row[3]) * 1.5 + 1)
            buf = io.StringIO()
            csv.writer(buf, lineterminator="\n").writerows(rows)
            path.write_text(buf.getvalue(), encoding="utf-8")
            return row[0], int(row[1])
    raise AssertionError("no annual IKU realisation to change")


def test_unchanged_data_rewrites_nothing(data, tmp_path):
    out = tmp_path / "content"
    first, laporan = site.generate(data, out)
    assert not laporan.ada_galat
    manifest = (out / MANIFEST).read_text("utf-8").split()
    assert sorted(first) == sorted(manifest)
    assert {f"unduh/{n}" for n in EKSPOR} <= set(first)
    assert {f"unduh/{OPD}/{n}" for n in EKSPOR} <= set(first)
    before = _jejak(out)

    again, _ = site.generate(data, out)
    assert again == []
    assert _jejak(out) == before


def test_one_opd_change_rewrites_only_its_files(data, tmp_path):
    out = tmp_path / "content"
    site.generate(data, out)
    before = _jejak(out)
    files_before, _ = site.render(data)

    ind, tahun = _ubah_iku(data)
    written, laporan = site.generate(data, out)
    assert not laporan.ada_galat
    after = _jejak(out)
    # Bookkeeping dotfiles of the generator (manifest, fingerprint) may change.
    changed = {rel for rel in after if before.get(rel) != after[rel] and not rel.startswith(".")}
    removed = set(before) - set(after)
    assert removed == set()
    # What generate reports is exactly what changed on disk.
    assert changed == set(written)
    files_after, _ = site.render(data)
    assert set(written) == {rel for rel in files_after if files_before.get(rel) != files_after[rel]}

    # Nothing of the other OPDs is touched, though they have pages and downloads.
    for lain in LAIN:
        assert any(_opd_dari(rel) == lain for rel in after)
        assert not [rel for rel in written if _opd_dari(rel) == lain]

    # Only paths of this OPD or whole-pemda paths.
    per_opd = {rel for rel in written if _opd_dari(rel) is not None}
    assert {_opd_dari(rel) for rel in per_opd} == {OPD}
    # Its downloads that carry the realisation, and the whole-pemda ones.
    for name in ("capaian", "ringkasan"):
        for ext in ("csv", "json", "xlsx"):
            assert f"unduh/{OPD}/{name}.{ext}" in written
            assert f"unduh/{name}.{ext}" in written
    # The budget did not change: its downloads stay as they were.
    assert f"unduh/{OPD}/anggaran.csv" not in written
    assert "unduh/anggaran.csv" not in written

    if any(rel.endswith(".md") for rel in files_after):  # pages (issue 3) are present
        # Its page of that year and the changed indicator's page.
        assert f"opd/{OPD}/{tahun}.md" in written
        assert any(rel.startswith(f"indikator/{OPD}/") and rel.endswith(".md") for rel in written)
        # The cross-OPD comparison of that year shows the OPD's IKU mean.
        assert f"tahun/{tahun}.md" in written
        # Pages of other indicators of the same OPD are not rewritten.
        ind_pages = [rel for rel in written if rel.startswith(f"indikator/{OPD}/") and rel.endswith(".md")]
        assert len(ind_pages) == 1, (ind, ind_pages)
        whole = {rel for rel in written if _opd_dari(rel) is None}
        allowed = {f"unduh/{n}" for n in EKSPOR}
        for rel in whole - allowed:
            assert rel in ("index.md", "opd/index.md", "indikator/index.md", "unduh/index.md") or rel.startswith("tahun/"), rel

    # And once more with the corrected data: nothing.
    again, _ = site.generate(data, out)
    assert again == []
    assert _jejak(out) == after
