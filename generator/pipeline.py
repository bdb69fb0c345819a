"""The pipeline per OPD, run in worker processes.

Everything from reading an OPD's folder to its pages and download files needs that
OPD's data and nothing of the others: load → validate → compute → audit → render runs
for each OPD on its own, in as many processes as the machine has cores. The parent
reads the pemda-wide files, hands out the OPD folders, and from what comes back (the
problems, the rendered files, a small summary per OPD and the export fragments) makes
the pages and downloads across OPDs. With one process the same function runs in line,
so both ways give the same bytes.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from . import audit, export
from .engine import EvaluasiOpd, evaluasi_opd
from .errors import Laporan, Problem
from .load import _muat_skala, ada_opd, direktori_data, folder_opd, muat_opd, muat_pemda
from .model import Dataset, Opd, Pemda, Skala
from .validate import periksa_opd

# Below this much CSV and YAML, starting processes costs more than it saves.
PARALEL_MULAI = 2 * 1024 * 1024


@dataclass
class HasilOpd:
    """What one OPD's run sends back to the parent."""

    opd_id: str
    masalah: list[Problem]
    ringkas: tuple[Opd, EvaluasiOpd] | None = None  # None when the OPD has errors
    files: dict[str, bytes] = field(default_factory=dict)  # empty when staged by the worker
    catatan: list = field(default_factory=list)  # what Penulis.tambah staged
    fragmen: object = None


@dataclass
class _Bersama:
    """Read by every OPD's run; set before the workers fork, so it is never pickled."""

    data: Path
    pemda: Pemda
    skala: dict[str, Skala]
    ditolak: frozenset[str]
    render: bool
    riwayat: object = None
    penulis: object = None  # site.Penulis: each worker stages its OPD's files itself


# The run's shared inputs (and the folder of the workers' results). Module state, not
# an argument: forked workers inherit it.
_BERSAMA: dict = {}


def _satu(folder: Path) -> HasilOpd:
    # An OPD's run makes hundreds of thousands of objects and no garbage cycles worth
    # collecting: the cyclic collector would only rescan them (a third of load time).
    aktif = gc.isenabled()
    gc.disable()
    try:
        return _satu_opd(folder)
    finally:
        if aktif:
            gc.enable()


def _satu_opd(folder: Path) -> HasilOpd:
    b = _BERSAMA["run"]
    laporan = Laporan()
    opd = muat_opd(folder, b.pemda, b.skala, laporan, b.ditolak)
    if opd is None:
        return HasilOpd(folder.name, laporan.problems)
    periksa_opd(opd, folder, laporan)
    if laporan.ada_galat:
        return HasilOpd(opd.id, laporan.problems)
    dataset = Dataset(b.pemda, b.skala, [opd])
    ev = evaluasi_opd(opd, b.pemda.aturan, b.skala, dataset.skala_capaian)
    audit.peringatan_audit_opd(opd, ev, b.data, laporan)
    hasil = HasilOpd(opd.id, laporan.problems)
    if b.render:
        from . import pages

        hasil.files, hasil.fragmen = export.bagian_opd(ev, xlsx=True)
        hasil.files.update(pages.render_opd(dataset, opd, ev, b.data, b.riwayat))
        if b.penulis is not None:
            hasil.catatan = b.penulis.tambah(hasil.files)
            hasil.files = {}
    from .pages import ringkas_opd

    hasil.ringkas = ringkas_opd(opd, ev)
    return hasil


def _satu_ke_berkas(folder: Path) -> str:
    """A worker's run of one OPD, its result pickled into a file of the run's folder
    of results. Through the pool's pipe the export fragments (over a megabyte an OPD)
    cost the parent more CPU to receive than one read of a file."""
    h = _satu(folder)
    path = os.path.join(_BERSAMA["hasil"], folder.name)
    with open(path, "wb") as f:
        pickle.dump(h, f, protocol=pickle.HIGHEST_PROTOCOL)
    return path


