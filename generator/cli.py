"""The `kinerja` command. Typed errors from the pipeline are caught here, once, and
turned into messages and exit statuses: 0 ok (warnings allowed), 1 data errors,
2 build or usage errors. A user mistake never shows a traceback."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

from .errors import BuildError, DataError, KinerjaError, Laporan


def _cetak(laporan: Laporan, stream=None) -> None:
    stream = stream if stream is not None else sys.stderr
    problems = laporan.urut()
    for p in problems:
        print(p, file=stream)
    errors = sum(p.level == "galat" for p in problems)
    warnings = len(problems) - errors
    if problems:
        print(f"{errors} galat, {warnings} peringatan", file=stream)


def cmd_check(args) -> int:
    from .site import hitung

    _, _, laporan = hitung(Path(args.data))
    _cetak(laporan)
    if laporan.ada_galat:
        return 1
    print(f"Data {args.data} sah.", file=sys.stderr)
    return 0


def cmd_generate(args) -> int:
    from .site import generate

    written, laporan = generate(Path(args.data), Path(args.out))
    _cetak(laporan)
    print(f"{len(written)} berkas ditulis ke {args.out}", file=sys.stderr)
    return 0


def cmd_build(args) -> int:
    from .site import build

    written, laporan = build(Path(args.data), Path(args.out), Path(args.site), Path(args.config))
    _cetak(laporan)
    print(f"{len(written)} berkas ditulis ke {args.out}; situs dibangun di {args.site}", file=sys.stderr)
    return 0


def cmd_serve(args) -> int:
    import subprocess

    from .site import generate

    _, laporan = generate(Path(args.data), Path(args.out))
    _cetak(laporan)
    return subprocess.call([sys.executable, "-m", "mkdocs", "serve", "-f", args.config, "-a", args.addr])


def cmd_contoh(args) -> int:
    from .contoh import tulis_contoh
    from .contract import TAHUN_MAKS, TAHUN_MIN

    try:
        awal, akhir = (int(x) for x in args.tahun.split("-"))
    except ValueError:
        print("--tahun harus berbentuk AWAL-AKHIR, mis. 2021-2026", file=sys.stderr)
        return 2
    if not TAHUN_MIN <= awal <= akhir <= TAHUN_MAKS:
        print(f"--tahun harus AWAL ≤ AKHIR, keduanya antara {TAHUN_MIN} dan {TAHUN_MAKS}", file=sys.stderr)
        return 2
    if args.opd < 1 or args.indikator < 1:
        print("--opd dan --indikator harus paling sedikit 1", file=sys.stderr)
        return 2
    try:
        tulis_contoh(Path(args.out), opd=args.opd, awal=awal, akhir=akhir, indikator=args.indikator, seed=args.seed)
    except OSError as exc:
        print(f"galat: {exc.filename or args.out}: tidak dapat ditulis ({exc.strerror})", file=sys.stderr)
        return 2
    print(f"Data contoh ditulis ke {args.out}", file=sys.stderr)
    return 0


# argparse speaks English; the few messages a user meets are translated here.
_TERJEMAHAN = (
    (re.compile(r"the following arguments are required: (.*)"), r"argumen wajib belum diberikan: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"argumen tidak dikenal: \1"),
    (re.compile(r"argument (\S+): invalid choice: (\S+) \(choose from (.*)\)"), r"argumen \1: \2 tidak sah (pilihan: \3)"),
    (re.compile(r"argument (\S+): invalid int value: (.*)"), r"argumen \1: \2 bukan bilangan bulat"),
    (re.compile(r"argument (\S+): expected one argument"), r"argumen \1 memerlukan satu nilai"),
)


class _Parser(argparse.ArgumentParser):
    def format_usage(self) -> str:
        return super().format_usage().replace("usage:", "penggunaan:", 1)

    def format_help(self) -> str:
        return super().format_help().replace("usage:", "penggunaan:", 1)

    def error(self, message: str):
        for pattern, replacement in _TERJEMAHAN:
            message = pattern.sub(replacement, message)
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: galat: {message}\n")


def parser() -> argparse.ArgumentParser:
    p = _Parser(prog="kinerja", description="Penerbit laporan kinerja pemerintah daerah.")
    sub = p.add_subparsers(dest="command", metavar="PERINTAH", required=True, parser_class=_Parser)

    def data_arg(sp):
        sp.add_argument("--data", default="data", help="direktori data (bawaan: data)")

    sp = sub.add_parser("check", help="periksa data dan laporkan semua masalah")
    data_arg(sp)
    sp.set_defaults(func=cmd_check)

    sp = sub.add_parser("generate", help="hitung evaluasi dan tulis halaman serta unduhan")
    data_arg(sp)
    sp.add_argument("--out", default="content", help="direktori keluaran (bawaan: content)")
    sp.set_defaults(func=cmd_generate)

    sp = sub.add_parser("build", help="generate lalu bangun situs MkDocs")
    data_arg(sp)
    sp.add_argument("--out", default="content")
    sp.add_argument("--site", default="site")
    sp.add_argument("--config", default="mkdocs.yml")
    sp.set_defaults(func=cmd_build)

    sp = sub.add_parser("serve", help="generate lalu pratinjau situs")
    data_arg(sp)
    sp.add_argument("--out", default="content")
    sp.add_argument("--config", default="mkdocs.yml")
    sp.add_argument("--addr", default="127.0.0.1:8000")
    sp.set_defaults(func=cmd_serve)

    sp = sub.add_parser("contoh", help="tulis data sintetis untuk uji skala")
    sp.add_argument("--opd", type=int, default=3)
    sp.add_argument("--tahun", default="2021-2026")
    sp.add_argument("--indikator", type=int, default=20)
    sp.add_argument("--seed", type=int, default=1)
    sp.add_argument("--out", required=True)
    sp.set_defaults(func=cmd_contoh)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DataError as exc:
        _cetak(exc.laporan)
        print("Tidak ada yang ditulis: perbaiki galat di atas lalu jalankan lagi.", file=sys.stderr)
        return 1
    except BuildError as exc:
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    except KinerjaError as exc:  # pragma: no cover - every subclass is handled above
        print(f"galat: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
