"""The data contract v1 as a table: files, columns, which are required, and row keys.

`load` reads files against this table and `docs` (the metodologi page and the README
test) read it too, so the written contract cannot drift from the code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

OPD_ID = re.compile(r"^[a-z0-9-]+$")

# Larger inputs are refused with a message instead of exhausting memory.
BATAS_BERKAS_CSV = 50 * 1024 * 1024
BATAS_BERKAS_YAML = 1024 * 1024
# Longest cell of a CSV file (the csv module's own default, named here).
BATAS_SEL = 128 * 1024
# Years outside this range are typing errors, not plans.
TAHUN_MIN, TAHUN_MAKS = 1900, 2200
# After this many problems in one file the rest are counted, not listed: a file
# exported with the wrong layout would otherwise print a line per row.
BATAS_MASALAH_PER_BERKAS = 100


@dataclass(frozen=True)
class BerkasCsv:
    nama: str
    kolom: tuple[str, ...]
    wajib: tuple[str, ...]
    kunci: tuple[str, ...]  # columns that identify a row; duplicates are errors
    perlu_baris: bool = False  # header-only file is an error
    opsional: bool = False  # the file may be absent
    # Values an empty key cell stands for, so that `ind,2024,,` and `ind,2024,renja,tahunan`
    # are recognised as the same row.
    bawaan: tuple[tuple[str, str], ...] = ()


STRUKTUR = BerkasCsv(
    "struktur.csv",
    ("id", "jenis", "kode", "nama", "induk"),
    ("id", "jenis", "nama"),
    ("id",),
    perlu_baris=True,
)
INDIKATOR = BerkasCsv(
    "indikator.csv",
    (
        "id", "elemen", "nama", "satuan", "polaritas", "sifat", "iku", "skala",
        "formula", "sumber_data", "penanggung_jawab",
    ),
    ("id", "elemen", "nama"),
    ("id",),
    perlu_baris=True,
)
TARGET = BerkasCsv(
    "target.csv",
    ("indikator", "tahun", "jenis", "periode", "nilai"),
    ("indikator", "tahun", "nilai"),
    ("indikator", "tahun", "jenis", "periode"),
    bawaan=(("jenis", "renja"), ("periode", "tahunan")),
)
REALISASI = BerkasCsv(
    "realisasi.csv",
    ("indikator", "tahun", "periode", "nilai", "catatan"),
    ("indikator", "tahun", "nilai"),
    ("indikator", "tahun", "periode"),
    opsional=True,
    bawaan=(("periode", "tahunan"),),
)
ANGGARAN = BerkasCsv(
    "anggaran.csv",
    ("elemen", "tahun", "pagu", "realisasi", "sumber_dana"),
    ("elemen", "tahun", "pagu"),
    (),  # several rows per element and year are added up (one per sumber_dana)
    opsional=True,
)
TERCETAK = BerkasCsv(
    "tercetak.csv",
    ("besaran", "kunci", "tahun", "nilai", "sumber"),
    ("besaran", "kunci", "tahun", "nilai"),
    ("besaran", "kunci", "tahun"),
    opsional=True,
)

BERKAS_OPD = (STRUKTUR, INDIKATOR, TARGET, REALISASI, ANGGARAN, TERCETAK)

BESARAN_TERCETAK = (
    "capaian", "capaian_renstra", "serapan", "pagu", "realisasi_anggaran", "rata_rata_capaian",
)

KUNCI_PEMDA = ("nama", "jenis", "periode", "aturan")
KUNCI_OPD = ("nama", "singkatan", "kode", "induk", "kepala", "alamat", "tugas", "fungsi", "renstra")
KUNCI_BAND = ("label", "min", "kode")
