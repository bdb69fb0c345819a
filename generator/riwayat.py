"""Revision history of the data, read from git: what changed, when, from what to what.

Pages show "Terakhir diperbarui" from the last commit touching the files behind them
(not the build time, so a commit always renders to the same bytes) and a "Riwayat
perubahan" table of every value changed by each commit that touched the data.

Cost: one `git log --name-only` for the whole history plus one `git cat-file --batch`
for the changed files of the newest `MAKS_COMMIT` commits. CSV text read from git goes
through `load.baca_csv`, so the delimiter, BOM and whitespace rules are the loader's.
Merge commits are not listed: their changes are listed on the commits they merge.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from . import contract as C
from .errors import Laporan
from .load import baca_csv
from .model import Realisasi, Target
from .numbers import NumberError, format_nilai, format_rupiah, parse_angka

MAKS_COMMIT = 200  # commits shown in detail; older ones only feed the dates
MAKS_PERUBAHAN = 500  # value changes shown per commit

CATATAN_DANGKAL = "riwayat sebelum commit ini tidak tersedia (clone dangkal)"
ALASAN_TANPA_GIT = "git tidak tersedia"
ALASAN_BUKAN_REPO = "bukan repositori git"
ALASAN_DI_LUAR = "direktori data di luar repositori git"
ALASAN_BELUM_COMMIT = "belum ada commit yang mengubah data"
ALASAN_GIT_GAGAL = "riwayat git tidak dapat dibaca"

# anggaran.csv has no key in the contract because several rows of one element and
# year are added up (one per sumber_dana). To say which row changed, the history
# tells them apart by sumber_dana too; rows still equal on all three get an ordinal.
KUNCI_ANGGARAN = ("elemen", "tahun", "sumber_dana")
_SPEC = {spec.nama: spec for spec in C.BERKAS_OPD}
# An empty key cell means the record's default (periode "" is "tahunan"), taken from
# the model so that "" → "tahunan" in a file is not shown as a removed and added row.
_MODEL = {C.TARGET.nama: Target, C.REALISASI.nama: Realisasi}
_RUPIAH = {(C.ANGGARAN.nama, "pagu"), (C.ANGGARAN.nama, "realisasi")}
_OBJEK = ("indikator", "elemen", "id", "kunci")

BULAN = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)


@dataclass(frozen=True)
class Perubahan:
    """One changed value: `lama`/`baru` are the cell texts, None when the row or file
    did not exist on that side. File-level changes carry `keterangan` instead."""

    opd: str  # OPD id, "" for files outside opd/
    berkas: str  # "realisasi.csv", "narasi/2022.md", "pemda.yaml"
    objek: str = ""  # indicator or element id (the first key column)
    tahun: str = ""
    rincian: str = ""  # the other key columns: "jenis pk, periode tahunan"
    kolom: str = ""
    lama: str | None = None
    baru: str | None = None
    keterangan: str = ""

    @property
    def lama_teks(self) -> str:
        return self._teks(self.lama)

    @property
    def baru_teks(self) -> str:
        return self._teks(self.baru)

    def _teks(self, v: str | None) -> str:
        if v is None:
            return "–"
        if v == "":
            return "(kosong)"
        try:
            if (self.berkas, self.kolom) in _RUPIAH:
                return format_rupiah(parse_angka(v, rupiah=True))
            if self.kolom == "nilai":
                return format_nilai(parse_angka(v))
        except NumberError:
            pass
        return v


@dataclass(frozen=True)
class Commit:
    hash: str
    tanggal: str  # YYYY-MM-DD, committer date
    pesan: str  # subject line
    berkas: tuple[str, ...]  # changed paths, relative to the repository root
    perubahan: tuple[Perubahan, ...] = ()
    catatan: str = ""

    @property
    def pendek(self) -> str:
        return self.hash[:7]

    @property
    def tanggal_teks(self) -> str:
        return tanggal_indonesia(self.tanggal)


@dataclass(frozen=True)
class Diperbarui:
    tanggal: str | None
    catatan: str = ""  # why the date is unknown, or why it is only an upper bound

    def __str__(self) -> str:
        if self.tanggal is None:
            return f"Terakhir diperbarui: tidak diketahui ({self.catatan})"
        text = f"Terakhir diperbarui: {tanggal_indonesia(self.tanggal)}"
        return f"{text} ({self.catatan})" if self.catatan else text


@dataclass(frozen=True)
class Riwayat:
    commit: tuple[Commit, ...] = ()
    catatan: str = ""  # why there is no history, or that older commits are left out
    akar: Path | None = None  # repository root
    data: str = ""  # data directory, relative to the root
    # Every commit touching the data, newest first, as (hash, date, paths): feeds dates.
    indeks: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=(), repr=False)
    dangkal: frozenset[str] = field(default=frozenset(), repr=False)

    def untuk_opd(self, opd_id: str) -> Riwayat:
        """The commits that touched one OPD's folder, with only that OPD's changes."""
        prefix = f"{self.data}/opd/{opd_id}/" if self.data else f"opd/{opd_id}/"
        commits = []
        for c in self.commit:
            if not any(p.startswith(prefix) for p in c.berkas):
                continue
            commits.append(dataclasses.replace(c, perubahan=tuple(p for p in c.perubahan if p.opd == opd_id)))
        return dataclasses.replace(self, commit=tuple(commits))

    def diperbarui(self, paths: Iterable[str | os.PathLike]) -> Diperbarui:
        """Date of the last commit touching any of `paths` (files or folders of the
        data directory), from the history already read: no git call per page."""
        if self.akar is None:
            return Diperbarui(None, self.catatan)
        rel = [_relatif(self.akar, p) for p in paths]
        rel = [r for r in rel if r is not None]
        for h, tanggal, files in self.indeks:
            if any(f == r or f.startswith(r + "/") or r == "" for f in files for r in rel):
                return Diperbarui(tanggal, _catatan_dangkal(h, self.dangkal))
        return Diperbarui(None, "berkas belum pernah di-commit")


def tanggal_indonesia(iso: str) -> str:
    """`2024-03-12` → `12 Maret 2024`."""
    try:
        y, m, d = (int(x) for x in iso.split("-"))
        return f"{d} {BULAN[m - 1]} {y}"
    except (ValueError, IndexError):
        return iso


def _catatan_dangkal(h: str, dangkal: frozenset[str]) -> str:
    # In a shallow clone the boundary commit appears to add every file, so its date
    # is only the latest the change can have happened.
    return "paling lambat; clone dangkal, riwayat sebelumnya tidak tersedia" if h in dangkal else ""


def _relatif(akar: Path, p: str | os.PathLike) -> str | None:
    path = Path(p)
    path = path.resolve() if path.is_absolute() else (Path.cwd() / path).resolve()
    try:
        rel = path.relative_to(akar).as_posix()
    except ValueError:
        return None
    return "" if rel == "." else rel


# ---------------------------------------------------------------- git


def _git(cwd: Path, *args: str, masukan: bytes | None = None) -> bytes | None:
    """stdout of a git command, or None when git fails or is missing."""
    env = dict(os.environ, GIT_TERMINAL_PROMPT="0", LC_ALL="C")
    # Pin the settings a user's config could change in the output we parse.
    pinned = ("core.quotepath=off", "log.showSignature=false", "log.follow=false", "log.showRoot=true")
    cmd = ["git", *(a for kv in pinned for a in ("-c", kv)), *args]
    try:
        r = subprocess.run(cmd, cwd=cwd, input=masukan, capture_output=True, env=env, check=False)
    except OSError:
        return None
    return r.stdout if r.returncode == 0 else None


def _akar(folder: Path) -> tuple[Path | None, str]:
    """Repository root of a folder, or None with the reason."""
    if shutil.which("git") is None:
        return None, ALASAN_TANPA_GIT
    if not folder.is_dir():
        return None, ALASAN_BUKAN_REPO
    out = _git(folder, "rev-parse", "--show-toplevel")
    if out is None:
        return None, ALASAN_BUKAN_REPO
    return Path(out.decode("utf-8").strip()).resolve(), ""


def _dangkal(akar: Path) -> frozenset[str]:
    out = _git(akar, "rev-parse", "--git-path", "shallow")
    if out is None:
        return frozenset()
    path = Path(out.decode("utf-8").strip())
    path = path if path.is_absolute() else akar / path
    if not path.is_file():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip())


def terakhir_diperbarui(repo_root: str | os.PathLike, paths: Iterable[str | os.PathLike]) -> str | None:
    """YYYY-MM-DD of the last commit touching `paths`; None outside a git checkout,
    without git, or when none of the paths was ever committed."""
    akar, _ = _akar(Path(repo_root))
    if akar is None:
        return None
    rel = [r for r in (_relatif(akar, p) for p in paths) if r is not None]
    if not rel:
        return None
    out = _git(akar, "log", "-1", "--format=%cs", "--", *[r or "." for r in rel])
    text = out.decode("utf-8").strip() if out else ""
    return text or None


def _log(akar: Path, data: str) -> list[tuple[str, list[str], str, str, list[str]]] | None:
    """(hash, parents, date, subject, paths) of every commit touching `data`, newest first."""
    out = _git(
        akar, "log", "--no-renames", "--no-color", "--name-only", "-z",
        "--format=%x1e%H%x1f%P%x1f%cs%x1f%s", "--", data or ".",
    )
    if out is None:
        return None
    commits = []
    for chunk in out.decode("utf-8", errors="replace").split("\x1e")[1:]:
        head, _, rest = chunk.partition("\0")
        h, parents, tanggal, pesan = head.split("\x1f", 3)
        paths = [p.strip("\n") for p in rest.split("\0")]
        commits.append((h, parents.split(), tanggal, pesan, [p for p in paths if p]))
    return commits


def _blobs(akar: Path, wanted: list[str]) -> dict[str, bytes | None]:
    """Contents of `rev:path` objects in one `git cat-file --batch`; None when missing."""
    result: dict[str, bytes | None] = {w: None for w in wanted if "\n" in w}  # not expressible
    asked = [w for w in wanted if "\n" not in w]
    if not asked:
        return result
    out = _git(akar, "cat-file", "--batch", masukan="".join(w + "\n" for w in asked).encode("utf-8"))
    if out is None:
        return dict.fromkeys(wanted)
    pos = 0
    for w in asked:
        end = out.index(b"\n", pos)
        header = out[pos:end].split(b" ")
        pos = end + 1
        # Found: "<sha> <type> <size>" followed by the content; otherwise "<name> missing".
        if len(header) == 3 and header[2].isdigit() and header[1] in (b"blob", b"tree", b"commit", b"tag"):
            size = int(header[2])
            result[w] = out[pos : pos + size] if header[1] == b"blob" else None
            pos += size + 1
        else:
            result[w] = None
    return result


# ---------------------------------------------------------------- diff


def _baris(isi: bytes, spec: C.BerkasCsv, folder: Path) -> list[dict[str, str]] | None:
    """Rows of a CSV blob read by the loader's own rules, or None when unreadable."""
    path = folder / spec.nama
    path.write_bytes(isi)
    rows = baca_csv(path, spec, Laporan())
    if rows is None:
        return None
    # Only the contract's columns: unknown ones are ignored by the loader as well.
    return [{c: row.get(c, "") for c in spec.kolom} for _, row in rows]


