"""The example site of Kalimantan Barat: what issue 6 asks a citizen to see on it.

The audit rows come from data/opd/biro-organisasi/tercetak.csv, the printed
"Tingkat Realisasi" of Renja 2021 Biro Organisasi, Tabel 2.1 (seed 000).
"""

from pathlib import Path

import pytest

from generator.site import render

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def halaman():
    files, _ = render(DATA)
    return {k: v.decode("utf-8") for k, v in files.items() if k.endswith(".md")}


@pytest.mark.parametrize(
    ("seed_line", "tercetak", "dihitung", "selisih"),
    [
        ("L612", "42", "240,00", "198,00"),  # formula inverted in the document (15/36)
        ("L570", "24", "36,36", "12,36"),
        ("L587", "50", "100,00", "50,00"),
        ("L602", "65", "64,29", "-0,71"),
    ],
)
def test_audit_biro_organisasi_2020_menunjukkan_angka_salah(halaman, seed_line, tercetak, dihitung, selisih):
    page = halaman["opd/biro-organisasi/2020.md"]
    assert "## Pemeriksaan angka" in page
    row = next(line for line in page.splitlines() if f"Tabel 2.1, {seed_line} |" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[3:7] == [tercetak, dihitung, selisih, "**berbeda**"]


def test_audit_angka_yang_benar_dinyatakan_cocok(halaman):
    # S000 L557: 413 / 825 = 50,06 %, printed as 50 %: right at the printed precision.
    page = halaman["opd/biro-organisasi/2020.md"]
    row = next(line for line in page.splitlines() if "Tabel 2.1, L557 |" in line)
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[3:7] == ["50", "50,06", "0,06", "cocok"]


def test_bkd_total_pagu_2024_tercetak_salah(halaman):
    # S001 l.567 prints 17.019.469.070; the 63 sub kegiatan add up to 17.017.469.070.
    page = halaman["opd/bkd/2024.md"]
    row = next(line for line in page.splitlines() if "Tabel 6, l.567 |" in line)
    assert "17.019.469.070" in row and "**berbeda**" in row


def test_setiap_halaman_menyebut_terakhir_diperbarui(halaman):
    for path, page in halaman.items():
        assert "Terakhir diperbarui: " in page, path


def test_halaman_riwayat_ada(halaman):
    assert halaman["riwayat.md"].splitlines()[4] == "# Riwayat perubahan"


def test_metodologi_memuat_kontrak_data(halaman):
    # The table is generated from generator/contract.py, so it cannot drift from the loader.
    from generator import contract

    page = halaman["metodologi.md"]
    for spec in contract.BERKAS_OPD:
        row = next(line for line in page.splitlines() if line.startswith(f"| `{spec.nama}` |"))
        assert row.split(" | ")[2] == ", ".join(spec.wajib), spec.nama
