"""Machine-readable exports of the evaluation: CSV, JSON (and XLSX) with fixed columns.

Values are written in machine form (dot decimals, no thousands separators,
percentages rounded half up to 2 decimals, empty where not computable). Rendering
returns bytes; writing them is the publisher's job (`site.py`), so that nothing is
written unless everything rendered.
"""

from __future__ import annotations

import csv
import io
import json
import re
import struct
import zlib
from decimal import ROUND_HALF_UP, getcontext
from functools import cache

from .engine import EvaluasiOpd
from .model import Nilai
from .numbers import DUA_DESIMAL, desimal

KOLOM = {
    "capaian": (
        "opd", "indikator", "tahun", "periode", "jenis_target", "target", "realisasi",
        "capaian", "predikat", "kategori", "capaian_renstra", "pertumbuhan",
    ),
    "anggaran": ("opd", "elemen", "jenis", "tahun", "pagu", "realisasi", "serapan", "sisa"),
    "ringkasan": (
        "opd", "tahun", "jumlah_indikator", "rata_rata_capaian", "predikat",
        "melebihi", "memenuhi", "belum", "serapan",
    ),
    "efisiensi": ("opd", "sasaran", "tahun", "capaian", "serapan", "efisiensi"),
}

# Columns that hold numbers; every other column is text from the data or a label.
ANGKA = {
    "tahun", "target", "realisasi", "capaian", "capaian_renstra", "pertumbuhan", "pagu",
    "serapan", "sisa", "jumlah_indikator", "rata_rata_capaian", "melebihi", "memenuhi",
    "belum", "efisiensi",
}


# ---------------------------------------------------------------- cells
#
# A table is built column by column. Each column is a list of cell texts in machine
# form (what `tabel` returns) plus how its cells are typed:
#   _TEKS    every cell is text (or empty);
#   _POLOS   every cell is text that each format writes as is between fixed marks
#            (the ids and labels of the data, mostly): no per-cell lookup;
#   _TETAP   every cell is the same text (the opd column): written once;
#   _ANGKA   every cell is a machine number (or empty);
#   _CAMPUR  a cell is a number where its text is a machine number, text otherwise
#            (columns that mix numbers and category codes, and any number column of
#            rows given as strings).
# The three formats then render whole columns through per-value caches, and lay the
# rows out in one list joined once (`_tulis`).

_TEKS = "teks"
_POLOS = "polos"
_TETAP = "tetap"
_ANGKA = "angka"
_CAMPUR = "campur"


def aman_spreadsheet(text: str) -> str:
    """Neutralise spreadsheet formula injection in a text cell (=, +, -, @, tab, CR)."""
    if text and text[0] in "=+-@\t\r":
        return "'" + text
    return text


_ANGKA_MESIN = re.compile(r"^-?\d+(\.\d+)?$")


def _is_number(text: str) -> bool:
    # Strict machine form only: Decimal() would also accept "NaN" or "Infinity",
    # which are category codes here, not numbers.
    return bool(_ANGKA_MESIN.match(text))


def _ada_huruf(texts: list[str]) -> bool:
    """Whether a text written by Decimal (str, format, desimal) has letters: each of an
    exponent, NaN and Infinity (any sign or payload) has an E, e, N or I. (Four scans
    of the joined text cost a hundredth of a regular-expression search.)"""
    joined = "".join(texts)
    return "E" in joined or "N" in joined or "I" in joined or "e" in joined


def _jenis_angka(texts: list[str]) -> str:
    # `desimal` writes a finite value as a machine number and NaN or Infinity with
    # letters: only those need typing cell by cell.
    return _CAMPUR if _ada_huruf(texts) else _ANGKA


def _angka(values: list, places: int | None = 2) -> tuple[list[str], str]:
    """Decimal-or-None values as a number column: `desimal(v, places)` of each, its
    common cases done for the whole column (a call per cell was a fifth of the cost)."""
    if places == 2:
        # desimal's fast path in line.
        batas = getcontext().prec - 5
        texts = [
            "" if v is None
            else str(v.quantize(DUA_DESIMAL, ROUND_HALF_UP)) if v.adjusted() <= batas
            else desimal(v)
            for v in values
        ]
        if "-0.00" in texts:  # never "-0.00"
            texts = ["0.00" if t == "-0.00" else t for t in texts]
    elif places is None:
        # desimal's plain case (the fraction's trailing zeros dropped) holds for the
        # column unless a text has letters (an exponent, NaN, Infinity) or more digits
        # than the precision.
        texts = ["" if v is None else str(v) for v in values]
        if not _ada_huruf(texts) and max(map(len, texts), default=0) <= getcontext().prec:
            return [t.rstrip("0").rstrip(".") if "." in t else t for t in texts], _ANGKA
        texts = ["" if v is None else desimal(v, None) for v in values]
    else:
        texts = ["" if v is None else desimal(v, places) for v in values]
    return texts, _jenis_angka(texts)


