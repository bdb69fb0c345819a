"""Revision history from git: a temporary repository with three commits of data."""

from __future__ import annotations

import html
import os
import subprocess
from pathlib import Path

import jinja2
import pytest

from generator import riwayat as R

TEMPLATES = Path(R.__file__).parent / "templates"

STRUKTUR = "id,jenis,kode,nama,induk\np06,program,06,Program Penataan Kelembagaan,\nk01,kegiatan,06.01,Monev,p06\n"
INDIKATOR = "id,elemen,nama,satuan\nl612,k01,Monev Kelembagaan PD Provinsi,PD\nl602,k01,Penataan PD Kab/Kota,Kab/Kota\n"
TARGET_1 = "indikator,tahun,jenis,periode,nilai\nl612,2020,renja,tahunan,15\nl602,2020,,,14\n"
# The same rows with the defaults written out: not a change.
TARGET_2 = "indikator,tahun,jenis,periode,nilai\nl612,2020,renja,tahunan,15\nl602,2020,renja,tahunan,14\n"
REALISASI_1 = "indikator,tahun,periode,nilai,catatan\nl612,2020,tahunan,36,Tabel 2.1 L612\nl602,2020,tahunan,9,\n"
REALISASI_2 = (
    "indikator,tahun,periode,nilai,catatan\nl612,2020,tahunan,37,Tabel 2.1 L612\nl602,2020,tahunan,9,\n"
    "l602,2021,tw1,3,\n"
)
ANGGARAN_1 = "elemen,tahun,pagu,realisasi,sumber_dana\nk01,2020,100000000,90000000,DAU\nk01,2020,5000000,,DAK\n"
ANGGARAN_2 = "elemen,tahun,pagu,realisasi,sumber_dana\nk01,2020,120000000,90000000,DAU\nk01,2020,5000000,,DAK\n"
# Indonesian Excel: BOM, semicolons, thousands dots. Same values as ANGGARAN_2.
ANGGARAN_3 = "\ufeffelemen;tahun;pagu;realisasi;sumber_dana\nk01;2020;120.000.000;90.000.000;DAU\nk01;2020;5.000.000;;DAK\n"
BKD_1 = "indikator,tahun,periode,nilai,catatan\nip-asn,2021,tahunan,50.9,\nip-asn,2022,tahunan,47.07,l.331\n"
BKD_3 = "indikator,tahun,periode,nilai,catatan\nip-asn,2021,tahunan,50.9,\n"

PESAN_1 = "Data awal Biro Organisasi dan BKD"
PESAN_2 = "Revisi realisasi L612 | pagu k01 *BPK*"
PESAN_3 = "BKD: hapus realisasi 2022; anggaran dari Excel"


def _git(cwd: Path, *args: str, tanggal: str | None = None) -> str:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", HOME=str(cwd))
    if tanggal:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"{tanggal}T10:00:00+07:00"
    r = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return r.stdout


def _tulis(root: Path, files: dict[str, str]) -> None:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))


def _commit(root: Path, pesan: str, tanggal: str) -> None:
    _git(root, "add", "-A")
    _git(root, "-c", "commit.gpgsign=false", "commit", "-q", "-m", pesan, tanggal=tanggal)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _git(root, "config", "user.name", "Penguji")
    _git(root, "config", "user.email", "penguji@example.org")
    bo = "data/opd/biro-organisasi/"
    _tulis(root, {
        "README.md": "bukan data\n",
        "data/pemda.yaml": "nama: Pemerintah Provinsi Kalimantan Barat\n",
        bo + "opd.yaml": "nama: Biro Organisasi\n",
        bo + "struktur.csv": STRUKTUR,
        bo + "indikator.csv": INDIKATOR,
        bo + "target.csv": TARGET_1,
        bo + "realisasi.csv": REALISASI_1,
        bo + "anggaran.csv": ANGGARAN_1,
        "data/opd/bkd/realisasi.csv": BKD_1,
    })
    _commit(root, PESAN_1, "2024-01-15")
    _tulis(root, {bo + "realisasi.csv": REALISASI_2, bo + "anggaran.csv": ANGGARAN_2, bo + "target.csv": TARGET_2})
    _commit(root, PESAN_2, "2024-03-02")
    _tulis(root, {"data/opd/bkd/realisasi.csv": BKD_3, bo + "anggaran.csv": ANGGARAN_3})
    _commit(root, PESAN_3, "2024-04-10")
    _tulis(root, {"README.md": "masih bukan data\n"})
    _commit(root, "README only", "2024-05-01")  # outside data/: not in the history
    return root


