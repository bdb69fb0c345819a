"""Page content checked against the engine's numbers, escaping, narasi sanitising
and determinism of the generated Markdown (no MkDocs needed here)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from conftest_site import FIXTURE, JAHAT_INDIKATOR, SKRIP, data_jahat

from generator import engine, pages, site
from generator.engine import evaluasi
from generator.errors import Laporan
from generator.load import muat
from generator.numbers import format_persen


def _svg(bagian: str) -> str:
    """The inline chart of an indicator's section."""
    awal = bagian.index('<figure class="grafik"><svg')
    return bagian[awal + len('<figure class="grafik">'):bagian.index("</svg>", awal) + len("</svg>")]


@pytest.fixture(scope="module")
def hasil():
    dataset = muat(FIXTURE, Laporan())
    ev = evaluasi(dataset)
    return dataset, ev, pages.render_pages(dataset, ev, FIXTURE)


def _teks(files, path: str) -> str:
    return files[path].decode("utf-8")


def _baris(text: str, *needles: str) -> str:
    """The one table row (Markdown, or a pre-rendered HTML <tr>) containing every needle."""
    rows = [ln for ln in text.splitlines() if ln.startswith(("|", "<tr")) and all(n in ln for n in needles)]
    assert len(rows) == 1, (needles, rows)
    return rows[0]


def _sel(row: str) -> list[str]:
    """The cells of a pre-rendered HTML row."""
    return re.findall(r"<td[^>]*>(.*?)</td>", row)


def _blok_dari(text: str, row: str) -> str:
    """The pre-rendered HTML block that holds a row."""
    i = text.index(row)
    awal = text.rindex(pages.BUKA, 0, i)
    return text[awal:text.index(pages.TUTUP, i)]


def _tanda(text: str, row: str, alasan: str) -> None:
    """The row has a "–" whose numbered note in its table's legend is this reason."""
    legenda = re.search(r'<p class="keterangan">Tanda &#8211; : (.*)\.</p>', _blok_dari(text, row)).group(1)
    nomor = dict((a, n) for n, a in re.findall(r"<sup>(\d+)</sup> ([^;]*)", legenda))
    assert str(pages.esc(alasan)) in nomor, (alasan, legenda)
    assert f"&#8211;<sup>{nomor[str(pages.esc(alasan))]}</sup>" in row, (alasan, row)


def _capaian(ev, opd, ind, tahun, periode="tahunan"):
    return next(
        b for b in ev[opd].capaian if b.indikator == ind and b.tahun == tahun and b.periode == periode
    )


def test_known_capaian_on_opd_year_page(hasil):
    _, ev, files = hasil
    b = _capaian(ev, "dinas-kesehatan", "ikm", 2022)
    # 84,06 / 80 × 100 = 105,075 → ROUND_HALF_UP → 105,08
    assert b.capaian.nilai == Decimal("105.075")
    assert format_persen(b.capaian.nilai) == "105,08%"
    page = _teks(files, "opd/dinas-kesehatan/2022.md")
    row = _baris(page, "Indeks Kepuasan Masyarakat Layanan Kesehatan", "84,06 (Baik)")
    assert "<td>105,08%</td>" in row
    assert 'predikat p0">Sangat Tinggi<' in row
    assert "melebihi target" in row


def test_negatif_and_kategori_rows(hasil):
    _, _, files = hasil
    page = _teks(files, "opd/dinas-kesehatan/2022.md")
    # negatif, rumus selisih: (2×100 − 90) / 100 × 100
    assert "<td>110,00%</td>" in _baris(page, "Angka Kematian Ibu", "per 100.000 KH", "Sangat Tinggi")
    # kategori: skor(M)=2 / skor(U)=3 on a 4-band scale
    row = _baris(page, "Predikat Akreditasi Puskesmas", "<td>U</td>", "Sedang")
    assert "<td>66,67%</td>" in row and 'predikat p2">Sedang<' in row and "belum memenuhi target" in row


def test_tc29_columns_and_renstra(hasil):
    _, _, files = hasil
    page = _teks(files, "opd/dinas-kesehatan/2022.md")
    # kumulatif: realisasi s/d 2022 = 1 + 3, capaian Renstra 4 / 8
    tc29 = page.split("## Evaluasi hasil Renja")[1].split("## Anggaran")[0]
    row = _baris(tc29, "Jumlah Puskesmas Baru", "150,00%")
    cells = _sel(row)
    assert cells[0] == "1.02.02"
    assert cells[4:] == ["8", "1", "2", "3", "150,00%", "4", "50,00%"]
    # the missing s/d-last-year of a non-kumulatif indicator says why
    row = _baris(tc29, "Predikat Akreditasi Puskesmas", "<td>P</td>")
    _tanda(page, row, pages.ALASAN_REALISASI_LALU)


