"""Benchmark of `kinerja` at small, province and large scale (`make bench`).

For each scale: write synthetic data (`kinerja contoh`), generate into a fresh output
directory (time and peak RSS of a child process), regenerate with unchanged data,
build the site with MkDocs, and measure what was written. For the province scale (or
the largest scale run) it also measures the I/O floor (pandas reading the same CSVs,
writing the same bytes) and builds the same content with Zensical.

Prints one table and writes it to bench/RESULTS.md between the bench markers (text
around them is kept). `--quick` runs a small smoke test and writes
bench/out/RESULTS-quick.md instead.

This is a benchmark, not a test: nothing here fails on a slow figure.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
RESULTS = ROOT / "bench" / "RESULTS.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
BUDGET_S = 30 * 60  # the whole `make bench` should stay within about 30 minutes

SKALA = {
    # name: (opd, tahun awal, tahun akhir, indikator per OPD)
    "small": (3, 2021, 2026, 30),
    "province": (60, 2021, 2026, 250),
    "large": (200, 2021, 2026, 250),
}
QUICK = {"small": (2, 2023, 2025, 12)}
SEED = 20240601

TARGET = {  # province scale, from issue 5
    "generate_s": 5.0,
    "rss_mb": 1024.0,
    "rasio_io": 5.0,
    "regen_s": 2.0,
    "mkdocs_s": 120.0,
    "search_mb": 5.0,
    "median_kb": 200.0,
}

# Runs a command as its own child so that RUSAGE_CHILDREN holds exactly its peak RSS.
_UKUR = r"""
import json, resource, subprocess, sys, time
t = time.perf_counter()
try:
    p = subprocess.run(sys.argv[2:], capture_output=True, text=True, timeout=float(sys.argv[1]))
    rc, out, err = p.returncode, p.stdout, p.stderr
except subprocess.TimeoutExpired as exc:
    rc, out, err = "timeout", "", f"batas waktu {exc.timeout:.0f} s terlampaui"
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
if sys.platform == "darwin":
    rss //= 1024
print(json.dumps({"rc": rc, "s": wall, "rss_kb": rss, "out": out[-3000:], "err": err[-3000:]}))
"""


@dataclass
class Ukur:
    ok: bool
    s: float
    rss_mb: float
    out: str
    err: str


def ukur(cmd: list[str], timeout: float = 3600, cwd: Path = ROOT) -> Ukur:
    p = subprocess.run(
        [sys.executable, "-c", _UKUR, str(timeout), *map(str, cmd)],
        capture_output=True, text=True, cwd=cwd, check=True,
    )
    d = json.loads(p.stdout)
    return Ukur(d["rc"] == 0, d["s"], d["rss_kb"] / 1024, d["out"], d["err"])


@dataclass
class Hasil:
    skala: str
    bentuk: tuple
    baris_input: int = 0
    mb_input: float = 0.0
    contoh_s: float = 0.0
    generate_s: float | None = None
    rss_mb: float | None = None
    berkas: int = 0
    mb_ditulis: float = 0.0
    regen_s: float | None = None
    regen_ditulis: int | None = None
    halaman_md: int = 0
    mkdocs_s: float | None = None
    mkdocs_catatan: str = ""
    site_mb: float | None = None
    search_mb: float | None = None
    median_kb: float | None = None
    terbesar_kb: float | None = None
    terbesar_nama: str = ""
    catatan: list[str] = field(default_factory=list)


def mb(n: int) -> float:
    return n / 1024 / 1024


def ukuran(folder: Path, pola: str = "*") -> tuple[int, int]:
    files = [p for p in folder.rglob(pola) if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def baris_csv(data: Path) -> tuple[int, int]:
    rows = size = 0
    for p in sorted(data.rglob("*.csv")):
        raw = p.read_bytes()
        size += len(raw)
        rows += max(0, raw.count(b"\n") - 1)
    return rows, size


def ditulis(stderr: str) -> int | None:
    m = re.search(r"(\d+) berkas ditulis", stderr)
    return int(m.group(1)) if m else None


def halaman_tangan(dst: Path) -> None:
    """Copy the hand-written pages of content/ (those not in its manifest of generated
    files) so that the benchmark site has the same navigation as the real one."""
    src = ROOT / "content"
    if not src.is_dir():
        return
    manifest = src / ".kinerja-terbit"
    generated = set(manifest.read_text(encoding="utf-8").splitlines()) if manifest.is_file() else set()
    for p in sorted(src.rglob("*")):
        rel = p.relative_to(src).as_posix()
        if p.is_file() and rel not in generated and not any(part.startswith(".") for part in p.relative_to(src).parts):
            (dst / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(p, dst / rel)


def konfigurasi(docs: Path, site: Path) -> Path:
    """mkdocs.yml with docs_dir and site_dir pointed at the benchmark folders. Written
    next to mkdocs.yml so that relative paths in it (custom_dir, hooks) still resolve;
    the caller removes it."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    text = re.sub(r"(?m)^(docs_dir|site_dir):.*\n?", "", text)
    cfg = ROOT / f".bench-mkdocs-{os.getpid()}.yml"
    # Relative paths: Zensical 0.0.73 panics on an absolute docs_dir.
    docs, site = os.path.relpath(docs, ROOT), os.path.relpath(site, ROOT)
    cfg.write_text(text.rstrip("\n") + f"\ndocs_dir: {docs}\nsite_dir: {site}\n", encoding="utf-8")
    return cfg