def _rows(c: R.Commit) -> list[tuple]:
    return [(p.opd, p.berkas, p.objek, p.tahun, p.rincian, p.kolom, p.lama, p.baru, p.keterangan) for p in c.perubahan]


def test_history_rows(repo):
    r = R.riwayat(repo, "data")
    assert r.catatan == ""
    assert [(c.tanggal, c.pesan) for c in r.commit] == [
        ("2024-04-10", PESAN_3),
        ("2024-03-02", PESAN_2),
        ("2024-01-15", PESAN_1),
    ]
    baru, revisi, awal = r.commit
    assert _rows(revisi) == [
        ("biro-organisasi", "anggaran.csv", "k01", "2020", "sumber_dana DAU", "pagu", "100000000", "120000000", ""),
        ("biro-organisasi", "realisasi.csv", "l612", "2020", "periode tahunan", "nilai", "36", "37", ""),
        ("biro-organisasi", "realisasi.csv", "l602", "2021", "periode tw1", "nilai", None, "3", ""),
    ]
    # A removed row; the anggaran.csv rewritten by Excel (BOM, ';', thousands dots) changed no value.
    assert _rows(baru) == [
        ("bkd", "realisasi.csv", "ip-asn", "2022", "periode tahunan", "nilai", "47.07", None, ""),
        ("bkd", "realisasi.csv", "ip-asn", "2022", "periode tahunan", "catatan", "l.331", None, ""),
    ]
    assert "data/opd/biro-organisasi/anggaran.csv" in baru.berkas
    # The first import is summarised per file.
    assert _rows(awal) == [
        ("biro-organisasi", "anggaran.csv", "", "", "", "", None, None, "berkas baru, 2 baris"),
        ("biro-organisasi", "indikator.csv", "", "", "", "", None, None, "berkas baru, 2 baris"),
        ("biro-organisasi", "opd.yaml", "", "", "", "", None, None, "berkas baru"),
        ("biro-organisasi", "realisasi.csv", "", "", "", "", None, None, "berkas baru, 2 baris"),
        ("biro-organisasi", "struktur.csv", "", "", "", "", None, None, "berkas baru, 2 baris"),
        ("biro-organisasi", "target.csv", "", "", "", "", None, None, "berkas baru, 2 baris"),
        ("bkd", "realisasi.csv", "", "", "", "", None, None, "berkas baru, 2 baris"),
        ("", "pemda.yaml", "", "", "", "", None, None, "berkas baru"),
    ]
    assert [c.catatan for c in r.commit] == ["", "", ""]
    assert len(revisi.hash) == 40 and revisi.pendek == revisi.hash[:7]


def test_display_forms(repo):
    revisi = R.riwayat(repo, "data").commit[1]
    pagu, nilai, tambah = revisi.perubahan
    assert (pagu.lama_teks, pagu.baru_teks) == ("Rp 100.000.000", "Rp 120.000.000")
    assert (nilai.lama_teks, nilai.baru_teks) == ("36", "37")
    assert (tambah.lama_teks, tambah.baru_teks) == ("–", "3")
    assert revisi.tanggal_teks == "2 Maret 2024"


def test_deterministic(repo):
    assert R.riwayat(repo, "data") == R.riwayat(repo, "data")


def test_per_opd(repo):
    r = R.riwayat(repo, "data")
    bo = r.untuk_opd("biro-organisasi")
    assert [c.pesan for c in bo.commit] == [PESAN_3, PESAN_2, PESAN_1]
    assert bo.commit[0].perubahan == ()  # only the Excel rewrite touched this OPD
    assert {p.opd for c in bo.commit for p in c.perubahan} == {"biro-organisasi"}
    bkd = r.untuk_opd("bkd")
    assert [c.pesan for c in bkd.commit] == [PESAN_3, PESAN_1]


