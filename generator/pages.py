"""The public site's Markdown pages, rendered from the engine's results.

Page layouts are Jinja2 templates (`generator/templates/*.md.j2`); this module only
prepares what they show. Every value reaching a template goes through one escaping
function (`esc`), applied automatically to each `{{ … }}` by the environment's
`finalize`, so a name from the data can never become Markdown or HTML syntax.
Numbers are formatted with `numbers.format_*`; a missing figure is "–" with its reason.
"""

from __future__ import annotations

import functools
import hashlib
import posixpath
import re
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from html.parser import HTMLParser
from pathlib import Path

import jinja2
import markdown
from markupsafe import Markup

from . import charts, contract, engine, export
from .audit import baris_audit
from .engine import BarisCapaian, EvaluasiOpd, Hitung, indikator_ringkasan, urutan_elemen
from .model import Dataset, Elemen, Indikator, Opd, Skala
from .numbers import bulat, format_angka, format_nilai, format_persen, format_rupiah
from .riwayat import Riwayat, riwayat_data

# Reasons for empty cells that only the pages need (the engine's own are engine.ALASAN_*).
ALASAN_TIDAK_ADA_ANGGARAN = "tidak ada anggaran pada tahun ini"
ALASAN_RINCIAN_BELUM = "realisasi sebagian rincian di bawahnya belum ada"
ALASAN_TAHUN_PERTAMA = "tahun pertama Renstra: belum ada tahun lalu"
ALASAN_TANPA_CAPAIAN_SASARAN = "tidak ada capaian indikator sasaran yang dapat dihitung"
ALASAN_TANPA_IKU = "belum ada capaian IKU yang dapat dihitung"
ALASAN_TANPA_RENSTRA = "periode Renstra belum ditetapkan"
ALASAN_REALISASI_LALU = "realisasi tahun lalu belum ada"
_KOSONG: dict = {}
TANPA_TARGET = engine.ALASAN_TANPA_TARGET
TANPA_REALISASI = engine.ALASAN_TANPA_REALISASI

TINGKAT = {"tujuan": 0, "sasaran": 1, "program": 2, "kegiatan": 3, "subkegiatan": 4, "opd": 0}
NAMA_TINGKAT = {
    "tujuan": "Tujuan", "sasaran": "Sasaran", "program": "Program", "kegiatan": "Kegiatan",
    "subkegiatan": "Sub Kegiatan", "opd": "OPD",
}
NAMA_PERIODE = {
    "tahunan": "Tahunan", "tw1": "s/d Triwulan I", "tw2": "s/d Triwulan II",
    "tw3": "s/d Triwulan III", "tw4": "s/d Triwulan IV",
}
NAMA_JENIS_TARGET = {"pk": "Perjanjian Kinerja", "renja": "Renja", "renstra": "Renstra", "": ""}
SINGKATAN_JENIS_TARGET = {"pk": "PK", "renja": "Renja", "renstra": "Renstra", "": ""}
KELAS_KATEGORI = {engine.MELEBIHI: "melebihi", engine.MEMENUHI: "memenuhi", engine.BELUM: "belum"}

# ---------------------------------------------------------------- escaping

# Characters that mean something to Markdown, its extensions, HTML or Jinja; written as
# numeric character references they display as themselves and mean nothing.
_KHUSUS = "&<>\"'\\`*_{}[]()#|!~^=$"
_ENTITAS = {ord(c): f"&#{ord(c)};" for c in _KHUSUS}
_KONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u2028\u2029\s]+")
_DAFTAR_ANGKA = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_DAFTAR_TANDA = re.compile(r"^(\s*)([-+])(?=\s|$)")


def _entitas(text: str) -> str:
    return text.translate(_ENTITAS)


def esc(value: object) -> Markup:
    """The one escaping function: data text → text safe in Markdown, HTML (also inside
    a quoted attribute), a table cell and SVG. Line breaks and control characters
    become one space, so a value can never end a table row or start a block."""
    if isinstance(value, Markup):
        return value
    return _esc_teks(str(value))


@functools.lru_cache(maxsize=65536)
def _esc_teks(value: str) -> Markup:
    # Names, units and codes repeat on thousands of pages: escape each once.
    text = _entitas(_KONTROL.sub(" ", value))
    # A leading "- ", "+ " or "1. " would start a list where the text stands alone.
    text = _DAFTAR_ANGKA.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)
    text = _DAFTAR_TANDA.sub(lambda m: m.group(1) + f"&#{ord(m.group(2))};", text)
    return Markup(text)


def _finalize(value: object) -> object:
    if value is None:
        return ""
    return esc(value)


# ---------------------------------------------------------------- narasi (trusted Markdown, untrusted HTML)

_TAG_BOLEH = {
    "p", "ul", "ol", "li", "strong", "em", "b", "i", "code", "pre", "blockquote", "br", "hr",
    "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "th", "td", "a",
}
_TURUN = {"h1": "h3", "h2": "h3", "h3": "h4", "h4": "h5", "h5": "h6", "h6": "h6"}
_SKEMA_AMAN = re.compile(r"^(https?:|mailto:|#|/|\.{0,2}/|[^:/?#]+(?:[/?#]|$))", re.IGNORECASE)


class _Bersih(HTMLParser):
    """Keep a small set of tags without attributes (links keep a safe href); drop the
    rest, keeping its text. Attribute values arrive decoded, so `java&#115;cript:` is
    seen as what a browser would see."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.buang = 0  # inside <script>/<style>

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.buang += 1
            return
        tag = _TURUN.get(tag, tag)
        if tag not in _TAG_BOLEH:
            return
        if tag == "a":
            href = dict(attrs).get("href") or ""
            href = re.sub(r"[\x00-\x20]", "", href)
            if href and _SKEMA_AMAN.match(href) and href.lower().startswith(("http:", "https:", "mailto:")):
                self.out.append(f'<a href="{esc(href)}" rel="nofollow noopener">')
            else:
                self.out.append("<a>")
            return
        self.out.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.buang = max(0, self.buang - 1)
            return
        tag = _TURUN.get(tag, tag)
        if tag in _TAG_BOLEH and tag not in ("br", "hr"):
            self.out.append(f"</{tag}>")

    def handle_data(self, data):
        if not self.buang:
            self.out.append(_entitas(data))


@functools.cache
def _markdown() -> markdown.Markdown:
    # One converter per process, reset before each use (building one loads its
    # extensions: more than converting a short narrative).
    return markdown.Markdown(extensions=["sane_lists"], output_format="html")


def narasi_html(teks: str) -> Markup:
    """The OPD's narrative: Markdown rendered to HTML, raw HTML shown as text, unsafe
    links and attributes removed. Returned as one HTML block with no blank line, so the
    page's Markdown leaves it alone."""
    source = teks.replace("<", "&lt;")
    html = _markdown().reset().convert(source)
    parser = _Bersih()
    parser.feed(html)
    parser.close()
    body = "".join(parser.out)
    body = re.sub(r"\n\s*\n", "\n", body).strip()
    return Markup(f'<div class="narasi">\n{body}\n</div>')


# ---------------------------------------------------------------- cells


def nilai_html(v) -> Markup:
    """A target or realisasi: a number in Indonesian form, or a category code (escaped)."""
    return Markup(format_nilai(v)) if isinstance(v, Decimal) else esc(v)


class Catatan:
    """Cells of one table; a missing value is "–" with a numbered note that the table's
    legend (`daftar()`) explains, and the reason in the title for a mouse pointer."""

    def __init__(self) -> None:
        self.alasan: list[str] = []

    def kosong(self, alasan: str) -> Markup:
        alasan = alasan or "tidak ada data"
        if alasan not in self.alasan:
            self.alasan.append(alasan)
        n = self.alasan.index(alasan) + 1
        return Markup(f'<span class="kosong" title="{esc(alasan)}">–<sup>{n}</sup></span>')

    def persen(self, v: Hitung | Decimal | None, alasan: str = "") -> Markup:
        if isinstance(v, Hitung):
            v, alasan = v.nilai, v.alasan or alasan
        return self.kosong(alasan) if v is None else Markup(format_persen(v))

    def rupiah(self, v: Decimal | None, alasan: str = "") -> Markup:
        return self.kosong(alasan) if v is None else Markup(format_rupiah(v).replace(" ", "&nbsp;"))

    def angka(self, v: Decimal | None, alasan: str = "") -> Markup:
        return self.kosong(alasan) if v is None else Markup(format_angka(v))

    def nilai(self, v, alasan: str = "") -> Markup:
        return self.kosong(alasan) if v is None else nilai_html(v)

    def daftar(self) -> Markup:
        if not self.alasan:
            return Markup("")
        items = "; ".join(f"<sup>{i}</sup> {esc(a)}" for i, a in enumerate(self.alasan, 1))
        return Markup(f'<p class="keterangan">Tanda – : {items}.</p>')