def ukur_situs(site: Path, hasil: Hasil) -> None:
    _, total = ukuran(site)
    hasil.site_mb = mb(total)
    index = site / "search" / "search_index.json"
    hasil.search_mb = mb(index.stat().st_size) if index.is_file() else None
    pages = sorted((p.stat().st_size, p.relative_to(site).as_posix()) for p in site.rglob("*.html"))
    if pages:
        hasil.median_kb = statistics.median(s for s, _ in pages) / 1024
        hasil.terbesar_kb = pages[-1][0] / 1024
        hasil.terbesar_nama = pages[-1][1]


def bisa_bangun() -> str:
    """Empty when the site can be built, else why not."""
    missing = [p for p in ("generator/pages.py", "mkdocs.yml") if not (ROOT / p).is_file()]
    if missing:
        return f"{' dan '.join(missing)} belum ada: belum ada halaman untuk dibangun"
    return ""


def mkdocs(docs: Path, site: Path, timeout: float) -> tuple[Ukur, str]:
    cfg = konfigurasi(docs, site)
    try:
        r = ukur([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", cfg], timeout)
        note = ""
        if not r.ok and "timeout" not in r.err:
            note = "gagal dengan --strict: " + _baris_pertama(r.err or r.out) + "; diulang tanpa --strict"
            r = ukur([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", cfg], timeout)
        return r, note
    finally:
        cfg.unlink(missing_ok=True)


def _baris_pertama(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    errs = [ln for ln in lines if "ERROR" in ln or "WARNING" in ln or "Error" in ln]
    return (errs or lines or ["(tanpa pesan)"])[0][:300]


# ---------------------------------------------------------------- one scale


def jalankan(nama: str, bentuk: tuple, mulai: float, perkiraan_mkdocs: dict) -> Hasil:
    opd, awal, akhir, ind = bentuk
    hasil = Hasil(nama, bentuk)
    base = OUT / nama
    data, content, site = base / "data", base / "content", base / "site"
    for d in (content, site):
        shutil.rmtree(d, ignore_errors=True)
    content.mkdir(parents=True)

    kinerja = [sys.executable, "-m", "generator.cli"]
    r = ukur([*kinerja, "contoh", "--opd", opd, "--tahun", f"{awal}-{akhir}", "--indikator", ind,
              "--seed", SEED, "--out", data])
    if not r.ok:
        hasil.catatan.append("contoh gagal: " + _baris_pertama(r.err))
        return hasil
    hasil.contoh_s = r.s
    hasil.baris_input, size = baris_csv(data)
    hasil.mb_input = mb(size)
    print(f"[{nama}] data: {hasil.baris_input} baris CSV ({hasil.mb_input:.1f} MB) dalam {r.s:.1f} s", flush=True)

    per_baris = perkiraan_mkdocs.get("s_per_baris")
    sisa = BUDGET_S - (time.perf_counter() - mulai)
    if per_baris is not None and 2 * per_baris * hasil.baris_input > sisa:
        hasil.catatan.append(
            f"generate dilewati: perkiraan generate + regenerate {2 * per_baris * hasil.baris_input / 60:.0f} menit "
            f"(dari skala sebelumnya) melebihi sisa anggaran {max(sisa, 0) / 60:.0f} menit"
        )
        hasil.mkdocs_catatan = "dilewati karena generate dilewati"
        print(f"[{nama}] {hasil.catatan[-1]}", flush=True)
        return hasil
    halaman_tangan(content)
    r = ukur([*kinerja, "generate", "--data", data, "--out", content], timeout=1800)
    if not r.ok:
        hasil.catatan.append("generate gagal: " + _baris_pertama(r.err))
        return hasil
    hasil.generate_s, hasil.rss_mb = r.s, r.rss_mb
    perkiraan_mkdocs["s_per_baris"] = r.s / max(hasil.baris_input, 1)
    manifest = (content / ".kinerja-terbit").read_text(encoding="utf-8").splitlines()
    hasil.berkas = len(manifest)
    hasil.mb_ditulis = mb(sum((content / rel).stat().st_size for rel in manifest))
    hasil.halaman_md = sum(rel.endswith(".md") for rel in manifest)
    print(f"[{nama}] generate: {r.s:.1f} s, RSS {r.rss_mb:.0f} MB, {hasil.berkas} berkas, {hasil.mb_ditulis:.1f} MB", flush=True)

    sebelum = {p: p.stat().st_mtime_ns for p in content.rglob("*") if p.is_file()}
    r = ukur([*kinerja, "generate", "--data", data, "--out", content], timeout=1800)
    sesudah = {p: p.stat().st_mtime_ns for p in content.rglob("*") if p.is_file()}
    hasil.regen_s = r.s
    touched = sum(1 for p, t in sesudah.items() if sebelum.get(p) != t)
    reported = ditulis(r.err)
    hasil.regen_ditulis = max(touched, reported or 0)
    print(f"[{nama}] regenerate tanpa perubahan: {r.s:.1f} s, {hasil.regen_ditulis} berkas ditulis", flush=True)

    alasan = bisa_bangun()
    if alasan:
        hasil.mkdocs_catatan = alasan
        return hasil
    sisa = BUDGET_S - (time.perf_counter() - mulai)
    per_halaman = perkiraan_mkdocs.get("s_per_md")
    if per_halaman is not None:
        perkiraan = per_halaman * hasil.halaman_md
        if perkiraan > sisa:
            hasil.mkdocs_catatan = (
                f"dilewati: perkiraan {perkiraan / 60:.0f} menit ({hasil.halaman_md} halaman × "
                f"{per_halaman:.3f} s dari skala sebelumnya) melebihi sisa anggaran {max(sisa, 0) / 60:.0f} menit"
            )
            print(f"[{nama}] MkDocs {hasil.mkdocs_catatan}", flush=True)
            return hasil
    r, note = mkdocs(content, site, timeout=max(60.0, sisa))
    if note:
        hasil.catatan.append("MkDocs " + note)
    if not r.ok:
        hasil.mkdocs_catatan = "gagal: " + _baris_pertama(r.err or r.out)
        return hasil
    hasil.mkdocs_s = r.s
    hasil.catatan.append(f"MkDocs RSS puncak {r.rss_mb:.0f} MB")
    if hasil.halaman_md:
        perkiraan_mkdocs["s_per_md"] = r.s / hasil.halaman_md
    ukur_situs(site, hasil)
    print(f"[{nama}] MkDocs: {r.s:.1f} s, situs {hasil.site_mb:.1f} MB", flush=True)
    return hasil


# ---------------------------------------------------------------- floor and Zensical


def lantai_io(hasil: Hasil) -> tuple[float, float, float]:
    """Seconds to read the same CSVs with pandas and to write the same bytes."""
    import pandas as pd

    base = OUT / hasil.skala
    csvs = sorted((base / "data").rglob("*.csv"))
    t = time.perf_counter()
    for p in csvs:
        pd.read_csv(p, dtype=str, keep_default_na=False)
    baca = time.perf_counter() - t
    content = base / "content"
    manifest = (content / ".kinerja-terbit").read_text(encoding="utf-8").splitlines()
    blobs = [(rel, (content / rel).read_bytes()) for rel in manifest]
    with tempfile.TemporaryDirectory(dir=OUT) as tmp:
        t = time.perf_counter()
        for rel, raw in blobs:
            target = Path(tmp) / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(raw)
        tulis = time.perf_counter() - t
    return baca, tulis, baca + tulis


def zensical(hasil: Hasil, pasang: bool) -> str:
    """Build the same content with Zensical; its time as a ratio to MkDocs, or what stopped it."""
    if bisa_bangun():
        return "tidak dicoba: " + bisa_bangun()
    venv = OUT / "zensical-venv"
    exe = venv / "bin" / "zensical"
    if not exe.exists():
        if not pasang:
            return "tidak dicoba (--quick tidak memasang Zensical)"
        print("[zensical] memasang ke bench/out/zensical-venv …", flush=True)
        try:
            subprocess.run([sys.executable, "-m", "venv", venv], check=True, capture_output=True)
            subprocess.run([venv / "bin" / "python", "-m", "pip", "install", "--quiet", "zensical"],
                           check=True, capture_output=True, text=True, timeout=900)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            return "pemasangan gagal: " + _baris_pertama(getattr(exc, "stderr", "") or str(exc))
    version = subprocess.run([exe, "--version"], check=False, capture_output=True, text=True).stdout.strip()
    base = OUT / hasil.skala
    site = base / "site-zensical"
    shutil.rmtree(site, ignore_errors=True)
    cfg = konfigurasi(base / "content", site)
    try:
        r = ukur([exe, "build", "--clean", "-f", cfg], timeout=1800)
    finally:
        cfg.unlink(missing_ok=True)
    if not r.ok:
        return f"Zensical {version} gagal: " + _baris_pertama(r.err or r.out)
    pages = len(list(site.rglob("*.html"))) if site.is_dir() else 0
    _, total = ukuran(site) if site.is_dir() else (0, 0)
    index = site / "search.json"
    cari = f", indeks cari {mb(index.stat().st_size):.2f} MB" if index.is_file() else ""
    teks = f"Zensical {version}: {r.s:.1f} s, {pages} halaman HTML, situs {mb(total):.1f} MB{cari}"
    if hasil.mkdocs_s:
        teks += f" = {r.s / hasil.mkdocs_s:.2f}× waktu MkDocs ({hasil.mkdocs_s:.1f} s)"
    if pages < hasil.halaman_md:
        teks += f"; hanya {pages} dari {hasil.halaman_md} halaman dibangun"
    return teks


# ---------------------------------------------------------------- report


def patokan_cpu() -> float:
    """Seconds for a fixed pure-Python loop. A shared or throttled virtual machine can run
    the same code 50 % slower from one hour to the next; this says how fast it was."""
    kode = "x = 0\nfor i in range(10_000_000):\n    x += i\n"
    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", kode], check=True)
    return time.perf_counter() - t


PATOKAN: list[float] = []


def mesin() -> str:
    cpu = platform.processor() or platform.machine()
    mem = ""
    try:
        info = Path("/proc/cpuinfo").read_text()
        m = re.search(r"model name\s*:\s*(.+)", info)
        cpu = m.group(1).strip() if m else cpu
        total = re.search(r"MemTotal:\s*(\d+) kB", Path("/proc/meminfo").read_text())
        mem = f"{int(total.group(1)) / 1024 / 1024:.1f} GB RAM" if total else ""
    except OSError:
        pass
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], check=False, capture_output=True, text=True, cwd=ROOT).stdout.strip()
    patokan = ""
    if PATOKAN:
        patokan = "; patokan CPU (10 juta penjumlahan Python): " + " / ".join(f"{x:.2f} s" for x in PATOKAN) + " (awal / akhir run)"
    return (
        f"{os.cpu_count()} CPU ({cpu}), {mem}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.release()}; commit {commit or '?'}; "
        f"{dt.datetime.now(dt.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}{patokan}"
    )


def f(v: float | None, fmt: str = "{:.1f}", kosong: str = "–") -> str:
    return kosong if v is None else fmt.format(v)


def tabel(hasil: list[Hasil]) -> str:
    head = [
        "skala", "OPD × tahun × indikator", "baris input", "generate s", "RSS puncak MB",
        "berkas", "MB ditulis", "regenerate s (berkas ditulis)", "MkDocs s", "site MB",
        "indeks cari MB", "median halaman KB", "halaman terbesar KB",
    ]
    rows = []
    for h in hasil:
        opd, awal, akhir, ind = h.bentuk
        rows.append([
            h.skala, f"{opd} × {akhir - awal + 1} × {ind}", f"{h.baris_input:,}".replace(",", "."),
            f(h.generate_s), f(h.rss_mb, "{:.0f}"), str(h.berkas), f(h.mb_ditulis),
            f"{f(h.regen_s)} ({h.regen_ditulis if h.regen_ditulis is not None else '–'})",
            f(h.mkdocs_s), f(h.site_mb), f(h.search_mb, "{:.2f}"), f(h.median_kb), f(h.terbesar_kb),
        ])
    out = ["| " + " | ".join(head) + " |", "|" + "|".join("---" for _ in head) + "|"]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return "\n".join(out)


def sasaran(h: Hasil, rasio: float | None) -> list[str]:
    def cek(nama: str, nilai: float | None, batas: float, satuan: str) -> str:
        if nilai is None:
            return f"- {nama}: – (tidak diukur) / target ≤ {batas:g} {satuan}"
        tanda = "terpenuhi" if nilai <= batas else "TIDAK terpenuhi"
        return f"- {nama}: {nilai:.2f} {satuan} / target ≤ {batas:g} {satuan} — {tanda}"

    lines = [
        cek("generate", h.generate_s, TARGET["generate_s"], "s"),
        cek("RSS puncak generate", h.rss_mb, TARGET["rss_mb"], "MB"),
        cek("generate ÷ lantai I/O", rasio, TARGET["rasio_io"], "×"),
        cek("regenerate tanpa perubahan", h.regen_s, TARGET["regen_s"], "s"),
        f"- berkas ditulis saat regenerate tanpa perubahan: {h.regen_ditulis} / target 0 — "
        + ("terpenuhi" if h.regen_ditulis == 0 else "TIDAK terpenuhi"),
        cek("MkDocs build", h.mkdocs_s, TARGET["mkdocs_s"], "s"),
        cek("indeks pencarian", h.search_mb, TARGET["search_mb"], "MB"),
        cek("median halaman HTML", h.median_kb, TARGET["median_kb"], "KB"),
    ]
    return lines


def laporan(hasil: list[Hasil], fokus: Hasil | None, lantai, rasio, zen: str, quick: bool) -> str:
    parts = [f"Mesin: {mesin()}", "", tabel(hasil), ""]
    for h in hasil:
        notes = list(h.catatan)
        if h.mkdocs_catatan:
            notes.insert(0, "MkDocs: " + h.mkdocs_catatan)
        if h.terbesar_nama:
            notes.append(f"halaman terbesar: {h.terbesar_nama}")
        notes.append(f"data {h.mb_input:.1f} MB CSV, contoh {h.contoh_s:.1f} s, {h.halaman_md} halaman Markdown")
        parts.append(f"- **{h.skala}**: " + "; ".join(notes))
    parts.append("")
    if fokus is not None:
        if lantai is not None:
            baca, tulis_s, total = lantai
            parts.append(
                f"Lantai I/O ({fokus.skala}, diukur dalam run ini): pandas.read_csv atas {fokus.baris_input} baris "
                f"{baca:.2f} s + menulis {fokus.berkas} berkas yang sama ({fokus.mb_ditulis:.1f} MB) {tulis_s:.2f} s "
                f"= {total:.2f} s; generate = {f(rasio, '{:.1f}')}× lantai."
            )
        parts.append(f"Zensical: {zen}")
        parts.append("")
        if fokus.skala == "province" and not quick:
            parts.append("Target issue 5 (skala province):")
            parts += sasaran(fokus, rasio)
    return "\n".join(parts).rstrip() + "\n"


def simpan(teks: str, path: Path) -> None:
    blok = f"{BEGIN}\n{teks}{END}"
    if path.is_file():
        old = path.read_text(encoding="utf-8")
        if BEGIN in old and END in old:
            pre, rest = old.split(BEGIN, 1)
            post = rest.split(END, 1)[1]
            path.write_text(pre + blok + post, encoding="utf-8")
            return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("# Benchmark\n\nDitulis oleh `make bench` (bench/run.py).\n\n" + blok + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skala", default=None, help="daftar skala dipisah koma: small,province,large")
    ap.add_argument("--quick", action="store_true", help="uji asap cepat (skala kecil, tanpa memasang Zensical)")
    ap.add_argument("--tanpa-zensical", action="store_true", help="lewati Zensical")
    ap.add_argument("--zensical-skala", default=None,
                    help="bangun skala ini dengan Zensical (bawaan: skala province atau yang terbesar)")
    args = ap.parse_args(argv)

    skala = dict(QUICK) if args.quick else dict(SKALA)
    if args.skala:
        wanted = [s.strip() for s in args.skala.split(",") if s.strip()]
        unknown = [s for s in wanted if s not in SKALA]
        if unknown:
            ap.error(f"skala tidak dikenal: {', '.join(unknown)} (pilihan: {', '.join(SKALA)})")
        skala = {s: (QUICK.get(s, SKALA[s]) if args.quick else SKALA[s]) for s in wanted}
    OUT.mkdir(parents=True, exist_ok=True)
    PATOKAN.append(patokan_cpu())
    mulai = time.perf_counter()
    perkiraan: dict = {}
    hasil = [jalankan(n, b, mulai, perkiraan) for n, b in skala.items()]

    done = [h for h in hasil if h.generate_s is not None]
    fokus = next((h for h in done if h.skala == "province"), None)
    if fokus is None and done:
        fokus = max((h for h in done if h.skala != "large"), key=lambda h: h.baris_input, default=done[-1])
    lantai = rasio = None
    zen = "tidak dicoba"
    if fokus is not None:
        lantai = lantai_io(fokus)
        rasio = fokus.generate_s / lantai[2] if lantai[2] else None
        zfokus = next((h for h in done if h.skala == args.zensical_skala), fokus)
        if not args.tanpa_zensical:
            zen = zensical(zfokus, pasang=not args.quick)
            if zfokus is not fokus:
                zen = f"skala {zfokus.skala}: {zen}"
    PATOKAN.append(patokan_cpu())
    teks = laporan(hasil, fokus, lantai, rasio, zen, args.quick)
    print()
    print(teks)
    path = OUT / "RESULTS-quick.md" if args.quick else RESULTS
    simpan(teks, path)
    print(f"Hasil ditulis ke {path.relative_to(ROOT)} (total {(time.perf_counter() - mulai) / 60:.1f} menit)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