def _kunci_kolom(spec: C.BerkasCsv) -> tuple[str, ...]:
    return KUNCI_ANGGARAN if spec is C.ANGGARAN else spec.kunci


def _bawaan(spec: C.BerkasCsv) -> dict[str, str]:
    model = _MODEL.get(spec.nama)
    if model is None:
        return {}
    return {f.name: f.default for f in dataclasses.fields(model) if isinstance(f.default, str)}


def _per_kunci(rows: list[dict[str, str]], spec: C.BerkasCsv) -> dict[tuple, dict[str, str]]:
    cols, bawaan = _kunci_kolom(spec), _bawaan(spec)
    out: dict[tuple, dict[str, str]] = {}
    for row in rows:
        base = tuple(row.get(k, "") or bawaan.get(k, "") for k in cols)
        key, n = (*base, 1), 1
        while key in out:  # rows the loader would reject as duplicates still diff
            n += 1
            key = (*base, n)
        out[key] = row
    return out


def _sama(a: str, b: str, rupiah: bool) -> bool:
    if a == b:
        return True
    try:
        return parse_angka(a, rupiah=rupiah) == parse_angka(b, rupiah=rupiah)
    except NumberError:
        return False


def _beda_csv(opd: str, spec: C.BerkasCsv, lama: list[dict] | None, baru: list[dict] | None) -> list[Perubahan]:
    cols = _kunci_kolom(spec)
    old, new = _per_kunci(lama or [], spec), _per_kunci(baru or [], spec)
    fields = [c for c in spec.kolom if c not in cols]
    objek_col = next((c for c in _OBJEK if c in cols), cols[0] if cols else "")
    out = []
    for key in [*new, *(k for k in old if k not in new)]:
        named = dict(zip(cols, key, strict=False))
        rincian = ", ".join(f"{c} {named[c]}" for c in cols if c not in (objek_col, "tahun") and named[c])
        if key[-1] > 1:
            rincian = f"{rincian}, baris ke-{key[-1]}" if rincian else f"baris ke-{key[-1]}"
        a, b = old.get(key), new.get(key)
        changes = []
        for c in fields:
            va = None if a is None else a.get(c, "")
            vb = None if b is None else b.get(c, "")
            if va is not None and vb is not None:
                if _sama(va, vb, (spec.nama, c) in _RUPIAH):
                    continue
            elif (va or vb) == "":
                continue  # an empty cell of an added or removed row
            changes.append((c, va, vb))
        if not changes and (a is None) != (b is None):
            first = next(iter(fields), "")
            changes.append((first, None if a is None else "", None if b is None else ""))
        for c, va, vb in changes:
            out.append(Perubahan(opd, spec.nama, named.get(objek_col, ""), named.get("tahun", ""), rincian, c, va, vb))
    return out