def predikat_html(label: str, skala: Skala) -> Markup:
    """The predikat as a word with a colour class by its place in the scale (never colour alone)."""
    if not label:
        return Markup("")
    labels = [b.label for b in skala.bands]
    if label in labels and len(labels) > 1:
        warna = round(labels.index(label) * 4 / (len(labels) - 1))
        return Markup(f'<span class="predikat p{warna}">{esc(label)}</span>')
    return Markup(f'<span class="predikat">{esc(label)}</span>')


@functools.lru_cache(maxsize=64)
def kategori_html(kat: str) -> Markup:
    if not kat:
        return Markup("")
    return Markup(f'<span class="kategori {KELAS_KATEGORI.get(kat, "lain")}">{esc(kat)}</span>')


# ---------------------------------------------------------------- pre-rendered HTML

# A block of complete HTML that Python-Markdown need not parse: the MkDocs hook
# (generator/mkdocs_hooks.py) lifts it out before conversion and resolves its links.
# Without the hook it is still a raw HTML block, valid Markdown.
# Dashes in the blocks as character references (see Tanda).
NDASH, MDASH = "&#8211;", "&#8212;"
BUKA = "<!-- kinerja:html -->"
TUTUP = "<!-- /kinerja:html -->"


_BARIS_KOSONG = re.compile(r"\n{3,}")


def _rapat(text: str) -> str:
    """At most one blank line in a row, outside the pre-rendered blocks (which have
    none, and are most of a big page's text: no need to scan them)."""
    if BUKA not in text:
        return _BARIS_KOSONG.sub("\n\n", text)
    bagian = text.split(BUKA)
    out = [_BARIS_KOSONG.sub("\n\n", bagian[0])]
    for b in bagian[1:]:
        isi, _, sisa = b.partition(TUTUP)
        out.append(BUKA + isi + TUTUP + _BARIS_KOSONG.sub("\n\n", sisa))
    return "".join(out)


def _rapat_potong(text: str, kaki: str) -> list[str] | None:
    """`_rapat(text + kaki).rstrip("\n") + "\n"` as pieces to join, each block sliced
    out once (big pages were copied half a dozen times on their way to bytes).
    None where the text is not a simple sequence of closed blocks: then `_rapat` it."""
    if BUKA in kaki or TUTUP in kaki:
        return None
    sub = _BARIS_KOSONG.sub
    out = []
    pos = 0
    n_buka, n_tutup = len(BUKA), len(TUTUP)
    while True:
        i = text.find(BUKA, pos)
        if i < 0:
            break
        j = text.find(TUTUP, i + n_buka)
        k = text.find(BUKA, i + n_buka)
        if j < 0 or 0 <= k < j:
            return None
        out.append(sub("\n\n", text[pos:i]))
        pos = j + n_tutup
        out.append(text[i:pos])
    # Collapsing the text's end and then again with the footer joined is the same as
    # collapsing them together: a run of newlines is cut to two either way.
    akhir = sub("\n\n", sub("\n\n", text[pos:]) + kaki).rstrip("\n")
    if not akhir:
        return None
    out.append(akhir + "\n")
    return out


class Blok(Markup):
    """A pre-rendered block (`blok`). `Penyaji.tulis` renders the page around a short
    stand-in for each and puts the block's bytes in afterwards: the big tables need
    not pass through the template, the blank-line pass and a few joins.
    `utuh` is set by `blok` only: a Blok made by Markup operations (two joined, say)
    lacks it, and is left as it is, without scanning megabytes of text for that."""

    utuh = False


def blok(inner: str, kelas: str = "") -> Markup:
    """One pre-rendered block. Everything from the data in `inner` is already escaped;
    links are relative to the page's .md file, as Markdown links are. It starts and
    ends with a blank line, which `tulis` relies on."""
    k = f"tabel {kelas}" if kelas else "tabel"
    b = Blok(f'\n\n{BUKA}\n<div class="{k}" data-search-exclude>\n{inner}</div>\n{TUTUP}\n\n')
    b.utuh = True
    return b




@functools.lru_cache(maxsize=1024)
def _pengganti(nomor: int) -> Markup:
    """The stand-in of a page's block number `nomor` (the same few hundred on every page)."""
    return Markup(f"\n\n{BUKA}{nomor}{TUTUP}\n\n")


def _ganti_blok(v, blok_: list):
    """`v` with every Blok in it (also in lists and tuples) replaced by a stand-in
    of the same shape: a blank line, BUKA, its number in `blok_`, TUTUP, a blank line."""
    t = type(v)
    if t is Blok and v.utuh:
        # Exactly what `blok` made (a Blok grown by Markup operations stays as it is).
        blok_.append(v)
        return _pengganti(len(blok_) - 1)
    if t is list:
        return [_ganti_blok(x, blok_) for x in v]
    if t is tuple:
        return tuple(_ganti_blok(x, blok_) for x in v)
    return v


def tabel(kepala: list[str], baris: list[str]) -> str:
    """A table from escaped header cells and finished `<tr>` rows. The table has no
    class, so the theme styles it like a Markdown table."""
    th = "</th><th>".join(kepala)
    return f"<table><thead><tr><th>{th}</th></tr></thead><tbody>\n" + "\n".join(baris) + "\n</tbody></table>\n"


def tr(cells: list[str]) -> str:
    return "<tr><td>" + "</td><td>".join(cells) + "</td></tr>"


_SEN = Decimal("0.01")
_SATU = Decimal(1)


def _titik_koma(text: str) -> str:
    """1,234.50 → 1.234,50 (str.translate with a table is three times slower)."""
    if "," in text:
        return text.replace(",", "_").replace(".", ",").replace("_", ".")
    return text.replace(".", ",")


def _angka_cepat(v: Decimal, places: int) -> str:
    """`numbers.format_angka(v, places)` for places 0 or 2, with the rounding and the
    grouping done by Decimal in C (a province page writes thousands of amounts).
    Falls back to format_angka where the quantize would need more than the context's
    precision. tests/test_pages_format.py checks both give the same text."""
    try:
        rounded = v.quantize(_SEN if places else _SATU, rounding=ROUND_HALF_UP)
    except InvalidOperation:
        return format_angka(v, places)
    if rounded.adjusted() < 3:
        # Below 1000 there is nothing to group, and str() of the quantized value has
        # exactly `places` decimals (a fifth of the cost of format()).
        text = str(rounded).replace(".", ",")
    else:
        text = _titik_koma(f"{rounded:,.{places}f}")
    if text[0] == "-" and not rounded:  # -0,00 is written 0,00
        text = text[1:]
    return text


def persen_cepat(v: Decimal) -> str:
    """`numbers.format_persen(v)`, faster: most percentages are below 1000, where the
    quantized value's own text needs only its decimal point swapped."""
    try:
        r = v.quantize(_SEN, ROUND_HALF_UP)
    except InvalidOperation:
        return format_persen(v)
    s = str(r)
    if len(s) < 7:  # from -99.99 to 999.99: no thousands to group
        if s[0] == "-" and not r:  # -0,00 is written 0,00
            s = s[1:]
        return s.replace(".", ",") + "%"
    return _angka_cepat(v, 2) + "%"


def _angka_rupiah(v: Decimal) -> str:
    if v == v.to_integral_value():
        # A whole amount has nothing to round: Decimal groups its exact digits.
        text = f"{v:,.0f}".replace(",", ".")  # no decimal point to swap
        return text[1:] if text[0] == "-" and not v else text
    return _angka_cepat(v, 2)


def rupiah_cepat(v: Decimal) -> str:
    """`numbers.format_rupiah(v)`, faster."""
    return "Rp " + _angka_rupiah(v)


def angka_cepat(v: Decimal) -> str:
    """`numbers.format_angka(v)` (2 places), faster."""
    return _angka_cepat(v, 2)


