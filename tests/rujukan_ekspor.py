"""Reference renderings of the export formats, cell by cell with the standard library:
what the exporter's column-at-a-time code must write (tests/test_export*.py)."""

from __future__ import annotations

import csv
import io
import json

from generator import export


def csv_rujukan(name: str, rows: list[list[str]], kepala: bool = True) -> bytes:
    """A CSV file of `rows` (with `kepala=False`, the body without the header line)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    if kepala:
        w.writerow(export.KOLOM[name])
    for row in rows:
        w.writerow([
            v if k in export.ANGKA and (v == "" or export._is_number(v)) else export.aman_spreadsheet(v)
            for k, v in zip(export.KOLOM[name], row)
        ])
    return buf.getvalue().encode("utf-8")


def json_rujukan(name: str, rows: list[list[str]], bungkus: bool = True) -> bytes:
    """A JSON file of `rows` (with `bungkus=False`, the records without the brackets)."""
    lines = []
    for row in rows:
        fields = []
        for k, v in zip(export.KOLOM[name], row):
            if v == "":
                text = "null"
            elif k in export.ANGKA and export._is_number(v):
                text = v
            else:
                text = json.dumps(v, ensure_ascii=False)
            fields.append(f"{json.dumps(k)}: {text}")
        lines.append("  {" + ", ".join(fields) + "}")
    if not bungkus:
        return ",\n".join(lines).encode("utf-8")
    return ("[\n" + ",\n".join(lines) + "\n]\n" if lines else "[]\n").encode("utf-8")