class _TeksBulat(dict):
    """str(n) of the small counts and years, computed once per value."""

    def __missing__(self, n: int) -> str:
        if len(self) > 100_000:
            self.clear()
        text = self[n] = str(n)
        return text


_TEKS_BULAT = _TeksBulat()


def _bulat_kolom(values: list[int]) -> tuple[list[str], str]:
    return list(map(_TEKS_BULAT.__getitem__, values)), _ANGKA


def _teks(texts: list[str]) -> tuple[list[str], str]:
    unik = set(texts)
    if len(unik) == 1:
        return texts, _TETAP
    return texts, _POLOS if all(map(_TEKS_POLOS.__getitem__, unik)) else _TEKS


def _campur(values: list[Nilai | None]) -> tuple[list[str], str]:
    """target/realisasi: a Decimal is a number, a category code is text unless it is
    written as a machine number.

    Written once per distinct object: loading shares one Decimal among the cells
    written alike, so targets and realisasi repeat. (By identity, not value: hashing a
    Decimal costs more than writing it.)"""
    ids = list(map(id, values))
    unik = list(dict(zip(ids, values)).values())
    angka = [v for v in unik if not isinstance(v, str)]
    texts, jenis = _angka(angka, None)
    if len(angka) < len(unik):
        # The machine form of a finite Decimal is a machine number and that of NaN or
        # Infinity is not, so with codes every cell's type follows from its text.
        teks_angka = iter(texts)
        texts, jenis = [v if isinstance(v, str) else next(teks_angka) for v in unik], _CAMPUR
    teks = dict(zip(map(id, unik), texts))
    return list(map(teks.__getitem__, ids)), jenis


def _kolom_opd(ev: EvaluasiOpd) -> dict[str, list[tuple[list[str], str]]]:
    """The four export tables of one OPD as typed columns."""
    cap, ang, rin, efi = ev.capaian, ev.anggaran, ev.ringkasan, ev.efisiensi
    out: dict[str, list[tuple[list[str], str]]] = {}
    out["capaian"] = [
        _teks([b.opd for b in cap]),
        _teks([b.indikator for b in cap]),
        _bulat_kolom([b.tahun for b in cap]),
        _teks([b.periode for b in cap]),
        _teks([b.jenis_target for b in cap]),
        _campur([b.target for b in cap]),
        _campur([b.realisasi for b in cap]),
        _angka([b.capaian.nilai for b in cap]),
        _teks([b.predikat for b in cap]),
        _teks([b.kategori for b in cap]),
        _angka([b.capaian_renstra.nilai for b in cap]),
        _angka([b.pertumbuhan.nilai for b in cap]),
    ]
    out["anggaran"] = [
        _teks([a.opd for a in ang]),
        _teks([a.elemen for a in ang]),
        _teks([a.jenis for a in ang]),
        _bulat_kolom([a.tahun for a in ang]),
        _angka([a.pagu for a in ang], None),
        _angka([a.realisasi for a in ang], None),
        _angka([a.serapan.nilai for a in ang]),
        _angka([a.sisa for a in ang], None),
    ]
    out["ringkasan"] = [
        _teks([r.opd for r in rin]),
        _bulat_kolom([r.tahun for r in rin]),
        _bulat_kolom([r.jumlah_indikator for r in rin]),
        _angka([r.rata_rata_capaian for r in rin]),
        _teks([r.predikat for r in rin]),
        _bulat_kolom([r.melebihi for r in rin]),
        _bulat_kolom([r.memenuhi for r in rin]),
        _bulat_kolom([r.belum for r in rin]),
        _angka([r.serapan.nilai for r in rin]),
    ]
    out["efisiensi"] = [
        _teks([e.opd for e in efi]),
        _teks([e.sasaran for e in efi]),
        _bulat_kolom([e.tahun for e in efi]),
        _angka([e.capaian for e in efi]),
        _angka([e.serapan for e in efi]),
        _angka([e.efisiensi for e in efi]),
    ]
    return out


