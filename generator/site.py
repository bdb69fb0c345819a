"""Publishing: the pipeline load → validate → compute → render, then atomic writing of
the generated files into `content/` and the MkDocs build into `site/`.

Nothing is written until everything has rendered, and generated files are swapped in
only when they all were staged, so bad data never leaves a half-written site.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath
import shutil
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

from . import export, pipeline
from .errors import BuildError, DataError, Laporan, Problem

MANIFEST = ".kinerja-terbit"


def hitung(data: Path):
    """Load, validate and evaluate every OPD: (dataset, {opd: EvaluasiOpd} or None,
    laporan). The dataset and results are the summaries the pages across OPDs read
    (`pages.ringkas_opd`); `check` needs only the report.

    Printed figures of old documents (tercetak.csv) are audited against the results
    and every difference becomes a warning.
    """
    k = pipeline.jalankan(Path(data), render=False)
    if k.laporan.ada_galat:
        return k.dataset, None, k.laporan
    return k.dataset, {h.opd_id: h.ringkas[1] for h in k.per_opd}, k.laporan


def render(data: Path) -> tuple[dict[str, bytes], Laporan]:
    """Every generated file (relative path → bytes) for a data directory.

    Raises DataError when the data has errors; warnings come back in the report.
    """
    from . import pages

    k = pipeline.jalankan(Path(data), render=True)
    if k.laporan.ada_galat:
        raise DataError(k.laporan)
    files: dict[str, bytes] = {}
    for h in k.per_opd:
        files.update(h.files)
    files.update(export.gabung_pemda([h.fragmen for h in k.per_opd], xlsx=True))
    ringkas = {h.opd_id: h.ringkas[1] for h in k.per_opd}
    files.update(pages.render_lintas(k.dataset, ringkas, Path(data), k.riwayat))
    return dict(sorted(files.items())), k.laporan


def _manifest(out: Path) -> set[str]:
    path = out / MANIFEST
    if not path.is_file():
        return set()
    return {line for line in path.read_text(encoding="utf-8").splitlines() if line}


def tulis(out: Path, files: dict[str, bytes]) -> list[str]:
    """Write generated files into `out`, returning the paths written.

    Unchanged files are not touched (so `mkdocs serve` and git see nothing), files
    that were generated before but are no longer are removed, and files in `out` that
    this tool did not generate (hand-written pages) are never overwritten.
    """
    out.mkdir(parents=True, exist_ok=True)
    old = _manifest(out)
    owned: set[str] = set()
    changed: dict[str, bytes] = {}
    for rel, content in sorted(files.items()):
        target = os.path.join(out, rel)
        try:
            st = os.stat(target)
        except OSError:  # not there (one stat per file: a first run writes thousands)
            owned.add(rel)
            changed[rel] = content
            continue
        if rel not in old:
            continue  # a hand-written file of the same name wins
        owned.add(rel)
        if not (stat.S_ISREG(st.st_mode) and st.st_size == len(content) and Path(target).read_bytes() == content):
            changed[rel] = content
    stage = Path(tempfile.mkdtemp(prefix=".kinerja-", dir=out))
    try:
        dibuat: set[str] = set()
        for rel, content in changed.items():
            folder = posixpath.dirname(rel)
            if folder not in dibuat:
                (stage / folder).mkdir(parents=True, exist_ok=True)
                dibuat.add(folder)
            with open(stage / rel, "wb") as f:
                f.write(content)
        _pindah(stage, out)
    finally:
        shutil.rmtree(stage, ignore_errors=True)
    for rel in sorted(old - owned):
        path = out / rel
        if path.is_file():
            path.unlink()
            _prune(path.parent, out)
    manifest = "".join(f"{rel}\n" for rel in sorted(owned))
    mpath = out / MANIFEST
    if not mpath.is_file() or mpath.read_text(encoding="utf-8") != manifest:
        mpath.write_text(manifest, encoding="utf-8")
    return sorted(changed)


def _pindah(stage: Path, out: Path) -> None:
    """Move the staged tree into `out`: a folder that `out` does not have yet moves
    whole (a first run moves a handful of folders, not thousands of files)."""
    for entry in os.scandir(stage):
        target = os.path.join(out, entry.name)
        if entry.is_dir(follow_symlinks=False) and os.path.isdir(target) and not os.path.islink(target):
            _pindah(Path(entry.path), Path(target))
        else:
            os.replace(entry.path, target)


def _prune(folder: Path, root: Path) -> None:
    while folder != root and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def pemda_nama(data: Path) -> str:
    """The pemda's name (data already validated by `generate`)."""
    from .load import muat_pemda

    return muat_pemda(Path(data), Laporan()).nama


