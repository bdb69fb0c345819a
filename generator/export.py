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
from decimal import Decimal

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


def csv_bytes(name: str, rows: list[list[str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(KOLOM[name])
    for row in rows:
        writer.writerow([_sel_teks(k, v) for k, v in zip(KOLOM[name], row)])
    return buf.getvalue().encode("utf-8")


def json_bytes(name: str, rows: list[list[str]]) -> bytes:
    """A list of objects with the same columns; numbers as JSON numbers (exact text),
    null where the CSV cell is empty."""
    lines = []
    for row in rows:
        fields = []
        for k, v in zip(KOLOM[name], row):
            if v == "":
                val = "null"
            elif k in ANGKA and _is_number(v):
                val = v
            else:
                val = json.dumps(v, ensure_ascii=False)
            fields.append(f"{json.dumps(k)}: {val}")
        lines.append("  {" + ", ".join(fields) + "}")
    body = ",\n".join(lines)
    return ("[\n" + body + "\n]\n" if lines else "[]\n").encode("utf-8")


def xlsx_bytes(name: str, rows: list[list[str]]) -> bytes:
    """One sheet with typed cells. Fixed document dates and zip timestamps keep
    the file byte-identical for the same data."""
    from datetime import datetime

    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = name
    ws.append(list(KOLOM[name]))
    for row in rows:
        cells = []
        for k, v in zip(KOLOM[name], row):
            if k in ANGKA and v != "" and _is_number(v):
                d = Decimal(v)
                cells.append(int(d) if d == d.to_integral_value() and "." not in v else float(d))
            else:
                cells.append(aman_spreadsheet(v) if v else None)
        ws.append(cells)
    fixed = datetime(2000, 1, 1)
    wb.properties.created = fixed
    wb.properties.modified = fixed
    raw = io.BytesIO()
    wb.save(raw)
    # Rewrite the archive with fixed entry times (openpyxl stamps the current time).
    src = zipfile.ZipFile(io.BytesIO(raw.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in sorted(src.infolist(), key=lambda i: i.filename):
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _fixed_core(data)
            entry = zipfile.ZipInfo(info.filename, date_time=(2000, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(entry, data)
    return out.getvalue()


def _fixed_core(data: bytes) -> bytes:
    return re.sub(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:)", rb"\g<1>2000-01-01T00:00:00Z\g<3>", data)


def berkas_ekspor(evaluasi: list[EvaluasiOpd], prefix: str, xlsx: bool = False) -> dict[str, bytes]:
    """Every export file under `prefix` (e.g. "unduh/"), as path → bytes."""
    files: dict[str, bytes] = {}
    for name, rows in tabel(evaluasi).items():
        files[f"{prefix}{name}.csv"] = csv_bytes(name, rows)
        files[f"{prefix}{name}.json"] = json_bytes(name, rows)
        if xlsx:
            files[f"{prefix}{name}.xlsx"] = xlsx_bytes(name, rows)
    return files