def _kolom_teks(name: str, rows: list[list[str]]) -> list[tuple[list[str], str]]:
    """Rows of cell texts as columns, typed cell by cell in the number columns."""
    cols = [list(c) for c in zip(*rows)] if rows else [[] for _ in KOLOM[name]]
    return [(c, _CAMPUR if k in ANGKA else _TEKS) for k, c in zip(KOLOM[name], cols)]


def tabel(evaluasi: list[EvaluasiOpd]) -> dict[str, list[list[str]]]:
    """The four export tables (rows of strings, without header) for some OPDs."""
    out: dict[str, list[list[str]]] = {name: [] for name in KOLOM}
    for ev in evaluasi:
        for name, cols in _kolom_opd(ev).items():
            out[name].extend(map(list, zip(*(c for c, _ in cols))))
    return out


class _Cache(dict):
    """Rendering of a text value, computed once per distinct value."""

    def __init__(self, render, kosong: str) -> None:
        super().__init__({"": kosong})
        self.render = render
        self.kosong = kosong

    def __missing__(self, key: str) -> str:
        if len(self) > 200_000:  # ids and labels of a few pemda; keep memory bounded
            self.clear()
            self[""] = self.kosong
        value = self[key] = self.render(key)
        return value


def _csv_sel(text: str) -> str:
    # The csv module's own quoting of one field, so the rows stay what csv.writer writes.
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerow([aman_spreadsheet(text)])
    return buf.getvalue()[:-1]


def _xlsx_sel(v: str) -> str:
    text = _XML_ILEGAL.sub("", aman_spreadsheet(v))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c t="inlineStr"><is><t{space}>{text}</t></is></c>'


_XML_ILEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CSV_TEKS = _Cache(_csv_sel, "")
_JSON_TEKS = _Cache(lambda v: json.dumps(v, ensure_ascii=False), "null")
_XLSX_TEKS = _Cache(_xlsx_sel, "<c/>")


class _Format:
    """How one format writes cells: a text cell through `teks` (whose "" is the empty
    cell), a number t as awal + t + akhir, a _CAMPUR cell as either by its text, and
    a _POLOS cell t as polos[0] + t + polos[1]."""

    def __init__(self, teks: _Cache, polos: tuple[str, str], awal: str = "", akhir: str = "") -> None:
        self.teks, self.polos, self.awal, self.akhir = teks, polos, awal, akhir
        self.campur = _Cache(self._campur_sel, teks[""])

    def _campur_sel(self, text: str) -> str:
        return f"{self.awal}{text}{self.akhir}" if _is_number(text) else self.teks[text]


_CSV = _Format(_CSV_TEKS, ("", ""))
_JSON = _Format(_JSON_TEKS, ('"', '"'))
_XLSX = _Format(_XLSX_TEKS, ('<c t="inlineStr"><is><t>', "</t></is></c>"), "<c><v>", "</v></c>")


class _Polos(dict):
    """Whether a text is written as is between each format's `polos` marks: decided
    by the formats' own renderings, so no escaping rule is repeated here (an empty
    text never is: JSON writes null)."""

    def __missing__(self, text: str) -> bool:
        if len(self) > 200_000:
            self.clear()
        flag = self[text] = all(f.teks[text] == f.polos[0] + text + f.polos[1] for f in (_CSV, _JSON, _XLSX))
        return flag


_TEKS_POLOS = _Polos()


def _sel(texts: list[str], jenis: str, f: _Format) -> list:
    """One column of a row in format f: texts the same in every row (str) and the
    column's cells (a list of m texts), in order."""
    kosong = f.teks[""]
    if jenis is _TETAP:
        return [f.teks[texts[0]]]
    if jenis is _POLOS:
        return [f.polos[0], texts, f.polos[1]]
    if jenis is _TEKS:
        return [list(map(f.teks.__getitem__, texts))]
    if jenis is _CAMPUR:
        return [list(map(f.campur.__getitem__, texts))]
    if not (kosong and "" in texts):
        return [f.awal, texts, f.akhir]
    # A number column with empty cells: each cell written whole (a replace of the
    # empty ones in the whole text afterwards cost more).
    if f.awal:
        return [[f"{f.awal}{t}{f.akhir}" if t else kosong for t in texts]]
    return [[t or kosong for t in texts]]