class Format:
    """Figures in Indonesian form. Targets and realisasi, which a province repeats
    thousands of times, are formatted once per distinct text of the value.
    Percentages and amounts seldom repeat and are written each time."""

    def __init__(self) -> None:
        self._nilai: dict[str, str] = {}
        self._angka: dict[Decimal, str] = {}

    # Not cached: percentages are computed ratios of 28 digits, and hashing such a
    # Decimal for the lookup costs more than writing it.
    persen = staticmethod(persen_cepat)

    @staticmethod
    def rupiah(v: Decimal) -> str:
        # Not cached: amounts seldom repeat (2 % of a province's), a lookup costs more.
        return "Rp&nbsp;" + _angka_rupiah(v)

    def angka(self, v: Decimal) -> str:
        s = self._angka.get(v)
        if s is None:
            s = self._angka[v] = angka_cepat(v)
        return s

    def sel_nilai(self, tanda: Tanda, v, alasan: str) -> str:
        return tanda(alasan) if v is None else self.nilai(v)

    def sel_persen(self, tanda: Tanda, v: Hitung | Decimal | None, alasan: str = "") -> str:
        if isinstance(v, Hitung):
            v, alasan = v.nilai, v.alasan or alasan
        return tanda(alasan) if v is None else self.persen(v)

    def sel_rupiah(self, tanda: Tanda, v: Decimal | None, alasan: str) -> str:
        return tanda(alasan) if v is None else self.rupiah(v)

    def sel_angka(self, tanda: Tanda, v: Decimal | None, alasan: str) -> str:
        return tanda(alasan) if v is None else self.angka(v)

    def nilai(self, v) -> str:
        """A target or realisasi: a number, or a category code (escaped)."""
        if not isinstance(v, Decimal):
            return str(esc(v))
        # Keyed by the Decimal's text, not the Decimal: hashing a Decimal costs more
        # than formatting it, and the text tells -0 from 0 (written differently).
        k = str(v)
        s = self._nilai.get(k)
        if s is None:
            s = self._nilai[k] = format_nilai(v)
        return s


@functools.cache
def _format_proses() -> Format:
    # One cache of formatted figures per process: the OPDs a worker renders share
    # most of their targets, percentages and amounts.
    return Format()


class Tanda:
    """The "–" cells of one pre-rendered table: numbered in order of first use, the
    reasons listed under the table (`daftar()`). The dash is written as a character
    reference, like the other non-ASCII marks of the blocks: a block of ASCII text is
    half the memory to build and copies straight into UTF-8 bytes."""

    def __init__(self) -> None:
        self.alasan: dict[str, str] = {}

    def __call__(self, alasan: str) -> str:
        alasan = alasan or "tidak ada data"
        s = self.alasan.get(alasan)
        if s is None:
            s = self.alasan[alasan] = f'<span class="kosong">{NDASH}<sup>{len(self.alasan) + 1}</sup></span>'
        return s

    def isi(self, tg: str | None, rl: str | None, cp: str | None, b: BarisCapaian) -> tuple[str, str, str]:
        """Target, realisasi and capaian cells of a row, a missing one as its "–"."""
        return (
            self(TANPA_TARGET) if tg is None else tg,
            self(TANPA_REALISASI) if rl is None else rl,
            self(b.capaian.alasan) if cp is None else cp,
        )

    def daftar(self) -> str:
        if not self.alasan:
            return ""
        items = "; ".join(f"<sup>{i}</sup> {esc(a)}" for i, a in enumerate(self.alasan, 1))
        return f'<p class="keterangan">Tanda {NDASH} : {items}.</p>\n'


# ---------------------------------------------------------------- paths

_ID_AMAN = re.compile(r"^[a-z0-9][a-z0-9-]{0,80}$")


def berkas_id(ident: str) -> str:
    """A file name for an id: the id itself when it is already a safe slug, else a slug
    plus a short hash, so every id gets a distinct, stable URL."""
    if _ID_AMAN.match(ident):
        return ident
    slug = re.sub(r"[^a-z0-9]+", "-", ident.lower()).strip("-")[:60] or "indikator"
    return f"{slug}-{hashlib.sha1(ident.encode('utf-8')).hexdigest()[:8]}"


def hal_opd(opd_id: str) -> str:
    return f"opd/{opd_id}/index.md"


def hal_opd_tahun(opd_id: str, tahun: int) -> str:
    return f"opd/{opd_id}/{tahun}.md"


# The page of an OPD's indicators that belong to no program (tujuan and sasaran level).
GRUP_SASARAN = "sasaran"


def nama_grup(program_id: str | None) -> str:
    """The file name of a group page: the program's id as a file name, or `sasaran`.
    `index` (the OPD's list) and `sasaran` are taken, so a program with such an id gets
    a hashed name instead."""
    if program_id is None:
        return GRUP_SASARAN
    nama = berkas_id(program_id)
    if nama in ("index", GRUP_SASARAN):
        nama = f"{nama}-{hashlib.sha1(program_id.encode('utf-8')).hexdigest()[:8]}"
    return nama


def hal_grup(opd_id: str, grup: str) -> str:
    return f"indikator/{opd_id}/{grup}.md"


def jangkar_indikator(ind_id: str) -> str:
    """The anchor of an indicator's section on its group page."""
    return "ind-" + berkas_id(ind_id)


def hal_indikator(opd_id: str, grup: str, ind_id: str) -> str:
    """An indicator's section: `indikator/<opd>/<grup>.md#ind-<id>`."""
    return f"indikator/{opd_id}/{grup}.md#{jangkar_indikator(ind_id)}"


def hal_daftar_indikator(opd_id: str) -> str:
    return f"indikator/{opd_id}/index.md"


def hal_tahun(tahun: int) -> str:
    return f"tahun/{tahun}.md"


def _relatif(dari: str, ke: str) -> Markup:
    return Markup(posixpath.relpath(ke, posixpath.dirname(dari) or "."))


@functools.lru_cache(maxsize=4096)
def _folder(dari: str) -> tuple[str, ...]:
    d = posixpath.dirname(dari)
    return tuple(d.split("/")) if d else ()


def _penaut(dari: str):
    """`url()` of one page: the same result as `_relatif(dari, ke)`, without
    posixpath.relpath's abspath calls (half a million links at province scale)."""
    awal = _folder(dari)

    def url(ke: str) -> Markup:
        bagian = ke.split("/")
        if "" in bagian or "." in bagian or ".." in bagian or any(b in (".", "..") for b in awal):
            return _relatif(dari, ke)
        n = 0
        batas = min(len(awal), len(bagian))
        while n < batas and awal[n] == bagian[n]:
            n += 1
        rel = [".."] * (len(awal) - n) + bagian[n:]
        return Markup("/".join(rel) if rel else ".")

    return url


# ---------------------------------------------------------------- templates


def lingkungan() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("generator", "templates"),
        autoescape=False,  # Markdown, not HTML: `finalize` escapes every value instead
        finalize=_finalize,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # templates do not change during a run: no stat per page
    )
    env.filters["esc"] = esc
    env.filters["teks"] = esc
    env.filters["persen"] = lambda v: Markup(format_persen(v))
    env.filters["rupiah"] = lambda v: Markup(format_rupiah(v).replace(" ", "&nbsp;"))
    env.filters["nilai"] = nilai_html
    # Pieces written in Python (already escaped, or escaped here) as one value.
    env.filters["gabung"] = lambda v: Markup("".join([esc(x) for x in v]))
    env.globals["Catatan"] = Catatan
    env.globals["kategori_html"] = kategori_html
    env.globals["engine"] = engine
    env.globals["ALASAN_TANPA_CAPAIAN_SASARAN"] = ALASAN_TANPA_CAPAIAN_SASARAN
    env.globals["NAMA_PERIODE"] = NAMA_PERIODE
    env.globals["NAMA_TINGKAT"] = NAMA_TINGKAT
    env.globals["NAMA_JENIS_TARGET"] = NAMA_JENIS_TARGET
    return env


@functools.cache
def _lingkungan_proses() -> jinja2.Environment:
    # One environment per process: each compiles its templates once (compiling them
    # for every OPD cost more than rendering the OPD's pages).
    return lingkungan()


# ---------------------------------------------------------------- view models


@dataclass
class Konteks:
    """What every page needs: the data, the results and lookup tables."""

    dataset: Dataset
    hasil: dict[str, EvaluasiOpd]

    def __post_init__(self) -> None:
        self.opd = {o.id: o for o in sorted(self.dataset.opd, key=lambda o: o.id)}
        self.skala_capaian = self.dataset.skala_capaian

        self._predikat: dict[str, Markup] = {}

    def predikat(self, label: str) -> Markup:
        s = self._predikat.get(label)
        if s is None:
            s = self._predikat[label] = predikat_html(label, self.skala_capaian)
        return s


def nama_opd(opd: Opd) -> str:
    return opd.singkatan or opd.nama


def tahun_terakhir(ev: EvaluasiOpd):
    """The latest year with a computed rata-rata capaian or serapan, else the latest year."""
    rows = ev.ringkasan
    berisi = [r for r in rows if r.rata_rata_capaian is not None or r.serapan.nilai is not None]
    if berisi:
        return berisi[-1]
    return rows[-1] if rows else None


def _alasan_ringkasan(r) -> tuple[str, str]:
    rata = ALASAN_TANPA_IKU if r.jumlah_indikator else "tidak ada IKU pada tahun ini"
    serapan = r.serapan.alasan or ALASAN_TIDAK_ADA_ANGGARAN
    return rata, serapan