def test_budget_with_missing_realisasi(hasil):
    _, _, files = hasil
    page = _teks(files, "opd/dinas-kesehatan/2023.md")
    total = _baris(page, "<td>Jumlah Dinkes</td>")
    assert total.startswith('<tr class="jumlah">')  # the total is set in bold
    assert "Rp&nbsp;2.700.000.000" in total
    _tanda(page, total, pages.ALASAN_RINCIAN_BELUM)
    leaf = _baris(page, "Pengadaan Alat Kesehatan")
    _tanda(page, leaf, engine.ALASAN_TANPA_REALISASI)
    row = _baris(page, "Pelatihan Bidan Desa")
    assert "Rp&nbsp;290.000.000,50" in row and "96,67%" in row and "Rp&nbsp;9.999.999,50" in row
    # every "–" note has its legend under the table
    assert f"<sup>1</sup> {pages.ALASAN_RINCIAN_BELUM}" in _blok_dari(page, total)


def test_quarterly_lists_and_efisiensi(hasil):
    _, _, files = hasil
    page = _teks(files, "opd/dinas-kesehatan/2023.md")
    assert "<td>95,00%</td>" in _baris(page, "s/d Triwulan III", "<td>70</td>", "<td>66,5</td>")
    belum = page.split("### Belum memenuhi target")[1].split("###")[0]
    assert "Indeks Kepuasan Masyarakat Layanan Kesehatan" in belum and "98,78%" in belum
    memenuhi = page.split("### Memenuhi target")[1].split("###")[0]
    assert "Predikat Akreditasi Puskesmas" in memenuhi and "Jumlah Puskesmas Baru" in memenuhi
    page22 = _teks(files, "opd/dinas-kesehatan/2022.md")
    assert "<td>85,87%</td><td>99,40%</td><td>-13,53</td>" in _baris(page22, "Meningkatnya mutu layanan kesehatan", "-13,53")


def test_home_and_year_comparison(hasil):
    _, ev, files = hasil
    home = _teks(files, "index.md")
    row = _baris(home, "Dinas Kesehatan Kabupaten Sukamaju")
    r = next(x for x in ev["dinas-kesehatan"].ringkasan if x.tahun == 2023)
    assert format_persen(r.rata_rata_capaian) == "99,39%"
    assert "[2023](opd/dinas-kesehatan/2023.md)" in row and "99,39%" in row
    assert 'title="realisasi belum ada">–' in row
    assert "| 96,50% |" in _baris(home, "Dinas Pendidikan Kabupaten Sukamaju")
    tahun = _teks(files, "tahun/2022.md")
    assert "106,00%" in _baris(tahun, "Dinas Pendidikan")
    assert "93,91%" in _baris(tahun, "Dinas Kesehatan") and "Rp&nbsp;2.373.750.000" in _baris(tahun, "Dinas Kesehatan")


def _bagian(page: str, jangkar: str) -> str:
    """One indicator's section of a group page."""
    return page.split(f"{{ #{jangkar} }}\n")[1].split("\n## ")[0]


def test_indicator_section_series_and_chart(hasil):
    _, _, files = hasil
    # ikm belongs to a sasaran: it is on the OPD's page of tujuan/sasaran indicators.
    assert pages.hal_indikator("dinas-kesehatan", "sasaran", "ikm") == "indikator/dinas-kesehatan/sasaran.md#ind-ikm"
    page = _teks(files, "indikator/dinas-kesehatan/sasaran.md")
    assert "\n## Indeks Kepuasan Masyarakat Layanan Kesehatan { #ind-ikm }\n" in page
    assert page.startswith('---\ntitle: "Indikator tujuan dan sasaran Dinkes"\n---\n')
    assert '<li><a href="#ind-ikm">Indeks Kepuasan Masyarakat Layanan Kesehatan</a> (IKU)' in page
    ikm = _bagian(page, "ind-ikm")
    assert "<dt>Kode indikator</dt><dd>ikm</dd>" in ikm and "<dt>Satuan</dt><dd>Nilai</dd>" in ikm
    for tahun, cap in ((2021, "101,92%"), (2022, "105,08%"), (2023, "98,78%")):
        assert f"<td>{cap}</td>" in _baris(ikm, f">{tahun}</a>")
    row = _baris(ikm, ">2026</a>")
    _tanda(ikm, row, engine.ALASAN_TANPA_REALISASI)
    # The chart is inline in the indicator's section (no file per indicator).
    assert not any(p.startswith("indikator/") and p.endswith(".svg") for p in files)
    svg = ET.fromstring(_svg(ikm))
    texts = [t.text for t in svg.iter("{http://www.w3.org/2000/svg}text")]
    assert "84,06" in texts and "80" in texts and "2026" in texts
    assert svg.get("aria-label") == "Target dan realisasi Indeks Kepuasan Masyarakat Layanan Kesehatan"