def _tulis(cols: list[tuple[list[str], str]], f: _Format, pemisah: list[str], antara: str = "") -> str:
    """The rows of a table in one format: pemisah[i] before column i, pemisah[-1]
    after the last one, `antara` between rows.

    A row is a sequence of entries, each either the same text in every row (the
    separators, a column's fixed marks, a column of one value), merged with its
    neighbours, or a column of cells. Every entry has its slot in one list, filled a
    whole column at a time by a strided slice assignment, and the list is joined once:
    no tuple, call or lookup per row."""
    m = len(cols[0][0]) if cols else 0
    if not m:
        return ""
    baris: list = [pemisah[0]]
    for i, (texts, jenis) in enumerate(cols):
        if i:
            baris.append(pemisah[i])
        baris += _sel(texts, jenis, f)
    baris.append(pemisah[-1])
    entri: list = []
    for e in baris:
        if not isinstance(e, str) or not entri or not isinstance(entri[-1], str):
            entri.append(e)
        else:
            entri[-1] += e
    if len(entri) == 1:  # no column of cells: every row is the same text
        return antara.join(entri * m)
    # The first and last entries are fixed texts, a row's start and end; an empty
    # text between two columns of cells needs no slot.
    awal, akhir = entri[0], entri[-1]
    isi = [e for e in entri[1:-1] if e]
    k = len(isi) + 1
    parts = [""] * (m * k + 1)
    for j, e in enumerate(isi, 1):
        parts[j::k] = [e] * m if isinstance(e, str) else e
    parts[k::k] = [akhir + antara + awal] * m
    parts[0], parts[-1] = awal, akhir
    return "".join(parts)


def _pemisah_json(name: str) -> list[str]:
    keys = [f"{json.dumps(k)}: " for k in KOLOM[name]]
    return ["  {" + keys[0]] + [", " + k for k in keys[1:]] + ["}"]


_PEMISAH_JSON = {name: _pemisah_json(name) for name in KOLOM}


def _csv_kepala(name: str) -> bytes:
    return (",".join(KOLOM[name]) + "\n").encode("utf-8")


def _csv_isi(name: str, cols) -> bytes:
    n = len(KOLOM[name])
    return _tulis(cols, _CSV, [""] + [","] * (n - 1) + ["\n"]).encode("utf-8")


def _json_isi(name: str, cols) -> bytes:
    # The rows joined by ",\n": empty when the table has no rows.
    return _tulis(cols, _JSON, _PEMISAH_JSON[name], ",\n").encode("utf-8")


def _xlsx_isi(name: str, cols) -> bytes:
    n = len(KOLOM[name])
    return _tulis(cols, _XLSX, ["<row>"] + [""] * (n - 1) + ["</row>"]).encode("utf-8")


def _json_gabung(bodies: list[bytes]) -> bytes:
    bodies = [b for b in bodies if b]
    if not bodies:
        return b"[]\n"
    # One join: the whole-pemda file is tens of MB, and every `+` would copy it again.
    parts = [b",\n"] * (2 * len(bodies) + 1)
    parts[0], parts[1::2], parts[-1] = b"[\n", bodies, b"\n]\n"
    return b"".join(parts)


def csv_bytes(name: str, rows: list[list[str]]) -> bytes:
    return _csv_kepala(name) + _csv_isi(name, _kolom_teks(name, rows))


def json_bytes(name: str, rows: list[list[str]]) -> bytes:
    """A list of objects with the same columns; numbers as JSON numbers (exact text),
    null where the CSV cell is empty."""
    return _json_gabung([_json_isi(name, _kolom_teks(name, rows))])


# ---------------------------------------------------------------- XLSX
#
# Written directly as SpreadsheetML (ECMA-376): one sheet, inline strings, numbers as
# their exact decimal text, in a zip written here. Rows and cells carry no `r`
# references (optional in the standard), so rows join across OPDs as they are.
#
# The sheet's deflate stream is a sequence of independently compressed pieces (the
# head, each OPD's rows, the tail), each ended by a sync flush, then an empty final
# block. An OPD's compressed rows are therefore reused as they are in the
# whole-pemda file, whose CRC-32 is combined from the pieces' CRCs: the parent
# neither re-renders nor re-compresses. Level 2 compresses the province sheets
# (72 MB of XML) in 0.23 s against 0.26 s at 3 and 0.64 s at 6, for files 3.5 %
# larger than at 3 (level 1 is no faster and 13 % larger).

