"""The MkDocs hook that lets pre-rendered HTML blocks skip Python-Markdown."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

HALAMAN = """# Satu

Teks *biasa* sebelum blok.

<!-- kinerja:html -->
<div class="tabel" data-search-exclude><table>
<tr><td><a href="../dua.md#baris-3">dua</a></td><td>*tidak miring*</td><td><img src="grafik.svg" alt="g"></td></tr>
<tr><td><a href="index.md">indeks</a></td><td><a href="https://contoh.go.id/">luar</a></td><td><a href="#atas">atas</a></td></tr>
</table></div>
<!-- /kinerja:html -->

Teks **sesudah** blok.

<!-- kinerja:html -->
<table class="cari"><tr><td>Kata yang dicari</td></tr></table>
<!-- /kinerja:html -->
"""


def _situs(tmp_path: Path, halaman: str) -> subprocess.CompletedProcess:
    docs = tmp_path / "docs"
    (docs / "a").mkdir(parents=True)
    (docs / "a" / "satu.md").write_text(halaman, encoding="utf-8")
    (docs / "a" / "index.md").write_text("# A\n", encoding="utf-8")
    (docs / "a" / "grafik.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    (docs / "dua.md").write_text("# Dua\n", encoding="utf-8")
    (docs / "index.md").write_text("# Beranda\n", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        f"site_name: Uji\nuse_directory_urls: true\nhooks:\n  - {ROOT / 'generator' / 'mkdocs_hooks.py'}\n"
        "markdown_extensions:\n  - md_in_html\nplugins:\n  - search\n",
        encoding="utf-8",
    )
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(tmp_path / "mkdocs.yml"), "-d", str(tmp_path / "site")],
        check=False, capture_output=True, text=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
    )


@pytest.fixture(scope="module")
def situs(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("hook")
    proc = _situs(tmp, HALAMAN)
    assert proc.returncode == 0, proc.stderr
    return tmp


@pytest.fixture(scope="module")
def halaman(situs) -> str:
    return (situs / "site" / "a" / "satu" / "index.html").read_text(encoding="utf-8")


def test_block_is_not_parsed_as_markdown(halaman):
    assert "<td>*tidak miring*</td>" in halaman
    # The Markdown around the block still is.
    assert "<em>biasa</em>" in halaman and "<strong>sesudah</strong>" in halaman
    assert "kinerja:html" not in halaman and "kinerjablok" not in halaman


def test_links_in_block_resolve_like_markdown_links(halaman):
    # a/satu.md is served at a/satu/: one level deeper than its Markdown file.
    assert 'href="../../dua/#baris-3"' in halaman
    assert 'href="../"' in halaman  # a/index.md
    assert 'src="../grafik.svg"' in halaman
    assert 'href="https://contoh.go.id/"' in halaman and 'href="#atas"' in halaman


def test_broken_link_in_block_fails_strict_build(tmp_path):
    proc = _situs(tmp_path, HALAMAN.replace("../dua.md", "../tiga.md"))
    assert proc.returncode != 0
    assert "tiga.md" in proc.stderr and "tidak ada" in proc.stderr


def test_unclosed_block_fails_strict_build(tmp_path):
    proc = _situs(tmp_path, HALAMAN.replace("<!-- /kinerja:html -->", ""))
    assert proc.returncode != 0
    assert "tanpa penutup" in proc.stderr


def test_search_reads_blocks_not_excluded_from_it(situs, halaman):
    index = json.loads((situs / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    teks = " ".join(d["text"] for d in index["docs"])
    assert "Kata yang dicari" in teks  # a block without data-search-exclude is indexed
    assert "tidak miring" not in teks and "kinerjablok" not in teks
    # Both blocks are on the page, the excluded one put back after search read it.
    assert '<table class="cari"><tr><td>Kata yang dicari</td></tr></table>' in halaman
    assert "<td>*tidak miring*</td>" in halaman