def test_indicator_groups_by_program(hasil):
    dataset, _, files = hasil
    ind = sorted(p for p in files if p.startswith("indikator/dinas-kesehatan/") and p.endswith(".md"))
    # p1 and p2 are the programs; the kegiatan-level nakes is on its program's page.
    assert ind == [f"indikator/dinas-kesehatan/{n}.md" for n in ("index", "p1", "p2", "sasaran")]
    p2 = _teks(files, "indikator/dinas-kesehatan/p2.md")
    assert p2.startswith('---\ntitle: "Program Peningkatan Kapasitas SDM Kesehatan"\n---\n')
    assert "Program 1.02.03 · [Dinas Kesehatan Kabupaten Sukamaju](../../opd/dinas-kesehatan/index.md)" in p2
    nakes = _bagian(p2, "ind-nakes")
    assert "<dt>Kegiatan</dt><dd>1.02.03.2.01 Pelatihan Tenaga Kesehatan</dd>" in nakes
    # quarterly rows keep their target, realisasi, capaian and predikat
    assert "<td>95,00%</td>" in _baris(nakes, "s/d Triwulan III", "<td>70</td>", "<td>66,5</td>")
    # every indicator has exactly one section, and every link to it has a target
    grup = [p for p in files if p.startswith("indikator/") and p.endswith(".md")]
    jangkar = [j for p in grup for j in re.findall(r"\{ #(ind-[a-z0-9-]+) \}", _teks(files, p))]
    assert len(jangkar) == sum(len(o.indikator) for o in dataset.opd)
    assert len({(p, j) for p in grup for j in re.findall(r"\{ #(ind-[a-z0-9-]+) \}", _teks(files, p))}) == len(jangkar)
    for path, data in files.items():
        if not path.endswith(".md"):
            continue
        for href in re.findall(r'href="([^"#]*\.md)#(ind-[^"]*)"', data.decode("utf-8")):
            target = pages.posixpath.normpath(pages.posixpath.join(pages.posixpath.dirname(path), href[0]))
            assert f"{{ #{href[1]} }}" in _teks(files, target), (path, href)


def test_targets_per_document_are_columns(hasil):
    _, _, files = hasil
    aki = _bagian(_teks(files, "indikator/dinas-kesehatan/sasaran.md"), "ind-aki")
    assert "<th>Target Renstra</th><th>Target Renja</th><th>Target PK</th>" in aki
    # 2022: Renstra 100 and Renja 100, the Renja target is used
    cells = _sel(_baris(aki, ">2022</a>"))
    assert cells[2] == "Renja" and cells[-3:] == ["100", "100", ""]
    cells = _sel(_baris(aki, ">2023</a>"))
    assert cells[2] == "PK" and cells[-3:] == ["", "", "95"]


def test_group_names_never_collide():
    assert pages.nama_grup(None) == "sasaran"
    assert pages.nama_grup("p1") == "p1"
    for taken in ("index", "sasaran", "Index", "SASARAN"):
        assert pages.nama_grup(taken) not in ("index", "sasaran")
    assert pages.nama_grup("index") != pages.nama_grup("sasaran")


def test_metodologi_is_generated_from_engine(hasil):
    dataset, _, files = hasil
    page = _teks(files, "metodologi.md")
    for name, value in vars(engine).items():
        if name.startswith("ALASAN_"):
            assert f"- {pages.esc(value)}\n" in page, name
    for band in dataset.skala_capaian.bands:
        assert f">{band.label}</span>" in page
    assert "≥ 91,00%" in page and "| 126,725 | 126,73 |" in page
    assert "| positif | – | 76,71 | 80,61 | 105,08% |" in page
    assert "**selisih**" in page