def test_last_updated(repo):
    bo = repo / "data" / "opd" / "biro-organisasi"
    assert R.terakhir_diperbarui(repo, [bo / "realisasi.csv"]) == "2024-03-02"
    assert R.terakhir_diperbarui(repo, [bo / "anggaran.csv"]) == "2024-04-10"
    assert R.terakhir_diperbarui(repo, [repo / "data" / "pemda.yaml", bo / "indikator.csv"]) == "2024-01-15"
    assert R.terakhir_diperbarui(repo, [repo / "data" / "tidak-ada.csv"]) is None
    r = R.riwayat(repo, "data")
    assert r.diperbarui([bo / "realisasi.csv"]) == R.Diperbarui("2024-03-02")
    assert str(r.diperbarui([bo / "realisasi.csv"])) == "Terakhir diperbarui: 2 Maret 2024"
    assert r.diperbarui([repo / "data"]).tanggal == "2024-04-10"
    assert r.diperbarui([repo / "data" / "opd" / "bkd"]).tanggal == "2024-04-10"
    assert r.diperbarui([repo / "data" / "pemda.yaml"]).tanggal == "2024-01-15"


def test_relative_paths_resolve_from_cwd(repo, monkeypatch):
    monkeypatch.chdir(repo)
    assert R.terakhir_diperbarui(".", ["data/opd/bkd"]) == "2024-04-10"
    r = R.riwayat_data("data")
    assert r.data == "data" and r.diperbarui(["data/opd/bkd/realisasi.csv"]).tanggal == "2024-04-10"


def test_repository_root_found_from_a_subfolder(repo):
    r = R.riwayat(repo / "data" / "opd", "..")
    assert [c.pesan for c in r.commit] == [PESAN_3, PESAN_2, PESAN_1]
    assert (r.akar, r.data) == (repo.resolve(), "data")
    assert r == R.riwayat(repo, "data")


def test_shallow_clone(repo, tmp_path):
    clone = tmp_path / "dangkal"
    # Depth 3: the README commit, PESAN_3, and PESAN_2 whose parent is cut off.
    _git(tmp_path, "clone", "-q", "--depth", "3", f"file://{repo}", str(clone))
    r = R.riwayat(clone, "data")
    assert [(c.pesan, c.catatan) for c in r.commit] == [(PESAN_3, ""), (PESAN_2, R.CATATAN_DANGKAL)]
    assert _rows(r.commit[0])[0] == ("bkd", "realisasi.csv", "ip-asn", "2022", "periode tahunan", "nilai", "47.07", None, "")
    assert r.commit[1].perubahan == ()
    d = r.diperbarui([clone / "data" / "pemda.yaml"])
    assert d.tanggal == "2024-03-02"
    assert str(d) == "Terakhir diperbarui: 2 Maret 2024 (paling lambat; clone dangkal, riwayat sebelumnya tidak tersedia)"

    satu = tmp_path / "satu"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(satu))
    r1 = R.riwayat(satu, "data")
    # The only commit has no parent, so it appears to add every data file: it is listed
    # with the note, and its date is only an upper bound.
    assert [(c.tanggal, c.pesan, c.catatan, c.perubahan) for c in r1.commit] == [
        ("2024-05-01", "README only", R.CATATAN_DANGKAL, ()),
    ]
    assert r1.diperbarui([satu / "data"]).catatan.startswith("paling lambat")


def test_outside_git(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    data = tmp_path / "lepas" / "data"
    _tulis(data, {"pemda.yaml": "nama: X\n"})
    r = R.riwayat(data.parent, "data")
    assert (r.commit, r.catatan) == ((), "bukan repositori git")
    assert R.terakhir_diperbarui(data.parent, [data]) is None
    assert str(r.diperbarui([data])) == "Terakhir diperbarui: tidak diketahui (bukan repositori git)"


def test_without_git(repo, monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path / "kosong"))
    r = R.riwayat(repo, "data")
    assert (r.commit, r.catatan) == ((), "git tidak tersedia")
    assert R.terakhir_diperbarui(repo, [repo / "data"]) is None


def test_data_never_committed(tmp_path):
    root = tmp_path / "baru"
    root.mkdir()
    _git(root, "init", "-q", "-b", "main")
    _tulis(root, {"data/pemda.yaml": "nama: X\n"})
    r = R.riwayat(root, "data")
    assert (r.commit, r.catatan) == ((), R.ALASAN_BELUM_COMMIT)
    assert str(r.diperbarui([root / "data"])) == "Terakhir diperbarui: tidak diketahui (berkas belum pernah di-commit)"


