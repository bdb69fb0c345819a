"""The built site: MkDocs strict build, content of the HTML, hostile names, search
configuration, no third-party requests, and hand-written pages kept."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest_site import CONFIG, FIXTURE, ROOT, bangun, data_jahat, siapkan_konten

from generator import site


class _Html(HTMLParser):
    """Collects what matters for safety: scripts, attributes, tables, visible text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[tuple[dict, str]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self.tables: list[list[int]] = []
        self.text: list[str] = []
        self._in_script = None
        self._row = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        for k, v in attrs:
            self.attrs.append((tag, k, v or ""))
        if tag == "script":
            self._in_script = [a, ""]
        elif tag == "table":
            self.tables.append([])
        elif tag == "tr":
            self._row = 0
        elif tag in ("td", "th") and self._row is not None:
            self._row += 1

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script:
            self.scripts.append(tuple(self._in_script))
            self._in_script = None
        elif tag == "tr" and self._row is not None and self.tables:
            self.tables[-1].append(self._row)
            self._row = None

    def handle_data(self, data):
        if self._in_script:
            self._in_script[1] += data
        else:
            self.text.append(data)


def parse(path: Path) -> _Html:
    p = _Html()
    p.feed(path.read_text(encoding="utf-8"))
    return p


@pytest.fixture(scope="module")
def situs(tmp_path_factory):
    root = tmp_path_factory.mktemp("situs")
    return bangun(FIXTURE, root)


@pytest.fixture(scope="module")
def situs_jahat(tmp_path_factory):
    root = tmp_path_factory.mktemp("jahat")
    data = data_jahat(root / "data")
    return bangun(data, root)


def _halaman(situs_dir: Path):
    return sorted(situs_dir.rglob("*.html"))


def test_strict_build_has_no_warnings(tmp_path):
    out = tmp_path / "content"
    siapkan_konten(out)
    site.generate(FIXTURE, out)
    cfg = ROOT / f".kinerja-uji-{tmp_path.name}.yml"
    cfg.write_text(f"INHERIT: {CONFIG.name}\ndocs_dir: {out}\nsite_dir: {tmp_path / 'site'}\n", encoding="utf-8")
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)],
            capture_output=True, text=True, check=False, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    finally:
        cfg.unlink()
    assert proc.returncode == 0, proc.stderr
    assert not re.search(r"^(WARNING|ERROR)", proc.stderr, re.M), proc.stderr
    assert (tmp_path / "site" / "opd" / "dinas-kesehatan" / "2022" / "index.html").is_file()


def test_known_capaian_in_html(situs):
    _, html = situs
    page = parse(html / "opd" / "dinas-kesehatan" / "2022" / "index.html")
    text = " ".join(page.text)
    assert "Indeks Kepuasan Masyarakat Layanan Kesehatan" in text
    assert "105,08%" in text and "66,67%" in text
    assert "Rp\xa02.373.750.000" in "".join(page.text)
    assert "nan" not in text.split() and "None" not in text


def test_home_has_intro_and_links(situs):
    out, html = situs
    home = (html / "index.html").read_text(encoding="utf-8")
    intro = (out / "_beranda.md").read_text(encoding="utf-8").split()[:4]
    assert " ".join(intro) in " ".join(parse(html / "index.html").text).replace("\n", " ")
    assert 'href="opd/dinas-kesehatan/"' in home and 'href="opd/dinas-kesehatan/2023/"' in home
    assert not (html / "_beranda" / "index.html").exists()
    assert (html / "tentang" / "index.html").is_file()
    assert (html / "unduh" / "dinas-kesehatan" / "capaian.xlsx").is_file()
    grup = (html / "indikator" / "dinas-kesehatan" / "sasaran" / "index.html").read_text(encoding="utf-8")
    assert '<figure class="grafik"><svg xmlns="http://www.w3.org/2000/svg"' in grup


def test_no_third_party_requests(situs):
    _, html = situs
    for path in _halaman(html):
        text = path.read_text(encoding="utf-8")
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for url in re.findall(rf"<{tag}\b[^>]*\b{attr}=\"([^\"]*)\"", text):
                assert not re.match(r"^(https?:)?//", url), (path, url)
        assert "fonts.googleapis" not in text and "fonts.gstatic" not in text


def test_search_is_configured_for_indonesian(situs):
    _, html = situs
    index = json.loads((html / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["config"]["pipeline"] == []  # no English stemmer or stop words
    sep = re.compile(index["config"]["separator"])
    assert sep.split("kode 4.01.02 program") == ["kode", "4.01.02", "program"]
    titles = {d["title"] for d in index["docs"]}
    assert "Indeks Kepuasan Masyarakat Layanan Kesehatan" in titles
    # big numeric tables stay out of the index
    body = " ".join(d["text"] for d in index["docs"])
    assert "1.425.000.000" not in body  # a sub kegiatan's pagu: only in the budget table
    assert "95,52%" not in body  # a capaian Renstra: only in the T-C.29 table
    assert "Pemerintah Kabupaten Sukamaju" in body or "Pemerintah Kabupaten Sukamaju" in titles


def test_hostile_names_never_run(situs_jahat):
    _, html = situs_jahat
    pages = _halaman(html)
    assert len(pages) > 20
    for path in pages:
        page = parse(path)
        for attrs, body in page.scripts:
            src = attrs.get("src", "")
            assert not src or src.startswith(("../", "assets/", "search/")) or "/assets/" in src, (path, src)
            assert "alert" not in body, path
        for tag, k, v in page.attrs:
            assert not k.startswith("on"), (path, tag, k, v)
            assert not re.sub(r"[\s\x00-\x1f]", "", v).lower().startswith(("javascript:", "data:text")), (path, tag, k, v)
        for table in page.tables:
            assert len(set(table)) <= 1, (path, table)  # every row as wide as the header


def test_hostile_names_show_as_text(situs_jahat):
    _, html = situs_jahat
    page = parse(html / "opd" / "dinas-kesehatan" / "2022" / "index.html")
    text = "".join(page.text)
    assert "Dinas <script>alert(1)</script> | *Kesehatan* _miring_ [x](javascript:alert(2))" in text
    assert "Program {{ 7*7 }} | pipa <img src=x onerror=alert(3)>" in text
    assert "Indeks Kepuasan | `kode` </title><b onmouseover=alert(5)>IKM</b> - baris baru" in text
    assert "<script>alert(6)</script>" in text  # the narasi's raw HTML, shown as text
    assert "49" not in re.findall(r"Program (\d+)", text)  # {{ 7*7 }} was not evaluated
    profil = "".join(parse(html / "opd" / "dinas-kesehatan" / "index.html").text)
    assert "](javascript:alert(12)) 1. # Membantu" in profil


def test_build_is_deterministic_and_keeps_hand_written_pages(tmp_path):
    out = tmp_path / "content"
    siapkan_konten(out)
    (out / "tentang.md").write_text("# Tentang\n\nDitulis tangan.\n", encoding="utf-8")
    site.generate(FIXTURE, out)
    first = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    written, _ = site.generate(FIXTURE, out)
    second = {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}
    assert written == [] and first == second
    assert (out / "tentang.md").read_text(encoding="utf-8") == "# Tentang\n\nDitulis tangan.\n"
    site.build(FIXTURE, out, tmp_path / "site", CONFIG)
    assert "Ditulis tangan." in (tmp_path / "site" / "tentang" / "index.html").read_text(encoding="utf-8")