def test_unduh_links_every_export(hasil):
    files_site, _ = site.render(FIXTURE)
    page = files_site["unduh/index.md"].decode("utf-8")
    exports = sorted(p for p in files_site if p.startswith("unduh/") and not p.endswith(".md"))
    assert len(exports) == 3 * 4 * 3
    linked = sorted("unduh/" + p for p in re.findall(r"\]\(([^)]+)\)", page) if not p.endswith(".md"))
    assert linked == exports


def test_generate_is_deterministic(tmp_path):
    a, _ = site.render(FIXTURE)
    b, _ = site.render(FIXTURE)
    assert a == b
    dataset = muat(FIXTURE, Laporan())
    dataset.opd.reverse()
    for opd in dataset.opd:
        opd.indikator.reverse()
        opd.elemen.reverse()
    assert pages.render_pages(dataset, evaluasi(dataset), FIXTURE) == {
        k: v for k, v in a.items() if not k.startswith("unduh/") or k.endswith(".md")
    }


@pytest.mark.parametrize(
    "payload",
    [SKRIP, "a|b", "*x*", "_y_", "[t](javascript:alert(1))", "{{ 7*7 }}", "baris\nbaru", "1. daftar", "- daftar",
     "`kode`", "# judul", "&lt;script&gt;", "{: onclick=x }"],
)
def test_esc_neutralises(payload):
    out = str(pages.esc(payload))
    bare = re.sub(r"&#\d+;", "", out)
    for ch in "<>|*_[]()`{}#&":
        assert ch not in bare
    assert "\n" not in out
    assert not re.match(r"^\s*(\d+[.)]|[-+])\s", out)


def test_narasi_sanitised():
    html = str(pages.narasi_html(
        "## Judul\n\n**tebal** <script>alert(1)</script> [a](javascript:alert(2)) "
        '<a href="java&#115;cript:alert(3)">x</a> [b](https://contoh.go.id/x) {: onclick="y" }\n'
    ))
    assert "<script" not in html and "href=\"java" not in html and "<a>a</a>" in html
    assert "<h3>Judul</h3>" in html and "<strong>tebal</strong>" in html
    assert '<a href="https://contoh.go.id/x" rel="nofollow noopener">b</a>' in html
    assert "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;" in html
    assert "onclick=" not in html
    assert "\n\n" not in html


def test_hostile_names_stay_text(tmp_path):
    data = data_jahat(tmp_path / "data")
    files, _ = site.render(data)
    page = files["opd/dinas-kesehatan/2022.md"].decode("utf-8")
    assert "<script" not in page and "](javascript:" not in page and "onerror=" not in page
    tc29 = page.split("## Evaluasi hasil Renja")[1].split("## Anggaran")[0]
    rows = [ln for ln in tc29.splitlines() if ln.startswith("<tr")]
    assert len(rows) == 5  # tujuan, sasaran, program, sasaran + 1 more indicator
    assert {r.count("<td") for r in rows} == {11}
    assert tc29.count("<th>") == 11
    row = next(r for r in rows if "IKM" in r)
    assert pages.esc(JAHAT_INDIKATOR) in row
    svg = _svg(_bagian(_teks(files, "indikator/dinas-kesehatan/sasaran.md"), "ind-ikm"))
    ET.fromstring(svg)  # still well-formed XML
    assert "<script" not in svg and "onmouseover=" not in svg


def test_hand_written_pages_survive_regenerate(tmp_path):
    out = tmp_path / "content"
    out.mkdir()
    (out / "tentang.md").write_text("# Tentang kami\n", encoding="utf-8")
    (out / "metodologi.md").write_text("# Metodologi tulisan tangan\n", encoding="utf-8")
    site.generate(FIXTURE, out)
    site.generate(FIXTURE, out)
    assert (out / "tentang.md").read_text(encoding="utf-8") == "# Tentang kami\n"
    assert (out / "metodologi.md").read_text(encoding="utf-8") == "# Metodologi tulisan tangan\n"
    assert (out / "opd" / "dinas-kesehatan" / "2022.md").is_file()
    assert "metodologi.md" not in (out / site.MANIFEST).read_text(encoding="utf-8").split()