def _siapkan(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BuildError(f"{folder}: direktori keluaran tidak dapat dibuat ({exc.strerror})") from exc


def _tulis_aman(out: Path, files: dict[str, bytes]) -> list[str]:
    """`tulis`, with file-system failures (an output path that is a file, a full disk,
    no permission) turned into a message instead of a traceback."""
    try:
        return tulis(out, files)
    except OSError as exc:
        where = exc.filename or out
        raise BuildError(f"{where}: keluaran tidak dapat ditulis ({exc.strerror})") from exc


SIDIK = ".kinerja-sidik"


def _sidik(data: Path) -> str:
    """Fingerprint of everything the output depends on: every data file, the
    generator's own code and templates, and the last git commit of the data (pages
    show its revision history). Hashing the province data takes well under a second, where a
    full render takes minutes."""
    h = hashlib.sha256()
    for base in (Path(data), Path(__file__).parent):
        for p in sorted(base.rglob("*")):
            if p.is_file() and "__pycache__" not in p.parts and ".git" not in p.parts:
                h.update(p.relative_to(base).as_posix().encode("utf-8") + b"\0")
                with p.open("rb") as f:
                    for chunk in iter(lambda f=f: f.read(1 << 20), b""):
                        h.update(chunk)
                h.update(b"\0")
    try:
        # The last commit that touched the data, not HEAD: unrelated commits leave the
        # pages as they are.
        git = subprocess.run(
            ["git", "-C", str(data), "log", "-1", "--format=%H", "--", "."],
            capture_output=True, text=True, check=False,
        )
        h.update(git.stdout.encode("utf-8"))
    except OSError:  # no git: the data files alone decide
        pass
    return h.hexdigest()


def _jejak(out: Path, rels) -> dict[str, list[int]]:
    out_files = {}
    for rel in rels:
        st = (out / rel).stat()
        out_files[rel] = [st.st_size, st.st_mtime_ns]
    return out_files


def _tanpa_perubahan(out: Path, sidik: str) -> Laporan | None:
    """The previous run's report when neither the inputs nor any generated file
    changed since, else None."""
    try:
        saved = json.loads((out / SIDIK).read_text(encoding="utf-8"))
        if saved.get("sidik") != sidik or _jejak(out, saved["berkas"]) != saved["berkas"]:
            return None
        return Laporan([Problem(*p) for p in saved["masalah"]])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def generate(data: Path, out: Path) -> tuple[list[str], Laporan]:
    """Render and write; with unchanged inputs and untouched output, skip rendering."""
    out = Path(out)
    sidik = _sidik(data)
    laporan = _tanpa_perubahan(out, sidik)
    if laporan is not None:
        return [], laporan
    files, laporan = render(data)
    written = _tulis_aman(out, files)
    saved = {
        "sidik": sidik,
        "berkas": _jejak(out, sorted(_manifest(out))),
        "masalah": [[p.path, p.line, p.column, p.message, p.level] for p in laporan.problems],
    }
    text = json.dumps(saved, ensure_ascii=False, sort_keys=True)
    path = out / SIDIK
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return written, laporan


def _salin_tautan(src: Path, dst: Path) -> None:
    """Copy a docs tree by hard links where possible: cheap, and `tulis` replaces files
    (new inodes), so the original stays untouched."""

    def link(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    def ignore(folder: str, names: list[str]) -> list[str]:
        return [n for n in names if n.startswith(".kinerja-") and (Path(folder) / n).is_dir()]

    shutil.copytree(src, dst, copy_function=link, ignore=ignore)


def _mkdocs(docs: Path, fresh: Path, config: Path, data: Path) -> None:
    cfg = config.resolve().parent / f".kinerja-mkdocs-{os.getpid()}.yml"
    # The site is named after the pemda of the data, so a government replacing data/
    # need not edit mkdocs.yml; JSON strings are valid YAML scalars, safely quoted.
    nama = json.dumps(f"Laporan Kinerja {pemda_nama(data)}".strip(), ensure_ascii=False)
    cfg.write_text(
        f"INHERIT: {config.resolve().name}\ndocs_dir: {json.dumps(str(docs.resolve()))}\n"
        f"site_dir: {json.dumps(str(fresh))}\nsite_name: {nama}\n",
        encoding="utf-8",
    )
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(cfg)],
            check=False, capture_output=True, text=True,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    finally:
        cfg.unlink(missing_ok=True)
    if proc.returncode != 0:
        log = (proc.stderr or proc.stdout).strip().splitlines()
        penting = [x for x in log if x.startswith(("WARNING", "ERROR"))] or log
        raise BuildError("MkDocs gagal membangun situs (mode ketat):\n" + "\n".join(penting))


PENANDA_SITUS = ".kinerja-situs"


def _periksa_tujuan(site_dir: Path, lindungi: list[Path]) -> None:
    """`build` replaces the site directory whole: refuse anything that is not a site
    it built (or empty/new), and never the working directory, the data, the content
    or the configuration, nor a folder that holds them."""
    cwd = Path.cwd().resolve()
    for p in [cwd, *(x.resolve() for x in lindungi)]:
        inside = p != cwd and p in site_dir.parents  # e.g. data/opd
        if site_dir == p or site_dir in p.parents or inside:
            raise BuildError(f"{site_dir}: --site tidak boleh menunjuk {p}, folder yang memuatnya, atau isinya")
    if site_dir.exists():
        if not site_dir.is_dir():
            raise BuildError(f"{site_dir}: --site menunjuk sebuah berkas, bukan direktori")
        if any(site_dir.iterdir()) and not (site_dir / PENANDA_SITUS).is_file():
            raise BuildError(
                f"{site_dir}: direktori ini bukan situs yang dibangun kinerja ({PENANDA_SITUS} "
                "tidak ada); kosongkan atau pilih direktori lain agar isinya tidak terhapus"
            )


def build(data: Path, out: Path, site_dir: Path, config: Path = Path("mkdocs.yml")) -> tuple[list[str], Laporan]:
    """Generate and build the site with MkDocs (strict).

    MkDocs runs on a staged copy of `out` with the new pages; only when it succeeds
    are the pages written into `out` and the fresh site swapped in for `site_dir`.
    Any failure leaves both exactly as they were.
    """
    files, laporan = render(data)  # data problems first: they are what users fix
    if not Path(config).is_file():
        raise BuildError(f"{config}: konfigurasi MkDocs tidak ditemukan")
    out, site_dir = Path(out), Path(site_dir).resolve()
    _periksa_tujuan(site_dir, [Path(data), out, Path(config)])
    for folder in (out.resolve().parent, site_dir.parent):
        _siapkan(folder)
    with tempfile.TemporaryDirectory(prefix=".kinerja-docs-", dir=out.resolve().parent) as tmp:
        staged = Path(tmp) / "docs"
        if out.is_dir():
            _salin_tautan(out, staged)
        _tulis_aman(staged, files)
        fresh = Path(tempfile.mkdtemp(prefix=".site-", dir=site_dir.parent))
        try:
            _mkdocs(staged, fresh, Path(config), data)
            (fresh / PENANDA_SITUS).write_text("Dibangun oleh kinerja build; boleh diganti seluruhnya.\n", encoding="utf-8")
            written = _tulis_aman(out, files)
            old = None
            if site_dir.exists():
                old = site_dir.with_name(site_dir.name + f".lama-{os.getpid()}")
                os.replace(site_dir, old)
            os.replace(fresh, site_dir)
            if old is not None:
                shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
    return written, laporan