LEVEL_ZIP = 2
_WAKTU_DOS, _TANGGAL_DOS = 0, (2000 - 1980) << 9 | 1 << 5 | 1  # 2000-01-01 00:00:00
_POLINOM = 0xEDB88320  # CRC-32, reflected


def _kali_mod(a: int, b: int) -> int:
    """a·b modulo the CRC-32 polynomial, both in reflected bit order (bit 31 is x⁰)."""
    hasil, bit = 0, 1 << 31
    while a:
        if a & bit:
            hasil ^= b
            a ^= bit
        bit >>= 1
        b = (b >> 1) ^ _POLINOM if b & 1 else b >> 1
    return hasil


def _pangkat_dua() -> list[int]:
    # x^(8·2^i) for every bit i of a length: the squarings are the same for every piece.
    out = [1 << 23]  # x⁸
    for _ in range(63):
        out.append(_kali_mod(out[-1], out[-1]))
    return out


_X_8_2I = _pangkat_dua()


def _geser(panjang: int) -> int:
    """x^(8·panjang) modulo the polynomial: appending `panjang` bytes to a message
    multiplies the CRC of what came before by this."""
    hasil, i = 1 << 31, 0  # x⁰
    while panjang:
        if panjang & 1:
            hasil = _kali_mod(hasil, _X_8_2I[i])
        panjang >>= 1
        i += 1
    return hasil


def _crc_sambung(crc: int, potong: tuple) -> int:
    """CRC-32 of a message extended by a piece (compressed, crc, length, shift)."""
    return _kali_mod(potong[3], crc) ^ potong[1]


def _potong(data: bytes) -> tuple[bytes, int, int, int]:
    """A piece of the sheet: raw deflate ending on a byte boundary, CRC-32, length and
    `_geser(length)`. Empty data gives an empty piece."""
    if not data:
        return b"", 0, 0, 1 << 31
    c = zlib.compressobj(LEVEL_ZIP, zlib.DEFLATED, -15)
    return c.compress(data) + c.flush(zlib.Z_SYNC_FLUSH), zlib.crc32(data), len(data), _geser(len(data))


_AKHIR_DEFLATE = zlib.compressobj(LEVEL_ZIP, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)

_XML_BAGIAN = {
    "[Content_Types].xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        "</Types>"
    ),
    "_rels/.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
        "</Relationships>"
    ),
    "xl/_rels/workbook.xml.rels": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
        '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
        "</Relationships>"
    ),
    "xl/styles.xml": (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        "</styleSheet>"
    ),
}
_URUTAN_BAGIAN = (
    "[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
    "xl/styles.xml", "xl/worksheets/sheet1.xml",
)


@cache
def _bagian_tetap(name: str) -> dict[str, tuple[bytes, int, int]]:
    """The parts that depend on the table name only (compressed, CRC, length), and the
    sheet's head and tail pieces."""
    parts = dict(_XML_BAGIAN)
    parts["xl/workbook.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    out = {}
    for path, text in parts.items():
        data = text.encode("utf-8")
        c = zlib.compressobj(LEVEL_ZIP, zlib.DEFLATED, -15)
        out[path] = (c.compress(data) + c.flush(), zlib.crc32(data), len(data))
    kepala = "<row>" + "".join(_XLSX_TEKS[k] for k in KOLOM[name]) + "</row>"
    out["kepala"] = _potong((
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + kepala
    ).encode("utf-8"))
    out["ekor"] = _potong(b"</sheetData></worksheet>")
    return out


def _zip(entries: list[tuple[str, bytes, int, int]]) -> bytes:
    """A zip of deflated entries (path, compressed, CRC-32, length) with fixed times."""
    out, central, offset = [], [], 0
    for path, data, crc, size in entries:
        name = path.encode("utf-8")
        if offset > 0xFFFFFFFF or len(data) > 0xFFFFFFFF or size > 0xFFFFFFFF:
            raise ValueError("berkas XLSX terlalu besar (lebih dari 4 GB)")
        local = struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, _WAKTU_DOS, _TANGGAL_DOS, crc, len(data), size,
            len(name), 0,
        )
        central.append(struct.pack(
            "<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, _WAKTU_DOS, _TANGGAL_DOS, crc,
            len(data), size, len(name), 0, 0, 0, 0, 0, offset,
        ) + name)
        out += [local, name, data]
        offset += len(local) + len(name) + len(data)
    directory = b"".join(central)
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(out) + directory + end