def test_file_level_changes(repo):
    bkd = "data/opd/bkd/"
    _tulis(repo, {bkd + "narasi/dua kata.md": "Narasi.\n", bkd + "target.csv": "indikator;nilai\nip-asn;50\n"})
    _commit(repo, "Narasi dan target rusak", "2024-06-01")
    (repo / bkd / "narasi" / "dua kata.md").unlink()
    _tulis(repo, {bkd + "target.csv": "indikator;tahun;nilai\nip-asn;2024;50\n"})
    _commit(repo, "Hapus narasi, perbaiki target", "2024-06-02")
    perbaikan, rusak = R.riwayat(repo, "data").commit[:2]
    assert _rows(rusak) == [
        ("bkd", "narasi/dua kata.md", "", "", "", "", None, None, "berkas baru"),
        ("bkd", "target.csv", "", "", "", "", None, None, "berkas baru (tidak dapat dibaca sebagai tabel)"),
    ]
    assert _rows(perbaikan) == [
        ("bkd", "narasi/dua kata.md", "", "", "", "", None, None, "berkas dihapus"),
        ("bkd", "target.csv", "", "", "", "", None, None, "isi berkas diubah (tidak dapat dibaca sebagai tabel)"),
    ]


def test_caps(repo, monkeypatch):
    monkeypatch.setattr(R, "MAKS_COMMIT", 2)
    monkeypatch.setattr(R, "MAKS_PERUBAHAN", 1)
    r = R.riwayat(repo, "data")
    assert [c.pesan for c in r.commit] == [PESAN_3, PESAN_2]
    assert r.catatan == "hanya 2 commit terbaru yang ditampilkan; 1 commit lebih lama tidak"
    assert [len(c.perubahan) for c in r.commit] == [1, 1]
    assert r.commit[1].catatan == f"2 perubahan lain tidak ditampilkan; lihat commit {r.commit[1].pendek}"
    # Dates still come from the whole history.
    assert r.diperbarui([repo / "data" / "pemda.yaml"]).tanggal == "2024-01-15"


# ---------------------------------------------------------------- template


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), trim_blocks=True, lstrip_blocks=True,
        keep_trailing_newline=True, undefined=jinja2.StrictUndefined,
    )
    env.filters["teks"] = lambda s: html.escape(str(s)).replace("|", "&#124;").replace("*", "&#42;")
    return env


def test_template_page(repo):
    out = _env().get_template("riwayat.md.j2").render(riwayat=R.riwayat(repo, "data"))
    lines = out.splitlines()
    assert lines[0] == "# Riwayat perubahan"
    i = lines.index("## 2 Maret 2024 — Revisi realisasi L612 &#124; pagu k01 &#42;BPK&#42;")
    commit = R.riwayat(repo, "data").commit[1].pendek
    assert lines[i + 1 : i + 9] == [
        "",
        f"Commit `{commit}`.",
        "",
        "| OPD | Berkas | Indikator/elemen | Tahun | Rincian | Kolom | Lama → baru |",
        "|---|---|---|---:|---|---|---|",
        "| biro-organisasi | anggaran.csv | k01 | 2020 | sumber_dana DAU | pagu | Rp 100.000.000 → Rp 120.000.000 |",
        "| biro-organisasi | realisasi.csv | l612 | 2020 | periode tahunan | nilai | 36 → 37 |",
        "| biro-organisasi | realisasi.csv | l602 | 2021 | periode tw1 | nilai | – → 3 |",
    ]
    assert lines[i + 9] == ""
    assert "| – | pemda.yaml | – | – | – | – | berkas baru |" in lines


def test_template_opd_section_and_notes(repo, tmp_path):
    env = _env()
    out = env.get_template("riwayat.md.j2").render(riwayat=R.riwayat(repo, "data").untuk_opd("biro-organisasi"), tingkat=2)
    assert out.startswith("## Riwayat perubahan\n")
    i = out.index("### 10 April 2024 — BKD: hapus realisasi 2022; anggaran dari Excel\n")
    assert "Tidak ada nilai yang berubah (hanya cara penulisan).\n" in out[i:]
    clone = tmp_path / "satu"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    out = env.get_template("riwayat.md.j2").render(riwayat=R.riwayat(clone, "data"))
    assert f": {R.CATATAN_DANGKAL}.\n" in out
    assert "| OPD |" not in out
    kosong = env.get_template("riwayat.md.j2").render(riwayat=R.Riwayat(catatan="bukan repositori git"))
    assert "Catatan: bukan repositori git.\n\nBelum ada riwayat perubahan yang dapat ditampilkan.\n" in kosong