def _pisah(path: str, data: str) -> tuple[str, str]:
    """(opd id, file inside the OPD folder) of a repository path under `data`."""
    rel = path[len(data) + 1 :] if data else path
    parts = rel.split("/")
    if len(parts) >= 3 and parts[0] == "opd":
        return parts[1], "/".join(parts[2:])
    return "", rel


def _perubahan_berkas(path: str, data: str, isi_lama: bytes | None, isi_baru: bytes | None, tmp: Path) -> list[Perubahan]:
    opd, berkas = _pisah(path, data)
    spec = _SPEC.get(berkas) if opd else None
    if isi_lama is None and isi_baru is None:
        return []
    if spec is None:
        ket = "berkas baru" if isi_lama is None else "berkas dihapus" if isi_baru is None else "isi berkas diubah"
        return [Perubahan(opd, berkas, keterangan=ket)]
    lama = None if isi_lama is None else _baris(isi_lama, spec, tmp)
    baru = None if isi_baru is None else _baris(isi_baru, spec, tmp)
    if (isi_lama is not None and lama is None) or (isi_baru is not None and baru is None):
        ket = "berkas baru" if isi_lama is None else "berkas dihapus" if isi_baru is None else "isi berkas diubah"
        return [Perubahan(opd, berkas, keterangan=f"{ket} (tidak dapat dibaca sebagai tabel)")]
    # A whole new or removed file (an OPD's first import) is summarised: listing
    # every cell of it would bury the revisions a reader is looking for.
    if isi_lama is None:
        return [Perubahan(opd, berkas, keterangan=f"berkas baru, {len(baru)} baris")]
    if isi_baru is None:
        return [Perubahan(opd, berkas, keterangan=f"berkas dihapus, {len(lama)} baris")]
    return _beda_csv(opd, spec, lama, baru)