def _baca_hasil(path: str) -> HasilOpd:
    with open(path, "rb") as f:
        return pickle.load(f)


def jumlah_proses(n_opd: int, ukuran: int) -> int:
    """Worker processes to use: KINERJA_PROSES if set, else one per core; one for
    small data or where processes cannot be forked."""
    pilihan = os.environ.get("KINERJA_PROSES", "").strip()
    if pilihan.isdigit() and int(pilihan) >= 1:
        n = int(pilihan)
    else:
        if ukuran < PARALEL_MULAI:
            return 1
        try:
            n = len(os.sched_getaffinity(0))
        except AttributeError:  # not on Linux
            n = os.cpu_count() or 1
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(n, n_opd))


def _ukuran(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if p.is_file())


@dataclass
class Keluaran:
    """A whole run: the pemda-wide dataset (holding the summaries of the OPDs that
    loaded), each OPD's result in id order, every problem, and the git history."""

    dataset: Dataset
    per_opd: list[HasilOpd]
    laporan: Laporan
    riwayat: object = None
    proses: int = 1  # worker processes the run used


def jalankan(data: Path, render: bool = True, penulis=None, sambil=None) -> Keluaran:
    """Run every OPD of `data`; with a `site.Penulis`, each OPD's files are staged
    where they are made instead of being sent back. `sambil()`, if given, runs in this
    process while the workers run (or after the OPDs, with one process)."""
    data = Path(data)
    laporan = Laporan()
    if not direktori_data(data, laporan):
        if sambil is not None:
            sambil()
        return Keluaran(Dataset(Pemda(""), {}, []), [], laporan)
    pemda = muat_pemda(data, laporan)
    skala, ditolak = _muat_skala(data, laporan)
    folders = folder_opd(data, laporan)
    riwayat = None
    if render:
        from .riwayat import riwayat_data

        # Read the git history once, here: the workers inherit it.
        riwayat = riwayat_data(data)
    _BERSAMA["run"] = _Bersama(data, pemda, skala, frozenset(ditolak), render, riwayat, penulis)
    try:
        besar = {f: _ukuran(f) for f in folders}
        n = jumlah_proses(len(folders), sum(besar.values()))
        if n == 1:
            hasil = [_satu(f) for f in folders]
            if sambil is not None:
                sambil()
        else:
            # Largest OPDs first, so that no worker is left with a big one at the end.
            urut = sorted(folders, key=lambda f: (-besar[f], f.name))
            with tempfile.TemporaryDirectory(prefix="kinerja-hasil-") as tmp:
                _BERSAMA["hasil"] = tmp
                with multiprocessing.get_context("fork").Pool(n) as pool:
                    selesai = pool.imap_unordered(_satu_ke_berkas, urut, chunksize=1)
                    if sambil is not None:
                        sambil()
                    # Each result read as it comes, while the workers go on.
                    per_nama = {}
                    for path in selesai:
                        per_nama[os.path.basename(path)] = _baca_hasil(path)
                hasil = [per_nama[f.name] for f in folders]
    finally:
        _BERSAMA.clear()
    for h in hasil:
        laporan.problems.extend(h.masalah)
    ada_opd(data, len(folders), laporan)
    dataset = Dataset(pemda, skala, [h.ringkas[0] for h in hasil if h.ringkas is not None])
    return Keluaran(dataset, hasil, laporan, riwayat, n)


def _anak():
    return _BERSAMA["anak"]()


def berdampingan(di_anak, di_sini):
    """(di_anak(), di_sini()): the first in a forked process while the second runs
    here. Both see everything this process has; the first's result (and any exception
    it raises) comes back pickled, so it should be small."""
    _BERSAMA["anak"] = di_anak
    try:
        with multiprocessing.get_context("fork").Pool(1) as pool:
            tunggu = pool.apply_async(_anak)
            sini = di_sini()
            return tunggu.get(), sini
    finally:
        _BERSAMA.pop("anak", None)