def _label_skala(ind: Indikator, v, dataset: Dataset) -> str:
    """The indicator's own scale label for a value (IKM 86 → "Baik")."""
    skala = dataset.skala.get(ind.skala) if ind.skala else None
    if skala is None or v is None:
        return ""
    if isinstance(v, Decimal):
        return skala.band(bulat(v)).label
    band = next((b for b in skala.bands if b.kode == v), None)
    return band.label if band and band.label != band.kode else ""


class IndeksOpd:
    """One OPD's rows indexed once, so that a page looks up its rows instead of
    scanning all of them (250 indicator pages × 7 500 capaian rows per OPD)."""

    def __init__(self, opd: Opd, ev: EvaluasiOpd, fmt: Format) -> None:
        self.elemen = {e.id: e for e in opd.elemen}
        self.indikator = {i.id: i for i in opd.indikator}
        self.urut_id = sorted(opd.indikator, key=lambda i: i.id)
        self.capaian_ind: dict[str, list[BarisCapaian]] = {}
        self.capaian_tahun: dict[int, list[BarisCapaian]] = {}
        for b in ev.capaian:
            self.capaian_ind.setdefault(b.indikator, []).append(b)
            self.capaian_tahun.setdefault(b.tahun, []).append(b)
        # Each indicator's yearly targets by document, written (Format.nilai's cache read
        # directly, as in Penyaji.sel_capaian): the columns of its section's table.
        self.dokumen: dict[str, dict[int, dict[str, str]]] = {}
        teks, nilai, D = fmt._nilai, fmt.nilai, Decimal
        dokumen = self.dokumen
        for t in opd.target:
            if t.periode == "tahunan":
                v = t.nilai
                per_ind = dokumen.get(t.indikator)
                if per_ind is None:
                    per_ind = dokumen[t.indikator] = {}
                per_tahun = per_ind.get(t.tahun)
                if per_tahun is None:
                    per_tahun = per_ind[t.tahun] = {}
                per_tahun[t.jenis] = (teks.get(str(v)) if type(v) is D else None) or nilai(v)
        self.ringkasan = {r.tahun: r for r in ev.ringkasan}
        self.anggaran_tahun: dict[int, list] = {}
        self.pagu: dict[int, object] = {}
        for a in ev.anggaran:
            self.anggaran_tahun.setdefault(a.tahun, []).append(a)
            if a.jenis == "opd":
                self.pagu.setdefault(a.tahun, a)  # the first one of the year
        self.tahun = {r.tahun for r in ev.ringkasan}
        self._leluhur: dict[str, list[str]] = {}
        self.anggaran_langsung = {(a.elemen, a.tahun) for a in opd.anggaran}
        self.anggaran_elemen = {(a.elemen, a.tahun): a for a in ev.anggaran}

        # Indicator pages are grouped: one page per program (the nearest program at or
        # above the indicator's element), one for the indicators under no program.
        self.induk = {e.id: e.induk for e in opd.elemen}
        self.urutan_elemen = urutan_elemen(opd.elemen)
        urutan = {e.id: n for n, e in enumerate(self.urutan_elemen)}
        induk = self.induk
        akhir = len(urutan)
        self.grup_ind: dict[str, str] = {}
        grup: dict[str, tuple[Elemen | None, list[Indikator]]] = {}
        for ind in sorted(opd.indikator, key=lambda i: (urutan.get(i.elemen, akhir), i.id)):
            program = None
            for eid in engine.leluhur(ind.elemen, induk):
                e = self.elemen.get(eid)
                if e is not None and e.jenis == "program":
                    program = e
                    break
            nama = nama_grup(program.id if program else None)
            self.grup_ind[ind.id] = nama
            grup.setdefault(nama, (program, []))[1].append(ind)
        # The page of tujuan/sasaran indicators first, then the programs in tree order.
        self.grup = sorted(grup.items(), key=lambda kv: -1 if kv[1][0] is None else urutan[kv[1][0].id])


    def leluhur(self, eid: str) -> list[str]:
        """The element and its ancestors (engine.leluhur), once per element."""
        s = self._leluhur.get(eid)
        if s is None:
            s = self._leluhur[eid] = engine.leluhur(eid, self.induk)
        return s


