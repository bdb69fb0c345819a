"""Shared helpers for the site tests: the small fixture pemda, a hostile copy of it,
and building either with the project's real mkdocs.yml (strict)."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from generator import site

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
CONFIG = ROOT / "mkdocs.yml"
# The hand-written files of content/ that every build of the site has.
TULISAN_TANGAN = ("_beranda.md", "tentang.md", "stylesheets/kinerja.css")

# Names that try to break out of Markdown, tables, HTML, links and templates.
SKRIP = "<script>alert(1)</script>"
JAHAT_OPD = f"Dinas {SKRIP} | *Kesehatan* _miring_ [x](javascript:alert(2))"
JAHAT_ELEMEN = "Program {{ 7*7 }} | pipa <img src=x onerror=alert(3)> ![g](javascript:alert(4))"
JAHAT_INDIKATOR = "Indeks Kepuasan | `kode` </title><b onmouseover=alert(5)>IKM</b>\n- baris baru"
JAHAT_NARASI = (
    "## Judul\n\n<script>alert(6)</script>\n\n[tautan](javascript:alert(7)) "
    '<a href="java&#115;cript:alert(8)">x</a> <img src=x onerror=alert(9)>\n\n'
    "Paragraf {: onclick=\"alert(10)\" }\n"
)


def siapkan_konten(out: Path) -> None:
    """Copy the project's hand-written pages into an output directory."""
    for rel in TULISAN_TANGAN:
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / "content" / rel, target)


def bangun(data: Path, root: Path) -> tuple[Path, Path]:
    """Generate and build (mkdocs --strict) into root/content and root/site."""
    out, situs = root / "content", root / "site"
    siapkan_konten(out)
    site.build(data, out, situs, CONFIG)
    return out, situs


def _ganti_csv(path: Path, kolom: str, kunci: str, nilai: str) -> None:
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
        fields = list(rows[0].keys())
    for row in rows:
        if row["id"] == kunci:
            row[kolom] = nilai
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=fields, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def data_jahat(dest: Path) -> Path:
    """A copy of the fixture whose names carry injection payloads."""
    shutil.copytree(FIXTURE, dest)
    opd = dest / "opd" / "dinas-kesehatan"
    text = (opd / "opd.yaml").read_text(encoding="utf-8")
    text = text.replace("nama: Dinas Kesehatan Kabupaten Sukamaju", f"nama: '{JAHAT_OPD}'")
    text = text.replace("nama: dr. Siti Rahma", "nama: '{: onclick=\"alert(11)\" }'")
    text = text.replace(
        "tugas: Membantu Bupati melaksanakan urusan pemerintahan bidang kesehatan.",
        "tugas: '](javascript:alert(12)) 1. # Membantu'",
    )
    (opd / "opd.yaml").write_text(text, encoding="utf-8")
    _ganti_csv(opd / "struktur.csv", "nama", "p1", JAHAT_ELEMEN)
    _ganti_csv(opd / "struktur.csv", "nama", "ss2", "- daftar | {{ x }} 1. angka")
    _ganti_csv(opd / "indikator.csv", "nama", "ikm", JAHAT_INDIKATOR)
    _ganti_csv(opd / "indikator.csv", "formula", "ikm", "<iframe src=javascript:alert(13)>")
    (opd / "narasi" / "2022.md").write_text(JAHAT_NARASI, encoding="utf-8")
    return dest