def _xlsx_gabung(name: str, pieces: list[tuple]) -> bytes:
    """The workbook of a sheet whose rows are the given pieces, in order."""
    tetap = _bagian_tetap(name)
    pieces = [tetap["kepala"], *(p for p in pieces if p[2]), tetap["ekor"]]
    crc, size = 0, 0
    for p in pieces:
        crc = _crc_sambung(crc, p)
        size += p[2]
    sheet = b"".join(p[0] for p in pieces) + _AKHIR_DEFLATE
    entries = []
    for path in _URUTAN_BAGIAN:
        if path == "xl/worksheets/sheet1.xml":
            entries.append((path, sheet, crc, size))
        else:
            entries.append((path, *tetap[path]))
    return _zip(entries)


def xlsx_bytes(name: str, rows: list[list[str]]) -> bytes:
    """One sheet with typed cells (numbers as numbers, text as text). Fixed zip entry
    times keep the file byte-identical for the same data."""
    return _xlsx_gabung(name, [_potong(_xlsx_isi(name, _kolom_teks(name, rows)))])


# ---------------------------------------------------------------- files


def bagian_opd(ev: EvaluasiOpd, xlsx: bool = True) -> tuple[dict[str, bytes], dict]:
    """One OPD's export files under unduh/<opd>/, and its fragment of the whole-pemda
    files (bytes and ints only, picklable) for `gabung_pemda`."""
    files: dict[str, bytes] = {}
    fragmen: dict[str, tuple] = {}
    prefix = f"unduh/{ev.opd}/"
    for name, cols in _kolom_opd(ev).items():
        c, j = _csv_isi(name, cols), _json_isi(name, cols)
        files[f"{prefix}{name}.csv"] = _csv_kepala(name) + c
        files[f"{prefix}{name}.json"] = _json_gabung([j])
        x = None
        if xlsx:
            x = _potong(_xlsx_isi(name, cols))
            files[f"{prefix}{name}.xlsx"] = _xlsx_gabung(name, [x])
        fragmen[name] = (c, j, x)
    return files, fragmen


def gabung_pemda(fragmen: list[dict], xlsx: bool = True, prefix: str = "unduh/") -> dict[str, bytes]:
    """The whole-pemda export files from the OPDs' fragments, in the given order."""
    files: dict[str, bytes] = {}
    for name in KOLOM:
        parts = [f[name] for f in fragmen]
        files[f"{prefix}{name}.csv"] = b"".join([_csv_kepala(name), *(p[0] for p in parts)])
        files[f"{prefix}{name}.json"] = _json_gabung([p[1] for p in parts])
        if xlsx:
            files[f"{prefix}{name}.xlsx"] = _xlsx_gabung(name, [p[2] for p in parts])
    return files


def berkas_ekspor(evaluasi: list[EvaluasiOpd], prefix: str, xlsx: bool = False) -> dict[str, bytes]:
    """Every export file under `prefix` (e.g. "unduh/"), as path → bytes."""
    return gabung_pemda([bagian_opd(ev, xlsx)[1] for ev in evaluasi], xlsx, prefix)


def berkas_ekspor_semua(hasil: dict[str, EvaluasiOpd], xlsx: bool = True) -> dict[str, bytes]:
    """The whole-pemda exports under unduh/ and each OPD's under unduh/<opd>/.

    Each OPD's rows are rendered (and compressed) once; the whole-pemda files join
    those fragments, byte-identical to `berkas_ekspor(all, "unduh/")`.
    """
    files: dict[str, bytes] = {}
    fragmen = []
    for ev in hasil.values():
        own, frag = bagian_opd(ev, xlsx)
        files.update(own)
        fragmen.append(frag)
    files.update(gabung_pemda(fragmen, xlsx))
    return files