# ---------------------------------------------------------------- history


def riwayat(repo_root: str | os.PathLike, data_rel: str = "data") -> Riwayat:
    """The history of the data directory `repo_root/data_rel`, newest commit first.

    Never raises for a missing git, a folder outside git or a shallow clone: the
    result then says in `catatan` (or in a commit's `catatan`) what is missing.
    """
    folder = (Path(repo_root) / data_rel).resolve()
    akar, alasan = _akar(folder if folder.is_dir() else Path(repo_root))
    if akar is None:
        return Riwayat(catatan=alasan)
    try:
        data = folder.relative_to(akar).as_posix()
    except ValueError:
        return Riwayat(catatan=ALASAN_DI_LUAR)
    data = "" if data == "." else data
    log = _log(akar, data)
    if log is None:
        # An empty repository has no HEAD for `git log` to start from.
        kosong = _git(akar, "rev-parse", "--verify", "-q", "HEAD") is None
        return Riwayat(catatan=ALASAN_BELUM_COMMIT if kosong else ALASAN_GIT_GAGAL, akar=akar, data=data)
    dangkal = _dangkal(akar)
    indeks = tuple((h, tanggal, tuple(paths)) for h, _, tanggal, _, paths in log)
    if not log:
        return Riwayat(catatan=ALASAN_BELUM_COMMIT, akar=akar, data=data, dangkal=dangkal)
    rinci = log[:MAKS_COMMIT]
    wanted = []
    for h, parents, _, _, paths in rinci:
        for p in paths:
            wanted.append(f"{h}:{p}")
            if parents:
                wanted.append(f"{parents[0]}:{p}")
    blobs = _blobs(akar, sorted(set(wanted)))
    commits = []
    with tempfile.TemporaryDirectory(prefix="kinerja-riwayat-") as tmp:
        for h, parents, tanggal, pesan, paths in rinci:
            if not parents and h in dangkal:
                commits.append(Commit(h, tanggal, pesan, tuple(paths), (), CATATAN_DANGKAL))
                continue
            changes: list[Perubahan] = []
            for p in sorted(paths):
                old = blobs.get(f"{parents[0]}:{p}") if parents else None
                changes.extend(_perubahan_berkas(p, data, old, blobs.get(f"{h}:{p}"), Path(tmp)))
            catatan = ""
            if len(changes) > MAKS_PERUBAHAN:
                catatan = f"{len(changes) - MAKS_PERUBAHAN} perubahan lain tidak ditampilkan; lihat commit {h[:7]}"
                changes = changes[:MAKS_PERUBAHAN]
            commits.append(Commit(h, tanggal, pesan, tuple(paths), tuple(changes), catatan))
    catatan = ""
    if len(log) > MAKS_COMMIT:
        catatan = f"hanya {MAKS_COMMIT} commit terbaru yang ditampilkan; {len(log) - MAKS_COMMIT} commit lebih lama tidak"
    return Riwayat(tuple(commits), catatan, akar, data, indeks, dangkal)


def riwayat_data(data_dir: str | os.PathLike) -> Riwayat:
    """`riwayat` of a data directory given as it is on the command line (`--data`)."""
    folder = Path(data_dir).resolve()
    return riwayat(folder.parent, folder.name)

