"""The bad-input corpus: each case patches a copy of a small valid data directory
(`tests/bad_input/base/`) and states the exact messages `kinerja check` prints, its
exit status, and that `kinerja build` refuses bad data without writing anything.

Commands run as a user runs them (a subprocess, working directory = the data
directory, so paths in messages read `opd/dinas-a/target.csv:3: ...`), and no case
may ever show a Python traceback.
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

BASE = Path(__file__).parent / "bad_input" / "base"
A = "opd/dinas-a"
B = "opd/dinas-b"
KUTIP_TIDAK_SAH = "(tulis 1234.5, atau format Indonesia 1.234,5)"
LEBIH_SEL = (
    "(angka berkoma desimal atau teks yang memuat koma harus diberi tanda kutip, "
    "atau gunakan titik koma sebagai pemisah)"
)
KOLOM_STRUKTUR = "(kolom struktur.csv: id, jenis, kode, nama, induk)"
PILIHAN_ELEMEN = "pilihan: tujuan, sasaran, program, kegiatan, subkegiatan"


# ---------------------------------------------------------------- patch operations


def tulis(rel: str, text: str):
    def op(d: Path) -> None:
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_text(text, encoding="utf-8")

    return op


def tulis_bita(rel: str, data: bytes):
    def op(d: Path) -> None:
        (d / rel).write_bytes(data)

    return op


def tambah(rel: str, line: str):
    """Append one line to a file (the base files end with a newline)."""

    def op(d: Path) -> None:
        with open(d / rel, "a", encoding="utf-8", newline="") as f:
            f.write(line + "\n")

    return op


def ganti(rel: str, old: str, new: str):
    def op(d: Path) -> None:
        text = (d / rel).read_text(encoding="utf-8")
        assert old in text, f"patch does not apply: {old!r} not in {rel}"
        (d / rel).write_text(text.replace(old, new, 1), encoding="utf-8")

    return op


def hapus(rel: str):
    def op(d: Path) -> None:
        path = d / rel
        shutil.rmtree(path) if path.is_dir() else path.unlink()

    return op


def pindah(old: str, new: str):
    def op(d: Path) -> None:
        os.rename(d / old, d / new)

    return op


def besar(rel: str, mib: int):
    """A file of `mib` MiB of valid-looking rows, written quickly by repetition."""

    def op(d: Path) -> None:
        row = b"aduan,2024,tahunan,8,baris pengisi yang diulang\n"
        block = row * (1024 * 1024 // len(row) + 1)
        with open(d / rel, "wb") as f:
            f.write(b"indikator,tahun,periode,nilai,catatan\n")
            for _ in range(mib):
                f.write(block)

    return op


# ---------------------------------------------------------------- cases


@dataclass
class Kasus:
    id: str
    ubah: list
    pesan: list[str]  # every problem line printed, in the printed order
    status: int = 1
    # For accepted input: (export file, line it must contain) after `generate`.
    ekspor: list[tuple[str, str]] = field(default_factory=list)


def g(path: str, line: int, column: str, message: str) -> str:
    return f"{path}:{line}: {column}: {message}"


def w(path: str, line: int, column: str, message: str) -> str:
    return f"{path}:{line}: {column}: peringatan: {message}"


def _banyak_baris_salah() -> tuple[list, list[str]]:
    """150 rows with a bad year: 100 listed, the rest counted in one line."""
    rows = "".join(f"aduan,20x{i},tahunan,{i}\n" for i in range(150))
    ops = [tulis(f"{A}/realisasi.csv", "indikator,tahun,periode,nilai\n" + rows)]
    pesan = [
        g(f"{A}/realisasi.csv", i + 2, "tahun", f"tahun '20x{i}' tidak sah (empat angka, mis. 2024)")
        for i in range(100)
    ]
    pesan.append(g(f"{A}/realisasi.csv", 102, "-", "50 masalah lain di berkas ini tidak ditampilkan"))
    return ops, sorted(pesan, key=lambda p: int(p.split(":")[1]))


BOM = b"\xef\xbb\xbf"
BOMB = (
    'nama: Badan Contoh B\n'
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
    'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n'
)

KASUS = [
    # --- columns and file shape
    Kasus(
        "kolom-wajib-hilang",
        [tulis(f"{A}/target.csv", "indikator,tahun,jenis,periode\nikm,2024,renja,tahunan\n")],
        [g(f"{A}/target.csv", 1, "nilai", "kolom wajib tidak ada")],
    ),
    Kasus(
        "kolom-tambahan",
        [ganti(f"{A}/struktur.csv", "induk\n", "induk,keterangan\n"),
         ganti(f"{A}/struktur.csv", "Penyediaan gaji,kg1", "Penyediaan gaji,kg1,rutin")],
        [w(f"{A}/struktur.csv", 1, "keterangan", f"kolom tidak dikenal; diabaikan {KOLOM_STRUKTUR}")],
        status=0,
    ),
    Kasus(
        "kolom-huruf-besar",
        [ganti(f"{A}/struktur.csv", "id,jenis,kode,nama,induk", "id,jenis,kode,Nama,induk")],
        [
            w(f"{A}/struktur.csv", 1, "Nama", f"kolom tidak dikenal (maksudnya 'nama'?); diabaikan {KOLOM_STRUKTUR}"),
            g(f"{A}/struktur.csv", 1, "nama", "kolom wajib tidak ada"),
        ],
    ),
    Kasus(
        "kolom-ganda",
        [tulis(f"{B}/target.csv", "indikator;tahun;nilai;nilai\nsakip;2024;76,71;77\n")],
        [g(f"{B}/target.csv", 1, "nilai", "kolom muncul dua kali")],
    ),
    Kasus(
        "berkas-kosong",
        [tulis(f"{A}/target.csv", "")],
        [g(f"{A}/target.csv", 1, "-", "berkas kosong; baris pertama harus berisi nama kolom")],
    ),
    Kasus(
        "hanya-header",
        [tulis(f"{B}/indikator.csv", "id;elemen;nama;satuan\n")],
        [
            g(f"{B}/indikator.csv", 2, "-", "berkas hanya berisi nama kolom, tanpa baris data"),
            g(f"{B}/realisasi.csv", 2, "indikator", "indikator 'sakip' tidak ada di indikator.csv"),
            g(f"{B}/target.csv", 2, "indikator", "indikator 'sakip' tidak ada di indikator.csv"),
        ],
    ),
    Kasus(
        "pemisah-tab",
        [tulis(f"{A}/target.csv", "indikator\ttahun\tjenis\tperiode\tnilai\nikm\t2024\trenja\ttahunan\t85\n")],
        [g(f"{A}/target.csv", 1, "-", "kolom dipisah tab; simpan sebagai CSV dengan pemisah koma atau titik koma")],
    ),
    Kasus(
        "pemisah-garis-tegak",
        [tulis(f"{A}/target.csv", "indikator|tahun|jenis|periode|nilai\nikm|2024|renja|tahunan|85\n")],
        [
            w(f"{A}/target.csv", 1, "indikator|tahun|jenis|periode|nilai",
              "kolom tidak dikenal; diabaikan (kolom target.csv: indikator, tahun, jenis, periode, nilai)"),
            g(f"{A}/target.csv", 1, "indikator", "kolom wajib tidak ada (pemisah kolom harus koma atau titik koma)"),
            g(f"{A}/target.csv", 1, "nilai", "kolom wajib tidak ada (pemisah kolom harus koma atau titik koma)"),
            g(f"{A}/target.csv", 1, "tahun", "kolom wajib tidak ada (pemisah kolom harus koma atau titik koma)"),
        ],
    ),
    Kasus(
        "bom-diterima",
        [tulis_bita(f"{A}/target.csv", BOM + (BASE / A / "target.csv").read_bytes()),
         tulis_bita(f"{B}/target.csv", BOM + b"indikator;tahun;nilai\r\nsakip;2024;76,71\r\n"),
         tulis_bita("pemda.yaml", BOM + (BASE / "pemda.yaml").read_bytes())],
        [],
        status=0,
        ekspor=[("capaian.csv", "dinas-a,ikm,2024,tahunan,pk,86,87.25,101.45,Sangat Tinggi,melebihi target")],
    ),
    Kasus(
        "windows-1252",
        [tulis_bita(f"{A}/realisasi.csv",
                    b"indikator,tahun,periode,nilai,catatan\nikm,2024,tahunan,87.25,survei \x96 akhir\n")],
        [g(f"{A}/realisasi.csv", 2, "-",
           'berkas bukan UTF-8 (bita 0x96; mungkin Windows-1252); simpan ulang sebagai "CSV UTF-8"')],
    ),
    Kasus(
        "windows-1252-yaml",
        [tulis_bita(f"{B}/opd.yaml", b"nama: Badan Contoh B\nalamat: Jl. Ahmad Yani \x96 Pontianak\n")],
        [g(f"{B}/opd.yaml", 2, "-",
           "berkas bukan UTF-8 (bita 0x96; mungkin Windows-1252); simpan ulang dengan pengodean UTF-8")],
    ),
    Kasus(
        "excel-bukan-csv",
        [tulis_bita(f"{A}/anggaran.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00")],
        [g(f"{A}/anggaran.csv", 1, "-", 'ini berkas Excel/ZIP, bukan teks; simpan ulang sebagai "CSV UTF-8"')],
    ),
    Kasus(
        "kutip-tidak-ditutup",
        [tulis(f"{A}/realisasi.csv",
               'indikator,tahun,periode,nilai,catatan\naduan,2024,tahunan,8,"catatan\nikm,2024,tahunan,87.25,\n')],
        [g(f"{A}/realisasi.csv", 2, "-",
           'tanda kutip (") dibuka tetapi tidak ditutup; baris-baris berikutnya terbaca sebagai satu sel')],
    ),
    Kasus(
        "sel-terlalu-panjang",
        [tulis(f"{A}/realisasi.csv", 'indikator,tahun,periode,nilai,catatan\naduan,2024,tahunan,8,"' + "x" * 200_000 + '"\n')],
        [g(f"{A}/realisasi.csv", 2, "-", 'sel lebih panjang dari 128 KB; periksa tanda kutip (") yang tidak ditutup')],
    ),
    # --- numbers
    Kasus(
        "desimal-koma-tanpa-kutip",
        [ganti(f"{A}/realisasi.csv", "ikm,2024,tahunan,87.25,", "ikm,2024,tahunan,87,25,")],
        [g(f"{A}/realisasi.csv", 4, "-", f"baris berisi 6 sel, padahal ada 5 kolom {LEBIH_SEL}")],
    ),
    Kasus(
        "desimal-koma-dikutip-diterima",
        [ganti(f"{A}/realisasi.csv", "ikm,2024,tahunan,87.25,", 'ikm,2024,tahunan,"87,25",')],
        [],
        status=0,
        ekspor=[("capaian.csv", "dinas-a,ikm,2024,tahunan,pk,86,87.25,101.45,")],
    ),
    Kasus(
        "titik-koma-format-indonesia-diterima",
        [tulis(f"{A}/anggaran.csv",
               "elemen;tahun;pagu;realisasi;sumber_dana\n"
               "sk1;2024;Rp 1.500.000,00;1.450.000;DAU\nsk2;2024;750.000;Rp 700.000,50;DAU\n")],
        [],
        status=0,
        ekspor=[("anggaran.csv", "dinas-a,dinas-a,opd,2024,2250000,2150000.5,95.56,99999.5")],
    ),
    Kasus(
        "titik-ribuan-di-bukan-rupiah",
        [ganti(f"{A}/target.csv", "aduan,2024,renja,tahunan,10", "aduan,2024,renja,tahunan,1.500"),
         ganti(f"{A}/target.csv", "dok,2024,renja,tahunan,4 Dokumen", "dok,2024,renja,tahunan,3.092.546")],
        [w(f"{A}/target.csv", 6, "nilai",
           "'1.500' dibaca sebagai 1,5 (titik tunggal adalah tanda desimal); bila maksudnya 1500, tulis tanpa titik")],
        status=0,
        ekspor=[("capaian.csv", "dinas-a,dok,2024,tahunan,renja,3092546,,"),
                ("capaian.csv", "dinas-a,aduan,2024,tahunan,renja,1.5,8,0.00,Sangat Rendah")],
    ),
    Kasus(
        "teks-di-angka",
        [ganti(f"{A}/target.csv", "aduan,2024,renja,tahunan,10", "aduan,2024,renja,tahunan,abc")],
        [g(f"{A}/target.csv", 6, "nilai", f"'abc' bukan angka yang sah {KUTIP_TIDAK_SAH}")],
    ),
    Kasus(
        "format-inggris-dan-ilmiah",
        [ganti(f"{A}/anggaran.csv", "sk2,2024,Rp 750.000,700000,DAU", 'sk2,2024,"750,000.00",7E+5,DAU')],
        [
            g(f"{A}/anggaran.csv", 4, "pagu", f"'750,000.00' bukan angka yang sah {KUTIP_TIDAK_SAH}"),
            g(f"{A}/anggaran.csv", 4, "realisasi", f"'7E+5' bukan angka yang sah {KUTIP_TIDAK_SAH}"),
        ],
    ),
    Kasus(
        "satuan-lain",
        [ganti(f"{A}/target.csv", "4 Dokumen", "4 Unit")],
        [g(f"{A}/target.csv", 8, "nilai", f"'4 Unit' bukan angka yang sah {KUTIP_TIDAK_SAH}")],
    ),
    Kasus(
        "teks-sangat-panjang",
        [ganti(f"{A}/target.csv", "aduan,2024,renja,tahunan,10", "aduan,2024,renja,tahunan," + "x" * 5000)],
        [g(f"{A}/target.csv", 6, "nilai", f"'{'x' * 60}…' bukan angka yang sah {KUTIP_TIDAK_SAH}")],
    ),
    Kasus(
        "karakter-kendali",
        [tambah(f"{A}/struktur.csv", 'sk3,subkegiatan,,"Sub \x1b[2J",kg1'),
         tambah(f"{A}/struktur.csv", '"sk\x1b[31m4",subkegiatan,,Sub empat,kg1'),
         ganti(f"{A}/realisasi.csv", "aduan,2024,tahunan,8,", "aduan,2024,tahunan,8\x00,")],
        [
            g(f"{A}/realisasi.csv", 5, "nilai", f"'8\\x00' bukan angka yang sah {KUTIP_TIDAK_SAH}"),
            g(f"{A}/struktur.csv", 9, "id", "'sk\\x1b[31m4' memuat karakter kendali (tab, baris baru, ...)"),
        ],
    ),
    # --- budget
    Kasus(
        "pagu-negatif",
        [tambah(f"{A}/anggaran.csv", "sk2,2023,-5000,,DAU")],
        [g(f"{A}/anggaran.csv", 5, "pagu", "jumlah rupiah tidak boleh negatif")],
    ),
    Kasus(
        "realisasi-negatif",
        [tambah(f"{A}/anggaran.csv", "sk2,2023,5000,-1,DAU")],
        [g(f"{A}/anggaran.csv", 5, "realisasi", "jumlah rupiah tidak boleh negatif")],
    ),
    Kasus(
        "realisasi-melebihi-pagu",
        [tambah(f"{A}/anggaran.csv", "sk2,2023,1000,2000,DAU")],
        [w(f"{A}/anggaran.csv", 5, "realisasi", "realisasi anggaran melebihi pagu")],
        status=0,
        ekspor=[("anggaran.csv", "dinas-a,sk2,subkegiatan,2023,1000,2000,200.00,-1000")],
    ),
    Kasus(
        "pagu-kosong",
        [tambah(f"{A}/anggaran.csv", "sk2,2023,,100,DAU")],
        [g(f"{A}/anggaran.csv", 5, "pagu", "wajib diisi (tulis 0 bila tidak ada pagu)")],
    ),
    Kasus(
        "anggaran-di-induk-dan-anak",
        [tambah(f"{A}/anggaran.csv", "kg1,2024,100000,,DAU")],
        [g(f"{A}/anggaran.csv", 5, "elemen",
           "anggaran 2024 dicatat pada 'kg1' dan juga pada turunannya 'sk1' (baris 2): "
           "dihitung dua kali; catat hanya pada elemen terbawah")],
    ),
    Kasus(
        "anggaran-elemen-tidak-ada",
        [tambah(f"{A}/anggaran.csv", "sk9,2024,100000,,DAU")],
        [g(f"{A}/anggaran.csv", 5, "elemen", "elemen 'sk9' tidak ada di struktur.csv")],
    ),
    # --- duplicate keys, in every file that has a key
    Kasus(
        "ganda-struktur",
        [tambah(f"{A}/struktur.csv", "sk2,subkegiatan,,Lagi,kg1")],
        [g(f"{A}/struktur.csv", 8, "id", "baris ganda: id=sk2 sudah ada di baris 7")],
    ),
    Kasus(
        "ganda-indikator",
        [tambah(f"{A}/indikator.csv", "aduan,ss1,Aduan lagi,,,,,,,,")],
        [g(f"{A}/indikator.csv", 6, "id", "baris ganda: id=aduan sudah ada di baris 3")],
    ),
    Kasus(
        "ganda-target-dengan-bawaan",
        [tambah(f"{A}/target.csv", "aduan,2024,,,12")],
        [g(f"{A}/target.csv", 9, "indikator",
           "baris ganda: indikator=aduan, tahun=2024, jenis=renja, periode=tahunan sudah ada di baris 6")],
    ),
    Kasus(
        "ganda-realisasi",
        [tambah(f"{A}/realisasi.csv", "aduan,2024,tahunan,9,")],
        [g(f"{A}/realisasi.csv", 8, "indikator",
           "baris ganda: indikator=aduan, tahun=2024, periode=tahunan sudah ada di baris 5")],
    ),
    Kasus(
        "ganda-tercetak",
        [tambah(f"{A}/tercetak.csv", "serapan,dinas-a,2024,95.56,Renja 2025")],
        [g(f"{A}/tercetak.csv", 3, "besaran",
           "baris ganda: besaran=serapan, kunci=dinas-a, tahun=2024 sudah ada di baris 2")],
    ),
    Kasus(
        "anggaran-per-sumber-dana-dijumlah",
        # (tercetak.csv would rightly flag the changed serapan; not this case's point)
        [tambah(f"{A}/anggaran.csv", "sk2,2024,250000,250000,DAK"), hapus(f"{A}/tercetak.csv")],
        [],
        status=0,
        ekspor=[("anggaran.csv", "dinas-a,sk2,subkegiatan,2024,1000000,950000,95.00,50000")],
    ),
    Kasus(
        "ganda-kunci-yaml",
        [ganti("pemda.yaml", "jenis: kabupaten\n", "jenis: kabupaten\nnama: Kabupaten Lain\n")],
        [g("pemda.yaml", 4, "nama", "kunci ganda; sudah ada di baris 2"),
         w(f"{B}/opd.yaml", 1, "renstra",
           "periode Renstra tidak diketahui (isi renstra di opd.yaml atau periode di pemda.yaml); "
           "capaian Renstra tidak dihitung")],
    ),
    Kasus(
        "ganda-skala",
        [tambah("skala.yaml", "ikm:\n  - {label: Lain}")],
        [g("skala.yaml", 11, "ikm", "kunci ganda; sudah ada di baris 1"),
         g(f"{A}/indikator.csv", 2, "skala", "skala 'ikm' tidak ada di skala.yaml"),
         g(f"{A}/indikator.csv", 4, "skala", "skala 'rb' tidak ada di skala.yaml")],
    ),
    Kasus(
        "ganda-kode-pita",
        [ganti("skala.yaml", "{kode: BB, min: 70, label: BB}", "{kode: A, min: 70, label: BB}")],
        [g("skala.yaml", 6, "rb", "kode pita 'A' muncul lebih dari sekali")],
    ),
    # --- references and the plan tree
    Kasus(
        "indikator-elemen-tidak-ada",
        [tambah(f"{A}/indikator.csv", "baru,ss9,Indikator baru,,,,,,,,")],
        [g(f"{A}/indikator.csv", 6, "elemen", "elemen 'ss9' tidak ada di struktur.csv")],
    ),
    Kasus(
        "target-indikator-tidak-ada",
        [tambah(f"{A}/target.csv", "ikmm,2024,renja,tahunan,85")],
        [g(f"{A}/target.csv", 9, "indikator", "indikator 'ikmm' tidak ada di indikator.csv")],
    ),
    Kasus(
        "struktur-lingkaran",
        [ganti(f"{A}/struktur.csv", "Program penunjang,ss1", "Program penunjang,kg1")],
        [
            g(f"{A}/struktur.csv", 4, "induk", "program tidak boleh berinduk kegiatan 'kg1' (induk yang sah: sasaran)"),
            g(f"{A}/struktur.csv", 4, "induk", "rantai induk membentuk lingkaran: pr1 → kg1 → pr1"),
            g(f"{A}/struktur.csv", 5, "induk", "rantai induk membentuk lingkaran: pr1 → kg1 → pr1"),
        ],
    ),
    Kasus(
        "struktur-induk-diri-sendiri",
        [ganti(f"{A}/struktur.csv", "Administrasi keuangan,pr1", "Administrasi keuangan,kg1")],
        [g(f"{A}/struktur.csv", 5, "induk", "elemen tidak boleh menjadi induk dirinya sendiri")],
    ),
    Kasus(
        "struktur-induk-salah-tingkat",
        [ganti(f"{A}/struktur.csv", "Penyediaan administrasi,kg1", "Penyediaan administrasi,pr1"),
         tambah(f"{B}/struktur.csv", "tj9;tujuan;;Tujuan B;ss9")],
        [
            g(f"{A}/struktur.csv", 7, "induk", "subkegiatan tidak boleh berinduk program 'pr1' (induk yang sah: kegiatan)"),
            g(f"{B}/struktur.csv", 4, "induk", "tujuan tidak boleh berinduk sasaran 'ss9' (tujuan tidak berinduk)"),
        ],
    ),
    Kasus(
        "struktur-lingkaran-tiga",
        [ganti(f"{A}/struktur.csv", "Meningkatnya pelayanan,", "Meningkatnya pelayanan,ss1")],
        [
            g(f"{A}/struktur.csv", 2, "induk", "rantai induk membentuk lingkaran: tj1 → ss1 → tj1"),
            g(f"{A}/struktur.csv", 2, "induk", "tujuan tidak boleh berinduk sasaran 'ss1' (tujuan tidak berinduk)"),
            g(f"{A}/struktur.csv", 3, "induk", "rantai induk membentuk lingkaran: tj1 → ss1 → tj1"),
        ],
    ),
    Kasus(
        "struktur-induk-tidak-ada",
        [ganti(f"{A}/struktur.csv", "Penyediaan administrasi,kg1", "Penyediaan administrasi,kg9")],
        [g(f"{A}/struktur.csv", 7, "induk", "induk 'kg9' tidak ada di struktur.csv")],
    ),
    Kasus(
        "struktur-jenis-salah-tanpa-akibat-beruntun",
        [ganti(f"{A}/struktur.csv", "ss1,sasaran,", "ss1,Sasaran,")],
        [g(f"{A}/struktur.csv", 3, "jenis", f"'Sasaran' tidak sah (maksudnya 'sasaran'?); {PILIHAN_ELEMEN}")],
    ),
    # --- enumerations, years, required cells
    Kasus(
        "target-nilai-kosong",
        [tambah(f"{A}/target.csv", "aduan,2025,renja,tahunan,")],
        [g(f"{A}/target.csv", 9, "nilai", "target wajib diisi (baris tanpa target dihapus saja)")],
    ),
    Kasus(
        "tahun-salah",
        [tambah(f"{A}/target.csv", "aduan,24,renja,tahunan,5"),
         tambah(f"{A}/target.csv", "aduan,1800,renja,tahunan,5"),
         tambah(f"{A}/realisasi.csv", "aduan,,tahunan,5,")],
        [
            g(f"{A}/realisasi.csv", 8, "tahun", "wajib diisi"),
            g(f"{A}/target.csv", 9, "tahun", "tahun '24' tidak sah (empat angka, mis. 2024)"),
            g(f"{A}/target.csv", 10, "tahun", "tahun '1800' tidak sah (empat angka, mis. 2024)"),
        ],
    ),
    Kasus(
        "jenis-periode-salah",
        [tambah(f"{A}/target.csv", "aduan,2025,rpjmd,tahunan,5"),
         tambah(f"{A}/target.csv", "aduan,2025,renja,tw5,5"),
         tambah(f"{A}/realisasi.csv", "aduan,2025,Tahunan,5,")],
        [
            g(f"{A}/realisasi.csv", 8, "periode",
              "'Tahunan' tidak sah (maksudnya 'tahunan'?); pilihan: tahunan, tw1, tw2, tw3, tw4"),
            g(f"{A}/target.csv", 9, "jenis", "'rpjmd' tidak sah; pilihan: renstra, renja, pk"),
            g(f"{A}/target.csv", 10, "periode", "'tw5' tidak sah; pilihan: tahunan, tw1, tw2, tw3, tw4"),
        ],
    ),
    Kasus(
        "polaritas-sifat-iku-salah",
        [tambah(f"{A}/indikator.csv", "baru,ss1,Indikator baru,,Positif,bertambah,Ya,,,,")],
        [
            g(f"{A}/indikator.csv", 6, "iku", "'Ya' tidak sah (maksudnya 'ya'?); pilihan: ya, tidak"),
            g(f"{A}/indikator.csv", 6, "polaritas",
              "'Positif' tidak sah (maksudnya 'positif'?); pilihan: positif, negatif, kategori"),
            g(f"{A}/indikator.csv", 6, "sifat", "'bertambah' tidak sah; pilihan: non-kumulatif, kumulatif"),
        ],
    ),
    # --- scales and categories
    Kasus(
        "kategori-tidak-ada-di-skala",
        [ganti(f"{A}/target.csv", "rb,2024,renja,tahunan,BB", "rb,2024,renja,tahunan,Z")],
        [g(f"{A}/target.csv", 7, "nilai", "kategori 'Z' tidak ada pada skala 'rb' (AA, A, BB, B)")],
    ),
    Kasus(
        "kategori-tanpa-skala",
        [ganti(f"{A}/indikator.csv", "kategori,non-kumulatif,ya,rb", "kategori,non-kumulatif,ya,")],
        [g(f"{A}/indikator.csv", 4, "skala", "indikator kategori wajib menyebut skala")],
    ),
    Kasus(
        "skala-min-tidak-menurun",
        [ganti("skala.yaml", "{kode: C, min: 65,", "{kode: C, min: 80,")],
        [g("skala.yaml", 4, "ikm[2].min", "nilai min harus menurun, pita terbaik lebih dulu (76.61 lalu 80)")],
    ),
    Kasus(
        "skala-min-bukan-angka",
        [ganti("skala.yaml", "{kode: C, min: 65,", "{kode: C, min: enam puluh,")],
        [g("skala.yaml", 4, "ikm[2].min", f"'enam puluh' bukan angka yang sah {KUTIP_TIDAK_SAH}")],
    ),
    Kasus(
        "skala-tanpa-min-di-tengah",
        [ganti("skala.yaml", "{kode: C, min: 65, label: Kurang Baik}", "{kode: C, label: Kurang Baik}")],
        [g("skala.yaml", 4, "ikm[2].min", "hanya pita terakhir yang boleh tanpa min")],
    ),
    # --- Renstra period
    Kasus(
        "target-renstra-di-luar-periode",
        [tambah(f"{A}/target.csv", "ikm,2030,renstra,tahunan,92")],
        [w(f"{A}/target.csv", 9, "tahun", "target Renstra 2030 di luar periode Renstra 2021–2026")],
        status=0,
    ),
    # --- OPD folders and files
    *[
        Kasus(
            f"opd-id-{slug}",
            [pindah(B, f"opd/{name}")],
            [g(f"opd/{name}", 1, "-",
               f"nama folder OPD '{name}' tidak sah: hanya huruf kecil, angka dan tanda hubung (a-z, 0-9, -)")],
        )
        for slug, name in (("huruf-besar", "X"), ("spasi", "a b"), ("garis-bawah", "Dinas_A"))
    ],
    Kasus(
        "folder-tersembunyi-diabaikan",
        [tulis("opd/.ipynb_checkpoints/catatan.txt", "x")],
        [],
        status=0,
    ),
    Kasus(
        "berkas-tidak-dikenal",
        [tulis(f"{A}/catatan.txt", "x"), tulis(f"{A}/realisasi.cvs", "x")],
        [w(f"{A}/catatan.txt", 1, "-", "berkas tidak dikenal; diabaikan"),
         w(f"{A}/realisasi.cvs", 1, "-", "berkas tidak dikenal (maksudnya 'realisasi.csv'?); diabaikan")],
        status=0,
    ),
    Kasus(
        "narasi-nama-salah",
        [tulis(f"{A}/narasi/2024.txt", "x")],
        [w(f"{A}/narasi/2024.txt", 1, "-", "narasi harus bernama <tahun>.md (mis. 2024.md); diabaikan")],
        status=0,
    ),
    Kasus(
        "berkas-wajib-tidak-ada",
        [hapus(f"{A}/target.csv"), hapus(f"{B}/opd.yaml")],
        [g(f"{A}/target.csv", 1, "-", "berkas wajib target.csv tidak ada"),
         g(f"{B}/opd.yaml", 1, "-", "berkas wajib opd.yaml tidak ada")],
    ),
    Kasus(
        "pemda-tidak-ada",
        [hapus("pemda.yaml")],
        [g("pemda.yaml", 1, "-", "berkas wajib pemda.yaml tidak ada"),
         w(f"{B}/opd.yaml", 1, "renstra",
           "periode Renstra tidak diketahui (isi renstra di opd.yaml atau periode di pemda.yaml); "
           "capaian Renstra tidak dihitung")],
    ),
    Kasus(
        "opd-tidak-ada",
        [hapus("opd")],
        [g("opd", 1, "-", "direktori opd/ tidak ada")],
    ),
    # --- YAML
    Kasus(
        "yaml-tag-python",
        [tulis(f"{B}/opd.yaml", "nama: !!python/object/apply:os.system ['echo dimiliki']\n")],
        [g(f"{B}/opd.yaml", 1, "-", "tag YAML !!python/object/apply:os.system tidak diizinkan")],
    ),
    Kasus(
        "yaml-tag-sendiri",
        [ganti(f"{A}/opd.yaml", "alamat: Jl. Contoh No. 1", "alamat: !alamat Jl. Contoh No. 1")],
        [g(f"{A}/opd.yaml", 8, "-", "tag YAML !alamat tidak diizinkan")],
    ),
    Kasus(
        "yaml-bom-alias",
        [tulis(f"{B}/opd.yaml", BOMB)],
        [g(f"{B}/opd.yaml", 2, "-", "anchor/alias YAML (& dan *) tidak diizinkan")],
    ),
    Kasus(
        "yaml-daftar-bukan-pemetaan",
        [tulis(f"{B}/opd.yaml", "- nama: Badan Contoh B\n- singkatan: B\n")],
        [g(f"{B}/opd.yaml", 1, "-", "isi berkas harus berupa pemetaan (kunci: nilai), bukan daftar atau teks")],
    ),
    Kasus(
        "yaml-kosong",
        [tulis("pemda.yaml", "# belum diisi\n")],
        [g("pemda.yaml", 1, "-", "berkas kosong"),
         w(f"{B}/opd.yaml", 1, "renstra",
           "periode Renstra tidak diketahui (isi renstra di opd.yaml atau periode di pemda.yaml); "
           "capaian Renstra tidak dihitung")],
    ),
    Kasus(
        "yaml-titik-dua",
        [tulis(f"{B}/opd.yaml", "nama: Badan Contoh B\nalamat: Jl. Merdeka: Blok A\n")],
        [g(f"{B}/opd.yaml", 2, "-",
           "YAML tidak sah: tanda ':' di tempat yang tidak terduga; periksa indentasi, "
           "atau beri tanda kutip pada teks yang memuat ': '")],
    ),
    Kasus(
        "yaml-bersarang-terlalu-dalam",
        [tulis(f"{B}/opd.yaml", "nama: B\nfungsi: " + "[" * 5000 + "]" * 5000 + "\n")],
        [g(f"{B}/opd.yaml", 1, "-", "YAML tidak sah: struktur bersarang terlalu dalam")],
    ),
    Kasus(
        "yaml-teks-apa-adanya",
        [ganti(f"{A}/opd.yaml", 'kode: "1.01"', "kode: 1.10")],
        [],
        status=0,
    ),
    Kasus(
        "pemda-nilai-salah",
        [tulis("pemda.yaml",
               "nama: Kabupaten Contoh\njenis: kotamadya\nperiode: {awal: 2026, akhir: 2021}\n"
               "aturan:\n  rumus_negatif: kurang\n  batas_capaian: seratus\n  dibulatkan: ya\n")],
        [
            g("pemda.yaml", 2, "jenis", "'kotamadya' tidak sah; pilihan: provinsi, kabupaten, kota"),
            g("pemda.yaml", 3, "periode", "awal (2026) lebih besar dari akhir (2021)"),
            g("pemda.yaml", 5, "aturan.rumus_negatif", "'kurang' tidak sah; pilihan: selisih, rasio"),
            g("pemda.yaml", 6, "aturan.batas_capaian", f"'seratus' bukan angka yang sah {KUTIP_TIDAK_SAH}"),
            w("pemda.yaml", 7, "aturan.dibulatkan", "kunci tidak dikenal; diabaikan"),
            w(f"{B}/opd.yaml", 1, "renstra",
              "periode Renstra tidak diketahui (isi renstra di opd.yaml atau periode di pemda.yaml); "
              "capaian Renstra tidak dihitung"),
        ],
    ),
    # --- size
    Kasus(
        "banyak-baris-salah-diringkas",
        _banyak_baris_salah()[0],
        _banyak_baris_salah()[1],
    ),
]


# ---------------------------------------------------------------- running


@dataclass
class Hasil:
    returncode: int
    stderr: str


def mulai(args: list[str], cwd: Path, batas_memori: int | None = None) -> subprocess.Popen:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (batas_memori, batas_memori))

    return subprocess.Popen(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        preexec_fn=limit if batas_memori else None,  # noqa: PLW1509 - tests start no threads
        env={**os.environ, "PYTHONPATH": str(Path(__file__).parent.parent)},
    )


def selesai(proc: subprocess.Popen) -> Hasil:
    _, err = proc.communicate(timeout=120)
    return Hasil(proc.returncode, err)


def kinerja(args: list[str], cwd: Path, batas_memori: int | None = None) -> Hasil:
    return selesai(mulai(args, cwd, batas_memori))


def masalah(stderr: str) -> list[str]:
    """The problem lines of `kinerja` output (without the count and the closing line)."""
    return [line for line in stderr.splitlines() if ": " in line and line.split(":", 2)[1].isdigit()]


def urut(pesan: list[str]) -> list[str]:
    """Expected lines in the printed order: by file, line, column, message."""

    def key(p: str):
        where, column, message = p.split(": ", 2)
        path, line = where.rsplit(":", 1)
        return (path, int(line), column, message.removeprefix("peringatan: "))

    return sorted(pesan, key=key)


def ringkasan(pesan: list[str]) -> str:
    errors = sum(": peringatan: " not in p for p in pesan)
    return f"{errors} galat, {len(pesan) - errors} peringatan"


def siapkan(tmp_path: Path, ubah: list) -> Path:
    data = tmp_path / "data"
    shutil.copytree(BASE, data)
    for op in ubah:
        op(data)
    return data


def test_corpus_is_large_enough():
    assert len(KASUS) >= 40
    assert len({k.id for k in KASUS}) == len(KASUS)


def test_base_is_clean(tmp_path):
    data = siapkan(tmp_path, [])
    proc = kinerja(["check", "--data", "."], data)
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr == "Data . sah.\n"


@pytest.mark.parametrize("kasus", KASUS, ids=lambda k: k.id)
def test_kasus(kasus: Kasus, tmp_path: Path):
    data = siapkan(tmp_path, kasus.ubah)
    out, site = tmp_path / "content", tmp_path / "site"
    # check, and build or generate, run side by side (they only read the data).
    if kasus.status:
        kedua = mulai(
            ["build", "--data", ".", "--out", str(out), "--site", str(site), "--config", str(tmp_path / "mkdocs.yml")],
            data,
        )
    else:
        kedua = mulai(["generate", "--data", ".", "--out", str(out)], data)
    check = kinerja(["check", "--data", "."], data)
    assert "Traceback" not in check.stderr
    assert masalah(check.stderr) == urut(kasus.pesan), check.stderr
    assert check.returncode == kasus.status, check.stderr
    if kasus.pesan:
        assert ringkasan(kasus.pesan) in check.stderr.splitlines()

    if kasus.status:
        build = selesai(kedua)
        assert "Traceback" not in build.stderr
        assert build.returncode == 1, build.stderr
        assert masalah(build.stderr) == urut(kasus.pesan)
        assert build.stderr.splitlines()[-1] == "Tidak ada yang ditulis: perbaiki galat di atas lalu jalankan lagi."
        assert not out.exists() and not site.exists()
    else:
        gen = selesai(kedua)
        assert "Traceback" not in gen.stderr
        assert gen.returncode == 0, gen.stderr
        assert masalah(gen.stderr) == urut(kasus.pesan)
        assert (out / "unduh" / "capaian.csv").is_file()
        for name, line in kasus.ekspor:
            text = (out / "unduh" / name).read_text(encoding="utf-8")
            assert line in text.splitlines() or any(r.startswith(line) for r in text.splitlines()), text


def test_csv_100_mb_refused_without_reading_it(tmp_path):
    """A 100 MB CSV is refused by its size before it is read, within a memory limit
    far below what reading it into rows would take."""
    data = siapkan(tmp_path, [besar(f"{A}/realisasi.csv", 100)])
    assert (data / A / "realisasi.csv").stat().st_size >= 100 * 1024 * 1024
    pesan = [g(f"{A}/realisasi.csv", 1, "-", "berkas terlalu besar (100 MB; batas 50 MB)")]
    for args in (["check", "--data", "."], ["build", "--data", ".", "--out", "../content", "--site", "../site"]):
        proc = kinerja(args, data, batas_memori=1024 * 1024 * 1024)
        assert "Traceback" not in proc.stderr
        assert masalah(proc.stderr) == pesan, proc.stderr
        assert proc.returncode == 1
    assert not (tmp_path / "content").exists() and not (tmp_path / "site").exists()


def test_csv_under_the_limit_read_within_memory(tmp_path):
    """20 MB of rows (about 440 000) is read and validated under a 512 MB address-space
    limit; every row repeats the same key, so the duplicates are counted, not listed."""
    data = siapkan(tmp_path, [besar(f"{A}/realisasi.csv", 20)])
    proc = kinerja(["check", "--data", "."], data, batas_memori=512 * 1024 * 1024)
    assert "Traceback" not in proc.stderr
    assert proc.returncode == 1
    lines = masalah(proc.stderr)
    assert len(lines) == 101
    assert lines[0] == g(
        f"{A}/realisasi.csv", 3, "indikator",
        "baris ganda: indikator=aduan, tahun=2024, periode=tahunan sudah ada di baris 2",
    )
    n_rows = (data / A / "realisasi.csv").read_bytes().count(b"\n") - 1
    assert lines[-1] == g(f"{A}/realisasi.csv", 103, "-", f"{n_rows - 101} masalah lain di berkas ini tidak ditampilkan")
