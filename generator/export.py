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
import zipfile
from functools import lru_cache

from .engine import EvaluasiOpd
from .model import Nilai
from .numbers import desimal

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


def _nilai(v: Nilai | None) -> str:
    if v is None:
        return ""
    return v if isinstance(v, str) else desimal(v, None)


def tabel(evaluasi: list[EvaluasiOpd]) -> dict[str, list[list[str]]]:
    """The four export tables (rows of strings, without header) for some OPDs."""
    out: dict[str, list[list[str]]] = {name: [] for name in KOLOM}
    for ev in evaluasi:
        for b in ev.capaian:
            out["capaian"].append([
                b.opd, b.indikator, str(b.tahun), b.periode, b.jenis_target,
                _nilai(b.target), _nilai(b.realisasi), desimal(b.capaian.nilai), b.predikat,
                b.kategori, desimal(b.capaian_renstra.nilai), desimal(b.pertumbuhan.nilai),
            ])
        for a in ev.anggaran:
            out["anggaran"].append([
                a.opd, a.elemen, a.jenis, str(a.tahun), desimal(a.pagu, None),
                desimal(a.realisasi, None), desimal(a.serapan.nilai), desimal(a.sisa, None),
            ])
        for r in ev.ringkasan:
            out["ringkasan"].append([
                r.opd, str(r.tahun), str(r.jumlah_indikator), desimal(r.rata_rata_capaian),
                r.predikat, str(r.melebihi), str(r.memenuhi), str(r.belum), desimal(r.serapan.nilai),
            ])
        for e in ev.efisiensi:
            out["efisiensi"].append([
                e.opd, e.sasaran, str(e.tahun), desimal(e.capaian), desimal(e.serapan),
                desimal(e.efisiensi),
            ])
    return out


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


def _sel_teks(kolom: str, value: str) -> str:
    # target/realisasi hold a number or a category code: only codes are text.
    if kolom in ANGKA and (value == "" or _is_number(value)):
        return value
    return aman_spreadsheet(value)