class Penyaji:
    """Renders every page of the site into a dict of relative path → bytes."""

    def __init__(self, dataset: Dataset, hasil: dict[str, EvaluasiOpd], data_dir=None,
                 riwayat: Riwayat | None = None) -> None:
        self.k = Konteks(dataset, hasil)
        self.env = _lingkungan_proses()
        self.files: dict[str, bytes] = {}
        self.data_dir = Path(data_dir) if data_dir is not None else None
        # Read the git history of the data once; every page takes its date from it.
        if riwayat is None:
            riwayat = riwayat_data(self.data_dir) if self.data_dir else Riwayat(catatan="direktori data tidak diketahui")
        self.riwayat = riwayat
        self._kaki: dict[tuple, str] = {}
        self._sumber: dict[str, list[Path]] = {}
        self._tpl: dict[str, jinja2.Template] = {}
        self._indeks: dict[str, IndeksOpd] = {}
        self.fmt = _format_proses()
        self._sel_opd: tuple[str, dict[int, tuple]] | None = None
        self._tautan: dict[tuple[str, str], dict[str, str]] = {}
        self._sel_ind: tuple[tuple[str, str] | None, dict[str, str]] = (None, {})
        self._audit_opd: tuple[str, dict[int, list]] = ("", {})
        self._uraian: tuple[str, dict[tuple[str, str], str]] = ("", {})
        # Pieces of the indicators' definition lists (see _isi_indikator).
        self._dl_elemen: dict[tuple[str, str], str] = {}
        self._dl_sifat: dict[tuple, str] = {}
        self._dl_skala: dict[str, str] = {}

    def indeks(self, opd: Opd) -> IndeksOpd:
        if opd.id not in self._indeks:
            self._indeks[opd.id] = IndeksOpd(opd, self.k.hasil[opd.id], self.fmt)
        return self._indeks[opd.id]

    def sumber_opd(self, opd_id: str) -> list[Path]:
        """The data files that feed an OPD's pages (the same list for each of them)."""
        if self.data_dir is None:
            return []
        s = self._sumber.get(opd_id)
        if s is None:
            d = self.data_dir
            s = self._sumber[opd_id] = [d / "opd" / opd_id, d / "pemda.yaml", d / "skala.yaml"]
        return s

    def _diperbarui(self, sumber: list[Path]) -> str:
        # Every page of an OPD has the same sources: look the date up once per OPD.
        kunci = tuple(sumber)
        if kunci not in self._kaki:
            self._kaki[kunci] = self.env.get_template("diperbarui.md.j2").render(
                diperbarui=str(self.riwayat.diperbarui(sumber)))
        return self._kaki[kunci]

    def tulis(self, path: str, template: str, sumber: list[Path] | None = None, **ctx) -> None:
        tpl = self._tpl.get(template)
        if tpl is None:
            tpl = self._tpl[template] = self.env.get_template(template)
        if sumber is None:
            sumber = [self.data_dir] if self.data_dir else []
        umum = {"url": _penaut(path), "pemda": self.k.dataset.pemda, "predikat": self.k.predikat}
        kaki = self._diperbarui(sumber)
        # The blocks stand in as short markers while the template renders and the
        # blank lines between them are collapsed (a block has none and is left alone
        # by `_rapat` anyway); then the pieces are encoded each and joined once.
        blok_: list[Blok] = []
        ganti = {k: _ganti_blok(v, blok_) for k, v in ctx.items()}
        bagian = _rapat_potong(tpl.render(**umum, **ganti), kaki)
        if bagian is None or "\n" not in bagian[0]:
            # Unusual text (a block left open, a page without a first line): the
            # plain way, with the blocks themselves.
            bagian, blok_ = [_rapat(tpl.render(**umum, **ctx) + kaki).rstrip("\n") + "\n"], []
        # MkDocs takes a page title from the H1 with its character references decoded,
        # and the theme prints it unescaped (`<title>`, header). An explicit title, still
        # escaped, keeps a name like "</title><script>" as text there too.
        awal = bagian[0]
        judul = awal[:awal.find("\n")].removeprefix("# ")
        out: list = [f'---\ntitle: "{judul}"\n---\n\n'.encode()]
        n_buka, n_tutup = len(BUKA), len(TUTUP)
        for b in bagian:
            nomor = b[n_buka:-n_tutup] if b.startswith(BUKA) else ""
            if nomor.isascii() and nomor.isdigit() and b.endswith(TUTUP):
                # The block without the blank lines around it (one byte per newline).
                out.append(memoryview(blok_[int(nomor)].encode("utf-8"))[2:-2])
            else:
                out.append(b.encode("utf-8"))
        self.files[path] = b"".join(out)

    def svg(self, path: str, svg: str) -> None:
        self.files[path] = svg.encode("utf-8")

    # ------------------------------------------------------------ pages

    def semua(self) -> dict[str, bytes]:
        for opd in self.k.opd.values():
            self.opd_semua(opd)
        self.lintas()
        return dict(sorted(self.files.items()))

    def opd_semua(self, opd: Opd) -> None:
        """The pages of one OPD: they need that OPD's data and nothing else, so OPDs
        can be rendered in separate processes."""
        self.halaman_opd(opd)
        for r in self.k.hasil[opd.id].ringkasan:
            self.halaman_opd_tahun(opd, r.tahun)
        for grup, (program, inds) in self.indeks(opd).grup:
            self.halaman_grup(opd, grup, program, inds)
        self.daftar_indikator_opd(opd)

    def lintas(self) -> None:
        """The pages across OPDs. They read only what `ringkas_opd` keeps of each OPD."""
        self.beranda()
        self.daftar_opd()
        self.halaman_tahun()
        self.daftar_indikator()
        self.metodologi()
        self.unduh()
        self.tulis("riwayat.md", "riwayat.md.j2", riwayat=self.riwayat, tingkat=1)

    def _baris_opd(self, opd: Opd, r) -> dict:
        rata, serap = _alasan_ringkasan(r)
        pagu = self.indeks(opd).pagu.get(r.tahun)
        return {"opd": opd, "r": r, "alasan_rata": rata, "alasan_serapan": serap, "pagu": pagu}

    def beranda(self) -> None:
        baris = []
        tahun: set[int] = set()
        for opd in self.k.opd.values():
            ev = self.k.hasil[opd.id]
            tahun.update(ev.tahun())
            r = tahun_terakhir(ev)
            if r is not None:
                baris.append(self._baris_opd(opd, r))
            else:
                baris.append({"opd": opd, "r": None})
        self.tulis("index.md", "beranda.md.j2", baris=baris, tahun=sorted(tahun),
                   hal_opd=hal_opd, hal_opd_tahun=hal_opd_tahun, hal_tahun=hal_tahun)

    def daftar_opd(self) -> None:
        self.tulis("opd/index.md", "opd_daftar.md.j2", opd=list(self.k.opd.values()), hasil=self.k.hasil,
                   hal_opd=hal_opd, nama_opd=nama_opd)

    def sel_capaian(self, opd: Opd) -> dict[int, tuple]:
        """Each capaian row of the OPD formatted once (a year page and an indicator's
        section show the same rows): id(row) → (target, realisasi, realisasi with the
        indicator's scale label, capaian, predikat, kategori, capaian Renstra,
        pertumbuhan); None where missing (the last two also for quarterly rows)."""
        if self._sel_opd is not None and self._sel_opd[0] == opd.id:
            return self._sel_opd[1]
        ds = self.k.dataset
        ix = self.indeks(opd)
        nilai, predikat = self.fmt.nilai, self.k.predikat
        # Format.nilai's cache read here directly (a call less per figure when it has
        # the value; nilai() itself on a miss and for category codes); likewise the
        # predikat and kategori cells, and percentages written without Format.persen.
        teks = self.fmt._nilai
        sel_pred, sel_kat = self.k._predikat, {}
        persen = persen_cepat
        berskala = {k for k, i in ix.indikator.items() if i.skala}
        D = Decimal
        out: dict[int, tuple] = {}
        for b in self.k.hasil[opd.id].capaian:
            tg, rl, cp = b.target, b.realisasi, b.capaian.nilai
            r_s = None if rl is None else (teks.get(str(rl)) if type(rl) is D else None) or nilai(rl)
            r_l = r_s
            if r_s is not None and b.indikator in berskala:
                label = _label_skala(ix.indikator[b.indikator], rl, ds)
                if label:
                    r_l = f"{r_s} ({esc(label)})"
            cr = pt = None
            if b.periode == "tahunan":
                cr, pt = b.capaian_renstra.nilai, b.pertumbuhan.nilai
                cr = None if cr is None else persen(cr)
                pt = None if pt is None else persen(pt)
            tg_s = None if tg is None else (teks.get(str(tg)) if type(tg) is D else None) or nilai(tg)
            pr = sel_pred.get(b.predikat) or predikat(b.predikat)
            kt = sel_kat.get(b.kategori)
            if kt is None:
                kt = sel_kat[b.kategori] = kategori_html(b.kategori)
            out[id(b)] = (tg_s, r_s, r_l, None if cp is None else persen(cp), pr, kt, cr, pt)
        self._sel_opd = (opd.id, out)  # one OPD at a time: its pages are rendered together
        return out

    def _audit(self, opd: Opd, tahun: int) -> list:
        """The audit rows of one year: `baris_audit` once per OPD (it indexes the OPD's
        results each time), split by year; in file order as `baris_audit(tahun=)` gives them."""
        if not opd.tercetak:
            return []
        if self._audit_opd[0] != opd.id:
            per_tahun: dict[int, list] = {}
            for row in baris_audit(opd, self.k.hasil[opd.id]):
                per_tahun.setdefault(row.tahun, []).append(row)
            self._audit_opd = (opd.id, per_tahun)
        return self._audit_opd[1].get(tahun, [])

    def _awal_baris(self, opd: Opd, eid: str, jenis: str) -> str:
        """The start of a T-C.29 or budget row: code and the element's name indented by its
        level, the level written out. The same on every year page of the OPD."""
        if self._uraian[0] != opd.id:
            self._uraian = (opd.id, {})
        cache = self._uraian[1]
        s = cache.get((eid, jenis))
        if s is None:
            e = self.indeks(opd).elemen.get(eid)
            s = cache[(eid, jenis)] = (
                f'<tr><td>{esc(e.kode) if e else ""}</td><td class="lv{TINGKAT.get(jenis, 0)}">'
                f"<small>{esc(NAMA_TINGKAT.get(jenis, jenis))}</small> {esc(e.nama if e else eid)}</td>")
        return s

    def _tautan_indikator(self, path: str, opd: Opd):
        """`<a>` of an indicator's section, relative to the page at `path`; each built once
        per folder (an OPD's year pages share theirs)."""
        url = _penaut(path)
        grup = self.indeks(opd).grup_ind
        kunci = (opd.id, posixpath.dirname(path))
        if kunci not in self._tautan:
            self._tautan = {kunci: {}}  # one OPD at a time
        cache = self._tautan[kunci]

        def a(ind: Indikator) -> str:
            s = cache.get(ind.id)
            if s is None:
                s = cache[ind.id] = f'<a href="{url(hal_indikator(opd.id, grup[ind.id], ind.id))}">{esc(ind.nama)}</a>'
            return s

        return a

    def _sel_indikator(self, path: str, opd: Opd) -> dict[str, str]:
        """`<td>link</td><td>satuan</td>` of each indicator, built once per folder of
        the OPD (its year pages share them)."""
        kunci = (opd.id, posixpath.dirname(path))
        if self._sel_ind[0] != kunci:
            a = self._tautan_indikator(path, opd)
            self._sel_ind = (kunci, {ind.id: f"<td>{a(ind)}</td><td>{esc(ind.satuan)}</td>" for ind in opd.indikator})
        return self._sel_ind[1]

    def _daftar_indikator_html(self, path: str, opd: Opd, daftar, tempat) -> Markup:
        """A list of indicators as links to their sections; `tempat(ind, e)` says where each sits."""
        a = self._tautan_indikator(path, opd)
        li = []
        for ind, e in daftar:
            iku = " (IKU)" if ind.iku else ""
            li.append(f"<li>{a(ind)}{iku}{tempat(e) if e else ''}</li>")
        return blok("<ul>\n" + "\n".join(li) + "\n</ul>\n", "daftar")

    def halaman_opd(self, opd: Opd) -> None:
        ev = self.k.hasil[opd.id]
        baris = [self._baris_opd(opd, r) for r in ev.ringkasan]
        grafik = None
        if ev.ringkasan:
            grafik = f"opd/{opd.id}/grafik.svg"
            self.svg(grafik, charts.ringkasan_tahunan(
                [(str(r.tahun), r.rata_rata_capaian, r.serapan.nilai) for r in ev.ringkasan],
                f"Rata-rata capaian IKU dan serapan anggaran {nama_opd(opd)} per tahun",
            ))
        elemen = self.indeks(opd).elemen
        indikator = [
            (ind, elemen.get(ind.elemen)) for ind in
            sorted(opd.indikator, key=lambda i: (engine.kunci_kode(elemen[i.elemen].kode) if i.elemen in elemen else (), i.elemen, i.id))
        ]
        path = hal_opd(opd.id)
        daftar = self._daftar_indikator_html(
            path, opd, indikator, lambda e: f" {MDASH} {esc(NAMA_TINGKAT.get(e.jenis, e.jenis))} {esc(e.nama)}")
        self.tulis(path, "opd.md.j2", sumber=self.sumber_opd(opd.id),
                   riwayat_opd=self.riwayat.untuk_opd(opd.id), opd=opd, baris=baris, grafik=grafik, daftar=daftar,
                   hal_opd_tahun=hal_opd_tahun, nama_opd=nama_opd, unduhan=export.KOLOM)

    def halaman_opd_tahun(self, opd: Opd, tahun: int) -> None:
        ev = self.k.hasil[opd.id]
        ix = self.indeks(opd)
        elemen = ix.elemen
        ind_by_id = ix.indikator
        rows = ix.capaian_tahun.get(tahun, [])
        tahunan = {b.indikator: b for b in rows if b.periode == "tahunan"}
        r = ix.ringkasan[tahun]
        path = hal_opd_tahun(opd.id, tahun)
        a = self._tautan_indikator(path, opd)
        kepala = self._sel_indikator(path, opd)
        f = self.fmt
        nilai = f.nilai
        teks, D = f._nilai, Decimal  # see sel_capaian
        sel = self.sel_capaian(opd)
        awal, akhir = opd.renstra_awal, opd.renstra_akhir

        # IKU of the year, by sasaran.
        iku = []
        for ind in indikator_ringkasan(opd):
            b = tahunan.get(ind.id)
            if b is not None:
                iku.append((elemen.get(ind.elemen), ind, b))
        iku.sort(key=lambda x: (x[0].nama if x[0] else "", x[1].id))
        tabel_iku = None
        if iku:
            t = Tanda()
            baris = []
            for e, ind, b in iku:
                tg, _, rl, cp, pr, kt, _, _ = sel[id(b)]
                tg, rl, cp = t.isi(tg, rl, cp, b)
                baris.append(f"<tr><td>{esc(e.nama) if e else ''}</td>{kepala[ind.id]}<td>{tg}</td><td>{rl}</td>"
                             f"<td>{cp}</td><td>{pr}</td><td>{kt}</td></tr>")
            tabel_iku = blok(tabel(
                ["Sasaran", "Indikator", "Satuan", "Target", "Realisasi", "Capaian", "Predikat", "Kategori"], baris,
            ) + t.daftar(), "t-iku")

        # T-C.29: the tree in order, each element with its indicators of this year.
        per_elemen: dict[str, list[Indikator]] = {}
        for ind in ix.urut_id:
            if ind.id in tahunan:
                per_elemen.setdefault(ind.elemen, []).append(ind)
        tampil: set[str] = set()
        for eid in per_elemen:
            tampil.update(ix.leluhur(eid))
        tabel_tc29 = None
        t = Tanda()
        baris = []
        kosong9 = "<td></td>" * 9
        alasan_tc29: dict[tuple[bool, bool], dict[str, str]] = {}
        for e in ix.urutan_elemen:
            if e.id not in tampil:
                continue
            awal_baris = self._awal_baris(opd, e.id, e.jenis)
            inds = per_elemen.get(e.id, [])
            if not inds:
                baris.append(f"{awal_baris}{kosong9}</tr>")
            mulai = awal_baris
            for ind in inds:
                b = tahunan[ind.id]
                tg, rl, _, cp, _, _, cr, _ = sel[id(b)]
                # On one year page the reasons depend only on these two things.
                k_al = (ind.sifat == "kumulatif", b.realisasi is None)
                al = alasan_tc29.get(k_al)
                if al is None:
                    al = alasan_tc29[k_al] = self._alasan_tc29(b, ind, awal, akhir)
                v = b.target_renstra_akhir
                ra = t(al["renstra_akhir"]) if v is None else (teks.get(str(v)) if type(v) is D else None) or nilai(v)
                v = b.realisasi_sd_lalu
                sl = t(al["sd_lalu"]) if v is None else (teks.get(str(v)) if type(v) is D else None) or nilai(v)
                if tg is None:
                    tg = t(al["target"])
                if rl is None:
                    rl = t(al["realisasi"])
                if cp is None:
                    cp = t(b.capaian.alasan)
                v = b.realisasi_sd
                sd = t(al["sd"]) if v is None else (teks.get(str(v)) if type(v) is D else None) or nilai(v)
                if cr is None:
                    cr = t(b.capaian_renstra.alasan)
                baris.append(f"{mulai}{kepala[ind.id]}<td>{ra}</td><td>{sl}</td>"
                             f"<td>{tg}</td><td>{rl}</td><td>{cp}</td><td>{sd}</td><td>{cr}</td></tr>")
                mulai = "<tr><td></td><td></td>"
        if baris:
            tabel_tc29 = blok(tabel([
                "Kode", "Tujuan / sasaran / program / kegiatan / sub kegiatan", "Indikator kinerja", "Satuan",
                f"Target Renstra {akhir or ''}", f"Realisasi s/d {tahun - 1}", f"Target {tahun}",
                f"Realisasi {tahun}", f"Tingkat capaian {tahun}", f"Realisasi s/d {tahun}",
                f"Capaian Renstra s/d {tahun}",
            ], baris) + t.daftar(), "lebar t-tc29")

        # Quarterly realisations.
        tabel_triwulan = None
        triwulan = [b for b in rows if b.periode != "tahunan"]
        if triwulan:
            t = Tanda()
            baris = []
            sebelumnya = None
            for b in triwulan:
                # The indicator's name on the first of its rows only (rows of one indicator are together).
                nama = a(ind_by_id[b.indikator]) if b.indikator != sebelumnya else ""
                sebelumnya = b.indikator
                tg, rl, _, cp, pr, _, _, _ = sel[id(b)]
                tg, rl, cp = t.isi(tg, rl, cp, b)
                baris.append(f"<tr><td>{nama}</td><td>{NAMA_PERIODE[b.periode]}</td><td>{tg}</td><td>{rl}</td>"
                             f"<td>{cp}</td><td>{pr}</td></tr>")
            tabel_triwulan = blok(tabel(
                ["Indikator", "Periode", "Target", "Realisasi", "Capaian", "Predikat"], baris) + t.daftar(), "t-tw")

        # Budget tree with its totals.
        tabel_anggaran = None
        anggaran = ix.anggaran_tahun.get(tahun, [])
        if anggaran:
            t = Tanda()
            baris = []
            langsung = ix.anggaran_langsung
            rupiah, persen = f.rupiah, f.persen
            for x in anggaran:
                rinci = x.jenis == "opd" or (x.elemen, tahun) not in langsung
                alasan = ALASAN_RINCIAN_BELUM if rinci else engine.ALASAN_TANPA_REALISASI
                v = x.pagu
                pg = t("") if v is None else rupiah(v)
                v = x.realisasi
                rl = t(alasan) if v is None else rupiah(v)
                v = x.serapan.nilai
                sp = t(alasan if x.realisasi is None else x.serapan.alasan) if v is None else persen(v)
                v = x.sisa
                ss = t(alasan) if v is None else rupiah(v)
                if x.jenis == "opd":
                    mulai = f'<tr class="jumlah"><td></td><td>Jumlah {esc(nama_opd(opd))}</td>'
                else:
                    mulai = self._awal_baris(opd, x.elemen, x.jenis)
                baris.append(f"{mulai}<td>{pg}</td><td>{rl}</td><td>{sp}</td><td>{ss}</td></tr>")
            tabel_anggaran = blok(tabel(
                ["Kode", "Uraian", "Pagu", "Realisasi", "Serapan", "Sisa"], baris) + t.daftar(), "lebar t-anggaran")

        # Indicators by kategori (Renja bab 2.1.1–2.1.3).
        kelompok: dict[str, list[str]] = {engine.BELUM: [], engine.MEMENUHI: [], engine.MELEBIHI: []}
        tak_terhitung: list[str] = []
        for ind in ix.urut_id:
            b = tahunan.get(ind.id)
            if b is None:
                continue
            if b.kategori:
                satuan = f" {esc(ind.satuan)}" if ind.satuan and ind.polaritas != "kategori" else ""
                tg, rl, _, cp, _, _, _, _ = sel[id(b)]
                kelompok[b.kategori].append(f"<li>{a(ind)}: capaian {cp} (target {tg}, realisasi {rl}{satuan})</li>")
            else:
                tak_terhitung.append(f"<li>{a(ind)}: {esc(b.capaian.alasan)}</li>")

        def daftar(li: list[str]) -> Markup | None:
            return blok("<ul>\n" + "\n".join(li) + "\n</ul>\n", "daftar") if li else None

        kelompok_html = [
            ("Belum memenuhi target", daftar(kelompok[engine.BELUM])),
            ("Memenuhi target", daftar(kelompok[engine.MEMENUHI])),
            ("Melebihi target", daftar(kelompok[engine.MELEBIHI])),
        ]

        # Efisiensi per sasaran.
        per_anggaran = ix.anggaran_elemen
        efisiensi = []
        for x in ev.efisiensi:
            if x.tahun != tahun:
                continue
            ang = per_anggaran.get((x.sasaran, tahun))
            alasan_serapan = ang.serapan.alasan if ang else ALASAN_TIDAK_ADA_ANGGARAN
            if ang and ang.realisasi is None:
                alasan_serapan = ALASAN_RINCIAN_BELUM
            efisiensi.append((x, elemen.get(x.sasaran), alasan_serapan))
        tabel_efisiensi = None
        if efisiensi:
            t = Tanda()
            baris = [tr([
                esc(e.nama if e else x.sasaran), f.sel_persen(t, x.capaian, ALASAN_TANPA_CAPAIAN_SASARAN),
                f.sel_persen(t, x.serapan, alas), f.sel_angka(t, x.efisiensi, "capaian atau serapan tidak dapat dihitung"),
            ]) for x, e, alas in efisiensi]
            tabel_efisiensi = blok(tabel(
                ["Sasaran", "Rata-rata capaian", "Serapan anggaran", "Efisiensi (poin)"], baris) + t.daftar(), "t-efisiensi")

        grafik = None
        batang = [(e.nama if e else x.sasaran, x.capaian, x.serapan) for x, e, _ in efisiensi]
        if any(c is not None or s is not None for _, c, s in batang):
            grafik = f"opd/{opd.id}/{tahun}-sasaran.svg"
            self.svg(grafik, charts.per_sasaran(
                batang, f"Capaian dan serapan anggaran per sasaran, {nama_opd(opd)} {tahun}"))

        tahun_lain = [x.tahun for x in ev.ringkasan]
        i = tahun_lain.index(tahun)
        self.tulis(
            path, "opd_tahun.md.j2", sumber=self.sumber_opd(opd.id),
            audit=self._audit(opd, tahun), opd=opd, tahun=tahun, r=r, rasio=self._baris_opd(opd, r),
            tabel_iku=tabel_iku, tabel_tc29=tabel_tc29, tabel_triwulan=tabel_triwulan, tabel_anggaran=tabel_anggaran,
            kelompok=kelompok_html, tak_terhitung=daftar(tak_terhitung), tabel_efisiensi=tabel_efisiensi,
            grafik=grafik, narasi=narasi_html(opd.narasi[tahun]) if tahun in opd.narasi else None,
            sebelum=tahun_lain[i - 1] if i > 0 else None, sesudah=tahun_lain[i + 1] if i + 1 < len(tahun_lain) else None,
            renstra=(awal, akhir), hal_opd=hal_opd, hal_opd_tahun=hal_opd_tahun, hal_tahun=hal_tahun,
            nama_opd=nama_opd, unduhan=export.KOLOM,
        )

    @staticmethod
    def _alasan_tc29(b: BarisCapaian, ind: Indikator, awal, akhir) -> dict[str, str]:
        """Why each empty cell of a T-C.29 row is empty."""
        if awal is None or akhir is None:
            luar = ALASAN_TANPA_RENSTRA
        elif not awal <= b.tahun <= akhir:
            luar = engine.ALASAN_RENSTRA_LUAR
        else:
            luar = ""
        kumulatif = ind.sifat == "kumulatif"
        if b.tahun == awal:
            sd_lalu = ALASAN_TAHUN_PERTAMA
        else:
            sd_lalu = engine.ALASAN_RENSTRA_BOLONG if kumulatif else ALASAN_REALISASI_LALU
        if b.realisasi is None:
            sd = engine.ALASAN_TANPA_REALISASI
        else:
            sd = engine.ALASAN_RENSTRA_BOLONG
        return {
            "renstra_akhir": luar or engine.ALASAN_RENSTRA_AKHIR,
            "sd_lalu": luar or sd_lalu,
            "sd": luar or sd,
            "target": engine.ALASAN_TANPA_TARGET,
            "realisasi": engine.ALASAN_TANPA_REALISASI,
        }

    def halaman_tahun(self) -> None:
        per_tahun: dict[int, list[dict]] = {}
        for opd in self.k.opd.values():
            for r in self.k.hasil[opd.id].ringkasan:
                per_tahun.setdefault(r.tahun, []).append(self._baris_opd(opd, r))
        self.tulis("tahun/index.md", "tahun_daftar.md.j2", tahun=sorted(per_tahun), per_tahun=per_tahun,
                   hal_tahun=hal_tahun)
        for tahun, baris in sorted(per_tahun.items()):
            self.tulis(hal_tahun(tahun), "tahun.md.j2", tahun=tahun, baris=baris,
                       hal_opd_tahun=hal_opd_tahun, nama_opd=nama_opd)

    def halaman_grup(self, opd: Opd, grup: str, program: Elemen | None, inds: list[Indikator]) -> None:
        """The indicators of one program (or of no program) on one page, a section each."""
        ix = self.indeks(opd)
        path = hal_grup(opd.id, grup)
        url = _penaut(path)
        # A year links to the OPD's page of that year.
        tahun_html = {th: f'<a href="{url(hal_opd_tahun(opd.id, th))}">{th}</a>' for th in ix.tahun}
        bagian: list[Markup] = []
        pisah = ""
        li = []
        for ind in inds:
            jangkar = jangkar_indikator(ind.id)
            e = ix.elemen.get(ind.elemen)
            tempat = ""
            if e is not None:
                kode = f" {esc(e.kode)}" if e.kode else ""
                tempat = f" {MDASH} {esc(NAMA_TINGKAT.get(e.jenis, e.jenis))}{kode}"
            li.append(f'<li><a href="#{jangkar}">{esc(ind.nama)}</a>{" (IKU)" if ind.iku else ""}{tempat}</li>')
            # The section's heading and its block, written here rather than by a
            # template loop (21 sections a page, 15 000 at province scale); the block
            # stays a piece of its own, so `tulis` still lifts it out as a stand-in.
            bagian.append(Markup(f"{pisah}## {esc(ind.nama)} {{ #{esc(jangkar)} }}\n\n"))
            bagian.append(self._isi_indikator(opd, ind, e, url, tahun_html))
            pisah = "\n"
        daftar = blok("<ul>\n" + "\n".join(li) + "\n</ul>\n", "daftar")
        self.tulis(path, "indikator_grup.md.j2", sumber=self.sumber_opd(opd.id), opd=opd, program=program,
                   daftar=daftar, bagian=bagian, hal_opd=hal_opd, hal_daftar_indikator=hal_daftar_indikator,
                   nama_opd=nama_opd, NAMA_TINGKAT=NAMA_TINGKAT)

    @staticmethod
    def _definisi_sifat(ind: Indikator) -> str:
        if ind.polaritas == "negatif":
            polaritas = "negatif (makin kecil makin baik)"
        elif ind.polaritas == "kategori":
            polaritas = f"kategori (nilai berupa predikat pada skala {esc(ind.skala)})"
        else:
            polaritas = "positif (makin besar makin baik)"
        sifat = ("kumulatif (realisasi s/d tahun n dijumlahkan sejak awal Renstra)"
                 if ind.sifat == "kumulatif" else "non-kumulatif")
        return (f"<dt>Polaritas</dt><dd>{polaritas}</dd><dt>Sifat</dt><dd>{sifat}</dd>"
                f"<dt>IKU</dt><dd>{'ya' if ind.iku else 'tidak'}</dd>")

    def _definisi_skala(self, skala: Skala) -> str:
        nilai_skala = []
        for band in skala.bands:
            teks = esc(band.kode)
            if band.label != band.kode:
                teks += f" = {esc(band.label)}"
            if band.min is not None:
                teks += f" (&#8805; {self.fmt.nilai(band.min)})"
            nilai_skala.append(teks)
        return f"<dt>Skala nilai</dt><dd>{'; '.join(nilai_skala)}</dd>"

    def _isi_indikator(self, opd: Opd, ind: Indikator, e: Elemen | None, url, tahun_html: dict[int, str]) -> Markup:
        """One indicator's section: definition, chart, and every target and realisasi by year
        and period with the targets of each planning document."""
        ds = self.k.dataset
        ix = self.indeks(opd)
        f = self.fmt

        # The definition list; its parts shared by many indicators (the element's row,
        # polarity/nature/IKU, the category scale) are written once per OPD or run.
        elemen = ""
        if e is not None:
            elemen = self._dl_elemen.get((opd.id, e.id))
            if elemen is None:
                kode = f"{esc(e.kode)} " if e.kode else ""
                elemen = self._dl_elemen[(opd.id, e.id)] = (
                    f"<dt>{esc(NAMA_TINGKAT.get(e.jenis, e.jenis))}</dt><dd>{kode}{esc(e.nama)}</dd>")
        skala = ds.skala.get(ind.skala) if ind.skala else None
        kunci = (ind.polaritas, ind.skala, ind.sifat, ind.iku)
        sifat = self._dl_sifat.get(kunci)
        if sifat is None:
            sifat = self._dl_sifat[kunci] = self._definisi_sifat(ind)
        lain = ""
        if ind.formula:
            lain += f"<dt>Formula</dt><dd>{esc(ind.formula)}</dd>"
        if ind.sumber_data:
            lain += f"<dt>Sumber data</dt><dd>{esc(ind.sumber_data)}</dd>"
        if ind.penanggung_jawab:
            lain += f"<dt>Penanggung jawab</dt><dd>{esc(ind.penanggung_jawab)}</dd>"
        if skala:
            nilai_skala = self._dl_skala.get(ind.skala)
            if nilai_skala is None:
                nilai_skala = self._dl_skala[ind.skala] = self._definisi_skala(skala)
            lain += nilai_skala
        satuan = esc(ind.satuan) if ind.satuan else NDASH
        out = [f'<dl class="definisi">{elemen}<dt>Kode indikator</dt><dd>{esc(ind.id)}</dd>'
               f"<dt>Satuan</dt><dd>{satuan}</dd>{sifat}{lain}</dl>\n"]

        rows = ix.capaian_ind.get(ind.id, [])
        if not rows:
            out.append("<p>Belum ada target atau realisasi.</p>\n")
            return blok("".join(out), "indikator")

        seri = [b for b in rows if b.periode == "tahunan"]
        sel = self.sel_capaian(opd)
        if seri:
            # Inline, not a file per indicator: 15 000 small files cost more to write
            # than everything else of a province, and a phone would fetch each of them.
            # The bars' labels are the table's cells (f.nilai, escaped), written once.
            svg = charts.target_realisasi(
                [(str(b.tahun), b.target, b.realisasi) for b in seri], skala if ind.polaritas == "kategori" else None,
                f"Target dan realisasi {ind.nama}", f.nilai, [sel[id(b)][:2] for b in seri],
            )
            out.append(f'<figure class="grafik">{svg}{charts.KETERANGAN}</figure>\n')

        dokumen = ix.dokumen.get(ind.id, _KOSONG)
        # One table of the years, one of the quarters (cumulative s/d each quarter).
        # Rows as single f-strings: 450 000 of them at province scale.
        t = Tanda()
        tahunan, triwulan = [], []
        for b in rows:
            tg, _, rl, cp, pr, kt, cr, pt = sel[id(b)]
            tg, rl, cp = t.isi(tg, rl, cp, b)
            sumber = SINGKATAN_JENIS_TARGET[b.jenis_target]
            if b.periode == "tahunan":
                d = dokumen.get(b.tahun, _KOSONG)
                renstra = d.get("renstra", "")
                renja = d.get("renja", "")
                pk = d.get("pk", "")
                if cr is None:
                    cr = t(b.capaian_renstra.alasan)
                if pt is None:
                    pt = t(b.pertumbuhan.alasan)
                tahunan.append(
                    f"<tr><td>{tahun_html.get(b.tahun) or b.tahun}</td><td>{tg}</td><td>{sumber}</td><td>{rl}</td>"
                    f"<td>{cp}</td><td>{pr}</td><td>{kt}</td><td>{cr}</td><td>{pt}</td><td>{renstra}</td>"
                    f"<td>{renja}</td><td>{pk}</td></tr>")
            else:
                triwulan.append(
                    f"<tr><td>{b.tahun}</td><td>{NAMA_PERIODE[b.periode]}</td><td>{tg}</td><td>{sumber}</td>"
                    f"<td>{rl}</td><td>{cp}</td><td>{pr}</td><td>{kt}</td></tr>")
        out.append(tabel([
            "Tahun", "Target", "Sumber target", "Realisasi", "Capaian", "Predikat", "Kategori",
            "Capaian Renstra", "Pertumbuhan", "Target Renstra", "Target Renja", "Target PK",
        ], tahunan))
        if triwulan:
            out.append(tabel([
                "Tahun", "Triwulan", "Target", "Sumber target", "Realisasi", "Capaian", "Predikat", "Kategori",
            ], triwulan))
        out.append(t.daftar())
        return blok("".join(out), "lebar indikator")

    def daftar_indikator_opd(self, opd: Opd) -> None:
        # One list page per OPD: a single page of every indicator of a province (15 000
        # links, 1.9 MB) is too big to read on a phone and for the search index.
        elemen = self.indeks(opd).elemen
        daftar = [(ind, elemen.get(ind.elemen)) for ind in sorted(opd.indikator, key=lambda i: (i.nama, i.id))]
        path = hal_daftar_indikator(opd.id)

        def tempat(e: Elemen) -> str:
            kode = f" {esc(e.kode)}" if e.kode else ""
            return f" {MDASH} {esc(NAMA_TINGKAT.get(e.jenis, e.jenis))}{kode}"

        self.tulis(path, "indikator_opd.md.j2", sumber=self.sumber_opd(opd.id), opd=opd,
                   daftar=self._daftar_indikator_html(path, opd, daftar, tempat), hal_opd=hal_opd, nama_opd=nama_opd)

    def daftar_indikator(self) -> None:
        kelompok = [(opd, len(opd.indikator)) for opd in self.k.opd.values()]
        self.tulis("indikator/index.md", "indikator_daftar.md.j2", kelompok=kelompok,
                   hal_daftar_indikator=hal_daftar_indikator)

    def metodologi(self) -> None:
        from .model import PRIORITAS_TARGET

        aturan = self.k.dataset.pemda.aturan
        contoh = [
            ("positif", "selisih", Decimal("76.71"), Decimal("80.61"), None),
            ("negatif", "selisih", Decimal("100"), Decimal("90"), None),
            ("negatif", "rasio", Decimal("100"), Decimal("90"), None),
            ("negatif", "selisih", Decimal("0"), Decimal("0"), None),
            ("positif", "selisih", Decimal("0"), Decimal("5"), None),
        ]
        hitung = [(p, rumus, t, r, engine.capaian(t, r, p, rumus, s)) for p, rumus, t, r, s in contoh]
        alasan = sorted({v for k, v in vars(engine).items() if k.startswith("ALASAN_")}
                        | {v for k, v in globals().items() if k.startswith("ALASAN_")})
        self.tulis(
            "metodologi.md", "metodologi.md.j2", aturan=aturan, skala_capaian=self.k.skala_capaian,
            skala_lain=sorted((k, v) for k, v in self.k.dataset.skala.items() if k != "capaian"),
            contoh=hitung, alasan=alasan, prioritas=[NAMA_JENIS_TARGET[j] for j in PRIORITAS_TARGET],
            contoh_bulat=[(Decimal(x), bulat(Decimal(x))) for x in ("126.725", "105.075", "99.994", "99.995")],
            MELEBIHI=engine.MELEBIHI, MEMENUHI=engine.MEMENUHI, BELUM=engine.BELUM,
            format_angka=format_angka, rumus_aktif=aturan.rumus_negatif, berkas=contract.BERKAS_OPD,
        )

    def unduh(self) -> None:
        self.tulis("unduh/index.md", "unduh.md.j2", opd=list(self.k.opd.values()), kolom=export.KOLOM,
                   hal_opd=hal_opd, nama_opd=nama_opd)