def _csv_baris(name: str, rows: list[list[str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    for row in rows:
        writer.writerow([_sel_teks(k, v) for k, v in zip(KOLOM[name], row)])
    return buf.getvalue()


def _csv_kepala(name: str) -> str:
    return ",".join(KOLOM[name]) + "\n"


def csv_bytes(name: str, rows: list[list[str]]) -> bytes:
    return (_csv_kepala(name) + _csv_baris(name, rows)).encode("utf-8")


@lru_cache(maxsize=65536)
def _json_teks(v: str) -> str:
    # The same ids, labels and codes repeat on many rows.
    return json.dumps(v, ensure_ascii=False)


def _json_baris(name: str, rows: list[list[str]]) -> list[str]:
    keys = [f"{json.dumps(k)}: " for k in KOLOM[name]]
    angka = [k in ANGKA for k in KOLOM[name]]
    lines = []
    for row in rows:
        fields = []
        for key, num, v in zip(keys, angka, row):
            if v == "":
                fields.append(key + "null")
            elif num and _is_number(v):
                fields.append(key + v)
            else:
                fields.append(key + _json_teks(v))
        lines.append("  {" + ", ".join(fields) + "}")
    return lines


def _json_gabung(lines: list[str]) -> bytes:
    return ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode("utf-8")


def json_bytes(name: str, rows: list[list[str]]) -> bytes:
    """A list of objects with the same columns; numbers as JSON numbers (exact text),
    null where the CSV cell is empty."""
    return _json_gabung(_json_baris(name, rows))


# ---------------------------------------------------------------- XLSX
#
# Written directly as SpreadsheetML (ECMA-376): one sheet, inline strings, numbers as
# their exact decimal text. openpyxl took about 90% of `generate` at province scale;
# this writes the same cells in a small fraction of that. Rows and cells carry no
# `r` references (optional in the standard), so per-OPD fragments join into the
# whole-pemda sheet without re-rendering.

_XML_ILEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
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


@lru_cache(maxsize=65536)
def _xlsx_teks(v: str) -> str:
    text = _XML_ILEGAL.sub("", aman_spreadsheet(v))
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c t="inlineStr"><is><t{space}>{text}</t></is></c>'


def _xlsx_baris(name: str, rows: list[list[str]]) -> list[str]:
    angka = [k in ANGKA for k in KOLOM[name]]
    out = []
    for row in rows:
        cells = []
        for num, v in zip(angka, row):
            if v == "":
                cells.append("<c/>")
            elif num and _is_number(v):
                cells.append(f"<c><v>{v}</v></c>")
            else:
                cells.append(_xlsx_teks(v))
        out.append("<row>" + "".join(cells) + "</row>")
    return out


def _xlsx_gabung(name: str, rows: list[str]) -> bytes:
    kepala = "<row>" + "".join(_xlsx_teks(k) for k in KOLOM[name]) + "</row>"
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + kepala + "".join(rows) + "</sheetData></worksheet>"
    )
    workbook = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    parts = dict(_XML_BAGIAN)
    parts["xl/workbook.xml"] = workbook
    parts["xl/worksheets/sheet1.xml"] = sheet
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as dst:
        for path in ("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels",
                     "xl/styles.xml", "xl/worksheets/sheet1.xml"):
            entry = zipfile.ZipInfo(path, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, parts[path].encode("utf-8"))
    return out.getvalue()


def xlsx_bytes(name: str, rows: list[list[str]]) -> bytes:
    """One sheet with typed cells (numbers as numbers, text as text). Fixed zip entry
    times keep the file byte-identical for the same data."""
    return _xlsx_gabung(name, _xlsx_baris(name, rows))


def berkas_ekspor(evaluasi: list[EvaluasiOpd], prefix: str, xlsx: bool = False) -> dict[str, bytes]:
    """Every export file under `prefix` (e.g. "unduh/"), as path → bytes."""
    files: dict[str, bytes] = {}
    for name, rows in tabel(evaluasi).items():
        files[f"{prefix}{name}.csv"] = csv_bytes(name, rows)
        files[f"{prefix}{name}.json"] = json_bytes(name, rows)
        if xlsx:
            files[f"{prefix}{name}.xlsx"] = xlsx_bytes(name, rows)
    return files


def berkas_ekspor_semua(hasil: dict[str, EvaluasiOpd], xlsx: bool = True) -> dict[str, bytes]:
    """The whole-pemda exports under unduh/ and each OPD's under unduh/<opd>/.

    Each OPD's rows are rendered once; the whole-pemda files join those fragments, so
    they are byte-identical to `berkas_ekspor(all, "unduh/")` at half the work.
    """
    files: dict[str, bytes] = {}
    semua: dict[str, tuple[list[str], list[str], list[str]]] = {n: ([], [], []) for n in KOLOM}
    for opd_id, ev in hasil.items():
        prefix = f"unduh/{opd_id}/"
        for name, rows in tabel([ev]).items():
            c, j = _csv_baris(name, rows), _json_baris(name, rows)
            files[f"{prefix}{name}.csv"] = (_csv_kepala(name) + c).encode("utf-8")
            files[f"{prefix}{name}.json"] = _json_gabung(j)
            acc = semua[name]
            acc[0].append(c)
            acc[1].extend(j)
            if xlsx:
                x = _xlsx_baris(name, rows)
                files[f"{prefix}{name}.xlsx"] = _xlsx_gabung(name, x)
                acc[2].extend(x)
    for name, (c, j, x) in semua.items():
        files[f"unduh/{name}.csv"] = (_csv_kepala(name) + "".join(c)).encode("utf-8")
        files[f"unduh/{name}.json"] = _json_gabung(j)
        if xlsx:
            files[f"unduh/{name}.xlsx"] = _xlsx_gabung(name, x)
    return files