def render_pages(dataset: Dataset, hasil: dict[str, EvaluasiOpd], data_dir=None) -> dict[str, bytes]:
    """Every generated page and chart of the site (relative path → bytes)."""
    return Penyaji(dataset, hasil, data_dir).semua()


def render_opd(dataset: Dataset, opd: Opd, ev: EvaluasiOpd, data_dir, riwayat: Riwayat) -> dict[str, bytes]:
    """The pages and charts of one OPD (run in a worker process)."""
    p = Penyaji(dataset, {opd.id: ev}, data_dir, riwayat)
    p.opd_semua(opd)
    return p.files


def ringkas_opd(opd: Opd, ev: EvaluasiOpd) -> tuple[Opd, EvaluasiOpd]:
    """What the pages across OPDs read of one OPD: its profile, its indicators (for
    their number), its summary per year and its total budget per year. Small enough
    to send from a worker process back to the parent."""
    ringan = replace(opd, elemen=[], target=[], realisasi=[], anggaran=[], tercetak=[], narasi={})
    ev_ringan = EvaluasiOpd(ev.opd, anggaran=[a for a in ev.anggaran if a.jenis == "opd"],
                            ringkasan=list(ev.ringkasan))
    return ringan, ev_ringan


def render_lintas(dataset: Dataset, hasil: dict[str, EvaluasiOpd], data_dir, riwayat: Riwayat) -> dict[str, bytes]:
    """The pages across OPDs, from the `ringkas_opd` of every OPD."""
    p = Penyaji(dataset, hasil, data_dir, riwayat)
    p.lintas()
    return p.files
