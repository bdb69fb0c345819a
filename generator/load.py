"""Read a data directory (contract v1) into typed records, collecting every problem.

Nothing here raises on bad data: each problem is recorded with its file, line and
column, the row is skipped, and reading goes on so that all problems come out at once.
"""

from __future__ import annotations

import csv
import difflib
import functools
import gc
import io
import itertools
import operator
import os
import re
from decimal import Decimal
from pathlib import Path

import yaml

from . import contract as C
from .errors import Laporan
from .model import (
    INDUK_SAH,
    JENIS_ELEMEN,
    JENIS_PEMDA,
    JENIS_TARGET,
    PERIODE,
    POLARITAS,
    RUMUS_NEGATIF,
    SIFAT,
    Anggaran,
    Aturan,
    Band,
    Dataset,
    Elemen,
    Indikator,
    Kepala,
    Nilai,
    Opd,
    Pemda,
    Realisasi,
    Skala,
    Target,
    Tercetak,
)
from .numbers import MAKS_DIGIT, NumberError, angka_polos, format_nilai, inti_angka, parse_angka

_TAHUN = re.compile(r"^\d{4}$")
# `1.500`: a decimal by the contract, but often meant as one thousand five hundred.
_RIBUAN_TUNGGAL = re.compile(r"^-?[1-9]\d{0,2}\.\d{3}$")
_KENDALI = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def aman(value: object, batas: int = 60) -> str:
    """Text from the data as it may appear in a message: one line, control characters
    shown escaped (a message must not move the terminal cursor or fake another
    line), long text cut."""
    text = str(value)
    if len(text) <= batas and text.isprintable():
        return text
    s = "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)
    if len(s) > batas:
        s = s[:batas] + "…"
    return s


def _kutip(value: object) -> str:
    return f"'{aman(value)}'"


def tampil(path: Path) -> str:
    """The path as shown in messages: as the user wrote it on the command line
    (`--data data` gives `data/opd/...`, an absolute `--data` an absolute path)."""
    return aman(os.path.normpath(str(path)), 300)


class _Semua(frozenset):
    """Contains every id: stands for a file that could not be read."""

    def __contains__(self, item: object) -> bool:
        return True


_SEMUA = _Semua()


def _mirip(value: str, pilihan) -> str:
    """' (maksudnya 'x'?)' when a close match exists: typos and wrong case are common."""
    cocok = difflib.get_close_matches(value.lower(), list(pilihan), n=1, cutoff=0.75)
    return f" (maksudnya '{cocok[0]}'?)" if cocok else ""


class _Terbatas:
    """The report of one file: forwards problems up to a limit and counts the rest,
    so that a file in the wrong layout gives a page of messages, not a million."""

    def __init__(self, laporan: Laporan, label: str):
        self.laporan, self.label = laporan, label
        self.jumlah = 0
        self.lewat = 0
        self.baris_lewat = 0
        self.galat_lewat = False

    @property
    def penuh(self) -> bool:
        """True once further problems are only counted (callers may skip the message)."""
        return self.jumlah >= C.BATAS_MASALAH_PER_BERKAS

    def lewati(self, line: int, galat: bool = True) -> None:
        self.baris_lewat = min(self.baris_lewat or line, line)
        self.lewat += 1
        self.galat_lewat = self.galat_lewat or galat

    def _tambah(self, fungsi, path, line, column, message, galat: bool) -> None:
        if self.jumlah < C.BATAS_MASALAH_PER_BERKAS:
            self.jumlah += 1
            fungsi(path, line, column, message)
        else:
            self.lewati(line, galat)

    def galat(self, path: str, line: int, column: str, message: str) -> None:
        self._tambah(self.laporan.galat, path, line, column, message, True)

    def peringatan(self, path: str, line: int, column: str, message: str) -> None:
        self._tambah(self.laporan.peringatan, path, line, column, message, False)

    def selesai(self) -> None:
        if not self.lewat:
            return
        fungsi = self.laporan.galat if self.galat_lewat else self.laporan.peringatan
        fungsi(self.label, self.baris_lewat, "-", f"{self.lewat} masalah lain di berkas ini tidak ditampilkan")


# ---------------------------------------------------------------- YAML


class _Loader(yaml.SafeLoader):
    """Safe YAML without aliases or explicit tags: data files need neither, and
    aliases allow "billion laughs" expansion bombs."""


def _tag_pendek(tag: str) -> str:
    return "!!" + tag[len("tag:yaml.org,2002:"):] if tag.startswith("tag:yaml.org,2002:") else tag


def _masalah_event(event) -> str | None:
    """Why a parser event is refused: an alias, an anchor or an explicit tag."""
    if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
        return "anchor/alias YAML (& dan *) tidak diizinkan"
    tag = getattr(event, "tag", None)
    implicit = getattr(event, "implicit", True)
    explicit = tag is not None and (implicit is False or implicit == (False, False))
    if explicit and isinstance(event, (yaml.ScalarEvent, yaml.SequenceStartEvent, yaml.MappingStartEvent)):
        return f"tag YAML {aman(_tag_pendek(tag))} tidak diizinkan"
    return None


def _tolak_alias_dan_tag(text: str, path: str, laporan: Laporan) -> bool:
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        masalah = _masalah_event(event)
        if masalah is not None:
            laporan.galat(path, event.start_mark.line + 1, "-", masalah)
            return False
    return True


class _Ditolak(Exception):
    """An event `_masalah_event` refuses, met by `_LoaderSekali`."""


class _LoaderSekali(_Loader):
    """`_Loader` that stops at an event `_masalah_event` refuses, as the parser makes
    it: the check of `_tolak_alias_dan_tag` and the reading in one pass."""

    def _event(self) -> None:
        # What Parser.check_event, peek_event and get_event each do first.
        if self.current_event is None and self.state:
            self.current_event = self.state()
            if _masalah_event(self.current_event) is not None:
                raise _Ditolak

    def check_event(self, *choices):
        self._event()
        return super().check_event(*choices)

    def peek_event(self):
        self._event()
        return super().peek_event()

    def get_event(self):
        self._event()
        return super().get_event()


def _susun(text: str, loader_cls) -> tuple:
    """yaml.compose then yaml.load, with the document parsed once: (node, data)."""
    loader = loader_cls(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


# The parser's most common complaints, in the words of the people who edit the files.
_MASALAH_YAML = (
    ("mapping values are not allowed", "tanda ':' di tempat yang tidak terduga; periksa indentasi, "
     "atau beri tanda kutip pada teks yang memuat ': '"),
    ("could not find expected ':'", "tanda ':' yang diharapkan tidak ditemukan; periksa indentasi"),
    ("cannot start any token", "karakter ini tidak boleh mengawali nilai (tab untuk indentasi? gunakan spasi)"),
    ("found unhashable key", "kunci harus berupa teks"),
    ("expected <block end>", "indentasi tidak konsisten"),
    ("found unexpected end of stream", "tanda kutip atau kurung tidak ditutup"),
    ("did not find expected key", "indentasi tidak konsisten atau kunci hilang"),
    ("did not find expected node content", "nilai hilang atau tidak sah"),
    ("found duplicate anchor", "anchor YAML ganda"),
)


def _pesan_yaml(problem: str | None) -> str:
    problem = problem or ""
    for english, indonesia in _MASALAH_YAML:
        if english in problem:
            return f"YAML tidak sah: {indonesia}"
    return f"YAML tidak sah: {aman(problem, 120)}"


def _baca_teks(path: Path, label: str, batas: int, laporan: Laporan) -> str | None:
    try:
        size = path.stat().st_size
        if size > batas:
            laporan.galat(
                label, 1, "-",
                f"berkas terlalu besar ({size // (1024 * 1024)} MB; batas {batas // (1024 * 1024)} MB)",
            )
            return None
        raw = path.read_bytes()
    except OSError as exc:
        laporan.galat(label, 1, "-", f"berkas tidak dapat dibaca ({aman(exc.strerror or exc)})")
        return None
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith(b"PK\x03\x04"):
        laporan.galat(label, 1, "-", "ini berkas Excel/ZIP, bukan teks; simpan ulang sebagai \"CSV UTF-8\"")
        return None
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        saran = "simpan ulang sebagai \"CSV UTF-8\"" if path.suffix == ".csv" else "simpan ulang dengan pengodean UTF-8"
        laporan.galat(
            label, line, "-",
            f"berkas bukan UTF-8 (bita 0x{raw[exc.start]:02X}; mungkin Windows-1252); {saran}",
        )
        return None


def baca_yaml(path: Path, laporan: Laporan) -> tuple[dict, dict[str, int], dict[str, str]] | None:
    """A YAML mapping, the line of each key ("a", "a.b", "a[0]", "a[0].b") and the
    source text of each scalar under the same keys.

    Text fields are read from the source text (`kode: 1.10` stays "1.10", `nama: yes`
    stays "yes"), since YAML's own typing would change what the person wrote.
    """
    label = tampil(path)
    text = _baca_teks(path, label, C.BATAS_BERKAS_YAML, laporan)
    if text is None:
        return None
    try:
        # The usual file in one pass. Anything else (an alias, a tag, bad YAML) is
        # read again below, the checks one after the other, whose messages count.
        node, data = _susun(text, _LoaderSekali)
    except Exception:
        got = _susun_periksa(text, label, laporan)
        if got is None:
            return None
        node, data = got
    if data is None:
        laporan.galat(label, 1, "-", "berkas kosong")
        return None
    if not isinstance(data, dict):
        laporan.galat(label, 1, "-", "isi berkas harus berupa pemetaan (kunci: nilai), bukan daftar atau teks")
        return None
    lines: dict[str, int] = {}
    raw: dict[str, str] = {}
    ok = True

    def walk(n, key: str) -> None:
        nonlocal ok
        if isinstance(n, yaml.ScalarNode):
            raw[key] = n.value
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                sub = f"{key}[{i}]"
                lines[sub] = item.start_mark.line + 1
                walk(item, sub)
        elif isinstance(n, yaml.MappingNode):
            seen: dict[str, int] = {}
            for k, v in n.value:
                sub = f"{key}.{k.value}" if key else str(k.value)
                line = k.start_mark.line + 1
                if sub in seen:
                    laporan.galat(label, line, aman(sub), f"kunci ganda; sudah ada di baris {seen[sub]}")
                    ok = False
                seen[sub] = line
                lines.setdefault(sub, line)
                walk(v, sub)

    walk(node, "")
    if not ok:
        return None
    return data, lines, raw


def _susun_periksa(text: str, label: str, laporan: Laporan) -> tuple | None:
    """`_susun` after `_tolak_alias_dan_tag`, each problem reported; None after one."""
    try:
        if not _tolak_alias_dan_tag(text, label, laporan):
            return None
        return _susun(text, _Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        laporan.galat(label, line, "-", _pesan_yaml(exc.problem or exc.context))
        return None
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        laporan.galat(label, line, "-", f"YAML tidak sah: karakter U+{exc.character:04X} tidak diizinkan")
        return None
    except yaml.YAMLError as exc:
        laporan.galat(label, 1, "-", _pesan_yaml(str(exc)))
        return None
    except RecursionError:
        laporan.galat(label, 1, "-", "YAML tidak sah: struktur bersarang terlalu dalam")
        return None


# ---------------------------------------------------------------- CSV


# Lines are split a chunk at a time (by StringIO, in C, faster than a pattern).
_POTONGAN = 1 << 20


def _potongan(text: str, ukuran: int):
    """The text in pieces of about `ukuran` characters, each but the last ending in "\n"
    (so that no "\r\n" is split)."""
    start, n = 0, len(text)
    while start < n:
        end = text.find("\n", start + ukuran)
        end = n if end < 0 else end + 1
        yield text[start:end]
        start = end


def _baris_teks(text: str, ukuran: int = _POTONGAN):
    """The lines of a text with their endings ("\n", "\r\n" or "\r"), lazily: csv reads
    them one at a time, so the file is held once (as the decoded text) and one chunk,
    not again as a list of lines or a buffer."""
    return itertools.chain.from_iterable(
        io.StringIO(p, newline="") for p in _potongan(text, ukuran)
    )


def _kelas_baris(header: list[str]):
    """A row as a tuple with `get(column, default)`: far smaller than a dict per row,
    which matters for a file near the size limit."""
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        index.setdefault(name, i)

    class Baris(tuple):
        __slots__ = ()

        def get(self, key: str, default=None):
            i = index.get(key)
            return default if i is None else self[i]

    return Baris


# In `_Tabel`'s list of cells, after each row's. A NUL: no line that `_baris_polos`
# splits holds one (see `_baris_cepat`).
_AKHIR = "\x00"


class _Tabel:
    """The data rows of a CSV file by column: `baris` their line numbers, and the
    stripped cells of each column. The large files are checked and turned into
    records a column at a time (`map`, `set`, `zip`: loops in C), not a row at a time."""

    __slots__ = ("_index", "_kolom", "baris")

    def __init__(self, header: list[str], baris: list[int], sel: list[str]):
        """`sel`: the cells of all rows, row after row, each row's `len(header)`
        cells followed by `_AKHIR`."""
        n = len(header)
        self.baris = baris
        self._kolom = [sel[i::n + 1] for i in range(n)]
        self._index: dict[str, int] = {}
        for i, name in enumerate(header):
            self._index.setdefault(name, i)

    def kolom(self, *names: str) -> list[list[str]]:
        """The cells of these columns; a column the header lacks reads as ''."""
        return [self._kolom[self._index[k]] if k in self._index else [""] * len(self.baris) for k in names]

    def baris_sel(self, *names: str):
        """(line, cells of these columns) per row, for the checks a row at a time."""
        return zip(self.baris, zip(*self.kolom(*names)))

    def semua_baris(self):
        """(line, all cells) per row."""
        return zip(self.baris, zip(*self._kolom))

    def tanpa(self, lines: set[int]) -> _Tabel:
        """The table without the rows of these lines."""
        keep = [line not in lines for line in self.baris]
        tabel = _Tabel([], list(itertools.compress(self.baris, keep)), [])
        tabel._kolom = [list(itertools.compress(c, keep)) for c in self._kolom]
        tabel._index = self._index
        return tabel


def _sebagai_dict(tabel: _Tabel, kolom: tuple[str, ...]):
    """(line, {column: cell}) for the smaller files, read by column name."""
    return [(line, dict(zip(kolom, cells))) for line, cells in tabel.baris_sel(*kolom)]


def _pesan_csv(exc: csv.Error) -> str:
    text = str(exc)
    if "field larger than field limit" in text:
        return f"sel lebih panjang dari {C.BATAS_SEL // 1024} KB; periksa tanda kutip (\") yang tidak ditutup"
    return f"CSV tidak sah: {aman(text, 120)}"


def _kutip_terbuka(cell: str, delimiter: str, n_kolom: int) -> bool:
    """A quoted cell that swallowed whole rows: its quote was never closed."""
    return "\n" in cell and any(
        line.count(delimiter) >= n_kolom - 1 for line in cell.splitlines()[1:]
    )


class _Rekaman:
    """Reads one CSV record starting at a line, as the csv module does: `(cells,
    number of lines)`; a quoted cell may take further lines from `lines`.

    Most lines hold no quote; the caller splits those itself, which is the same and
    several times faster. `kutip` is what marks a line csv must read: a quote, or
    any text at all when the file holds a NUL (csv's rules for it differ by version).
    """

    def __init__(self, lines, delimiter: str, nul: bool):
        self.lines, self.delimiter = lines, delimiter
        self.kutip = "" if nul else '"'
        self.dibaca = 0  # lines read by the last call, also when it failed

    def __call__(self, raw: str) -> tuple[list[str], int]:
        reader = csv.reader(itertools.chain((raw,), self.lines), delimiter=self.delimiter)
        try:
            return next(reader, []), reader.line_num
        finally:
            self.dibaca = reader.line_num


def _baris_cepat(text: str, batas: int) -> tuple[list[str], str] | None:
    """The lines of a file without their endings, split in one call, and the ending
    they all share ("\n" or "\r\n"); None for a file csv must read line by line: one
    with a NUL, mixed or lone "\r" endings, a last line without one, or a line near
    the cell limit."""
    if "\x00" in text:
        return None
    eol = "\n"
    if "\r" in text:
        eol = "\r\n"
        if not text.count("\r") == text.count("\r\n") == text.count("\n"):
            return None
    if not text.endswith(eol):
        return None
    lines = text.split(eol)
    lines.pop()  # after the last ending
    if max(map(len, lines), default=0) + 2 > batas:
        return None
    return lines, eol


# What str.strip removes, but the space and the line feed; the ASCII ones first.
_SPASI_LAIN = "\t\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
_SPASI_ASCII = _SPASI_LAIN[:8]


def _ada_tepi_spasi(text: str, delimiter: str) -> bool:
    """Whether a cell of these lines (`text`, joined by "\n") may start or end with
    white space (str.strip would change it), by searches of one character or two:
    far faster than a pattern."""
    if any(c in text for c in (_SPASI_ASCII if text.isascii() else _SPASI_LAIN)):
        return True
    if " " not in text:
        return False
    return (
        text.startswith(" ") or text.endswith(" ") or " " + delimiter in text or delimiter + " " in text
        or " \n" in text or "\n " in text
    )


def _baris_kutip(text: str) -> list[int]:
    """The indexes of the lines (`text`, joined by "\n") holding a quote (few)."""
    out: list[int] = []
    pos, last, index = text.find('"'), 0, 0
    while pos >= 0:
        index += text.count("\n", last, pos)
        last = pos
        out.append(index)
        end = text.find("\n", pos)
        if end < 0:
            break
        pos = text.find('"', end)
    return out


def _baris_polos(
    lines: list[str], awal: int, delimiter: str, n: int, label: str, laporan, bersih: bool, sel: list, baris: list
) -> None:
    """Adds to `sel` and `baris` the cells and line numbers of `_baca_csv`'s rows
    from lines without a quote, `awal` the line number of the first. Well-formed
    rows (the usual) are split in one call, joined; any other run goes line by line
    with the same checks as `_baca_csv`. `bersih`: known to hold no cell to strip
    and no blank row."""
    d = delimiter
    if not lines:
        return
    if bersih or (not _ada_tepi_spasi("\n".join(lines), d) and d * (n - 1) not in lines):
        # The lines joined with a cell `_AKHIR` between them, and split: where each
        # line has n cells (the usual), that is the layout of `sel`, as only then
        # is every (n + 1)th cell an `_AKHIR`.
        cells = (d + _AKHIR + d).join(lines).split(d)
        cells.append(_AKHIR)
        if len(cells) == (n + 1) * len(lines) and cells[n::n + 1].count(_AKHIR) == len(lines):
            sel += cells
            baris += range(awal, awal + len(lines))
            return
    for start, raw in enumerate(lines, awal):
        cells = _sel_baris(raw.split(d), start, 1, d, n, label, laporan)
        if cells is not None:
            sel += cells
            sel.append(_AKHIR)
            baris.append(start)


def _sel_baris(record: list[str], start: int, n_baris: int, d: str, n: int, label: str, laporan) -> list[str] | None:
    """A record's stripped cells padded to the header; None for a blank or broken
    row (reported)."""
    cells = list(map(str.strip, record))
    if not any(cells):
        return None
    if n_baris > 1 and any(_kutip_terbuka(c, d, n) for c in record):
        laporan.galat(
            label, start, "-",
            "tanda kutip (\") dibuka tetapi tidak ditutup; baris-baris berikutnya "
            "terbaca sebagai satu sel",
        )
        return None
    if len(cells) > n:
        laporan.galat(
            label, start, "-",
            f"baris berisi {len(record)} sel, padahal ada {n} kolom "
            f"(angka berkoma desimal atau teks yang memuat koma harus diberi tanda kutip, "
            f"atau gunakan titik koma sebagai pemisah)",
        )
        return None
    if len(cells) < n:
        cells += [""] * (n - len(cells))
    return cells


def _baris_terpisah(
    header: list[str], lines: list[str], eol: str, awal: int, delimiter: str, label: str, laporan
) -> _Tabel | None:
    """`_baca_csv`'s table from lines split in one call (see `_baris_cepat`): the runs
    of lines without a quote by `_baris_polos`, each quoted record by csv, over as many
    lines as it takes. None after a csv error (reported)."""
    n = len(header)
    # Mostly there is no cell to strip, nor a blank row (only delimiters), anywhere:
    # one check for all the runs.
    text = "\n".join(lines)
    kosong = delimiter * (n - 1)
    bersih = not _ada_tepi_spasi(text, delimiter) and not (
        text == kosong or text.startswith(kosong + "\n") or text.endswith("\n" + kosong)
        or "\n" + kosong + "\n" in text
    )
    sel: list[str] = []
    baris: list[int] = []
    i = 0
    for q in _baris_kutip(text):
        if q < i:
            continue  # inside the previous quoted record
        _baris_polos(lines[i:q], awal + i, delimiter, n, label, laporan, bersih, sel, baris)
        start = awal + q
        reader = csv.reader(
            map(str.__add__, itertools.islice(lines, q, None), itertools.repeat(eol)), delimiter=delimiter
        )
        try:
            record = next(reader, [])
        except csv.Error as exc:
            laporan.galat(label, start, "-", _pesan_csv(exc))
            return None
        cells = _sel_baris(record, start, reader.line_num, delimiter, n, label, laporan)
        if cells is not None:
            sel += cells
            sel.append(_AKHIR)
            baris.append(start)
        i = q + reader.line_num
    _baris_polos(lines[i:] if i else lines, awal + i, delimiter, n, label, laporan, bersih, sel, baris)
    return _Tabel(header, baris, sel)


def baca_csv(path: Path, spec: C.BerkasCsv, laporan: Laporan) -> list[tuple[int, tuple]] | None:
    """Rows of a CSV file as (line number, row), `row.get(column, default)` giving the
    stripped text of a cell.

    Comma or semicolon delimiter, BOM accepted. Returns None when the file cannot be
    read as a table of this kind at all (its problems are recorded).
    """
    got = _baca_csv(path, spec, laporan)
    if got is None:
        return None
    header, tabel = got
    Baris = _kelas_baris(header)
    return [(line, Baris(cells)) for line, cells in tabel.semua_baris()]


def _baca_csv(path: Path, spec: C.BerkasCsv, laporan) -> tuple[list[str], _Tabel] | None:
    """`baca_csv` as (header, table)."""
    label = tampil(path)
    text = _baca_teks(path, label, C.BATAS_BERKAS_CSV, laporan)
    if text is None:
        return None
    if not text.strip():
        laporan.galat(label, 1, "-", "berkas kosong; baris pertama harus berisi nama kolom")
        return None
    first = text.lstrip("\r\n").partition("\n")[0]
    if first.count("\t") > max(first.count(","), first.count(";")):
        laporan.galat(
            label, 1, "-",
            "kolom dipisah tab; simpan sebagai CSV dengan pemisah koma atau titik koma",
        )
        return None
    delimiter = ";" if first.count(";") > first.count(",") else ","
    polos = _baris_cepat(text, csv.field_size_limit())
    if polos is None:
        lines = _baris_teks(text)
    else:
        lines = map(str.__add__, polos[0], itertools.repeat(polos[1]))
    rekaman = _Rekaman(lines, delimiter, "\x00" in text)
    line = 0
    try:
        header: list[str] = []
        while not any(header):  # blank lines above the header
            raw = next(lines, None)
            if raw is None:
                laporan.galat(label, 1, "-", "berkas kosong; baris pertama harus berisi nama kolom")
                return None
            record, n_baris = rekaman(raw)
            line += n_baris
            header = [h.strip() for h in record]
    except csv.Error as exc:
        laporan.galat(label, line + rekaman.dibaca, "-", _pesan_csv(exc))
        return None
    header_line = line
    known = set(spec.kolom)
    for name in header:
        if name and name not in known:
            laporan.peringatan(
                label, header_line, aman(name),
                f"kolom tidak dikenal{_mirip(name, spec.kolom)}; diabaikan "
                f"(kolom {spec.nama}: {', '.join(spec.kolom)})",
            )
    seen: set[str] = set()
    for name in header:
        if name in seen and name in known:
            laporan.galat(label, header_line, name, "kolom muncul dua kali")
        seen.add(name)
    missing = [c for c in spec.wajib if c not in header]
    if missing:
        hint = " (pemisah kolom harus koma atau titik koma)" if len(header) == 1 else ""
        for c in missing:
            laporan.galat(label, header_line, c, f"kolom wajib tidak ada{hint}")
        return None
    n = len(header)
    if polos is not None:
        # The header took the first `line` lines.
        tabel = _baris_terpisah(header, polos[0][line:], polos[1], line + 1, delimiter, label, laporan)
        if tabel is None:
            return None
        if spec.perlu_baris and not tabel.baris:
            laporan.galat(label, header_line + 1, "-", "berkas hanya berisi nama kolom, tanpa baris data")
        return header, tabel
    sel: list[str] = []
    baris: list[int] = []
    pad = [""] * n
    strip = str.strip
    batas = csv.field_size_limit()
    kutip = rekaman.kutip
    try:
        for raw in lines:
            start = line + 1
            if kutip in raw:
                # Quotes (or NUL anywhere): csv reads the record, over as many lines as it takes.
                record, n_baris = rekaman(raw)
                line += n_baris
            else:  # the usual line: cells between delimiters, no more
                record = raw.rstrip("\r\n").split(delimiter)
                if len(raw) > batas:  # csv checks the length of each cell
                    record, _ = rekaman(raw)
                line = start
            cells = list(map(strip, record))
            if not any(cells):
                continue
            if line > start and any(_kutip_terbuka(c, delimiter, n) for c in record):
                laporan.galat(
                    label, start, "-",
                    "tanda kutip (\") dibuka tetapi tidak ditutup; baris-baris berikutnya "
                    "terbaca sebagai satu sel",
                )
                continue
            if len(cells) > n:
                laporan.galat(
                    label, start, "-",
                    f"baris berisi {len(record)} sel, padahal ada {n} kolom "
                    f"(angka berkoma desimal atau teks yang memuat koma harus diberi tanda kutip, "
                    f"atau gunakan titik koma sebagai pemisah)",
                )
                continue
            if len(cells) < n:
                cells += pad[len(cells):]
            sel += cells
            sel.append(_AKHIR)
            baris.append(start)
    except csv.Error as exc:
        laporan.galat(label, line + 1, "-", _pesan_csv(exc))
        return None
    if spec.perlu_baris and not baris:
        laporan.galat(label, header_line + 1, "-", "berkas hanya berisi nama kolom, tanpa baris data")
    return header, _Tabel(header, baris, sel)


# ---------------------------------------------------------------- field parsers


def _enum(value: str, allowed: tuple[str, ...], default: str | None, ctx) -> str | None:
    label, line, col, laporan = ctx
    if not value:
        if default is None:
            laporan.galat(label, line, col, "wajib diisi")
        return default
    if value not in allowed:
        laporan.galat(
            label, line, col,
            f"{_kutip(value)} tidak sah{_mirip(value, allowed)}; pilihan: {', '.join(allowed)}",
        )
        return None
    return value


def _tahun(value: str, ctx) -> int | None:
    label, line, col, laporan = ctx
    if not value:
        laporan.galat(label, line, col, "wajib diisi")
        return None
    if not _TAHUN.match(value) or not C.TAHUN_MIN <= int(value) <= C.TAHUN_MAKS:
        laporan.galat(label, line, col, f"tahun {_kutip(value)} tidak sah (empat angka, mis. 2024)")
        return None
    return int(value)


def _angka(value: str, ctx, *, satuan: str | None = None, rupiah: bool = False) -> Decimal | None:
    label, line, col, laporan = ctx
    if not value:
        laporan.galat(label, line, col, "wajib diisi")
        return None
    try:
        hasil = parse_angka(value, satuan=satuan, rupiah=rupiah)
    except NumberError as exc:
        laporan.galat(label, line, col, str(exc).replace(f"'{value.strip()}'", _kutip(value.strip()), 1))
        return None
    if not rupiah and _RIBUAN_TUNGGAL.match(inti_angka(value, satuan)):
        laporan.peringatan(
            label, line, col,
            f"{_kutip(value.strip())} dibaca sebagai {format_nilai(hasil)} (titik tunggal adalah "
            f"tanda desimal); bila maksudnya {(hasil * 1000).normalize():f}, tulis tanpa titik",
        )
    return hasil


def _id(value: str, ctx) -> str | None:
    """A key of the data (element or indicator id): any text on one line."""
    label, line, col, laporan = ctx
    if not value:
        laporan.galat(label, line, col, "wajib diisi")
        return None
    if _KENDALI.search(value):
        laporan.galat(label, line, col, f"{_kutip(value)} memuat karakter kendali (tab, baris baru, ...)")
        return None
    return value


def _id_sah(cells) -> bool:
    """Whether `_id` takes every cell of a column as it is."""
    return "" not in cells and _KENDALI.search("".join(cells)) is None


def _kunci_ganda(tabel: _Tabel, spec: C.BerkasCsv, label: str, laporan: Laporan) -> set[int]:
    """Rows with the same key, compared as the loader reads them: an empty `jenis` is
    `renja`, so `ind,2024,,80` and `ind,2024,renja,85` are the same target twice."""
    ganda: set[int] = set()
    if not spec.kunci or not tabel.baris:
        return ganda
    bawaan = dict(spec.bawaan)
    # The keys are built a column at a time, in C: most files have no duplicate
    # at all, which one set of the keys shows.
    def keys():
        kolom = []
        for k, col in zip(spec.kunci, tabel.kolom(*spec.kunci)):
            # An empty cell stands for the default.
            kolom.append(map({"": bawaan[k]}.get, col, col) if k in bawaan else col)
        return zip(*kolom)

    if len(set(keys())) == len(tabel.baris):
        return ganda
    first: dict[tuple, int] = {}
    for line, key in zip(tabel.baris, keys()):
        if not all(key):
            continue  # the empty cell is reported on its own
        awal = first.setdefault(key, line)
        if awal != line:
            ganda.add(line)
            if getattr(laporan, "penuh", False):
                laporan.lewati(line)
                continue
            laporan.galat(
                label, line, spec.kunci[0],
                f"baris ganda: {', '.join(f'{k}={aman(v)}' for k, v in zip(spec.kunci, key))} "
                f"sudah ada di baris {awal}",
            )
    return ganda


# ---------------------------------------------------------------- pemda, skala


def _teks_yaml(doc: dict, raw: dict[str, str], key: str, label, lines, laporan) -> str:
    """A text field of a YAML mapping, as written (see `baca_yaml`)."""
    container: object = doc
    *parents, leaf = key.split(".")
    for part in parents:
        container = container.get(part) if isinstance(container, dict) else None
    v = container.get(leaf) if isinstance(container, dict) else None
    if v is None:
        return ""
    if isinstance(v, (dict, list)):
        laporan.galat(label, lines.get(key, 1), key, "harus berupa teks")
        return ""
    return raw.get(key, str(v)).strip()


def muat_pemda(data: Path, laporan: Laporan) -> Pemda:
    path = data / "pemda.yaml"
    label = tampil(path)
    pemda = Pemda(nama="")
    if not path.is_file():
        laporan.galat(label, 1, "-", "berkas wajib pemda.yaml tidak ada")
        return pemda
    loaded = baca_yaml(path, laporan)
    if loaded is None:
        return pemda
    doc, lines, raw = loaded
    for key in doc:
        if key not in C.KUNCI_PEMDA:
            laporan.peringatan(label, lines.get(str(key), 1), aman(key), f"kunci tidak dikenal{_mirip(str(key), C.KUNCI_PEMDA)}; diabaikan")
    nama = _teks_yaml(doc, raw, "nama", label, lines, laporan)
    if not nama:
        laporan.galat(label, lines.get("nama", 1), "nama", "nama pemerintah daerah wajib diisi")
    pemda.nama = nama
    jenis = _teks_yaml(doc, raw, "jenis", label, lines, laporan)
    if jenis:
        pemda.jenis = _enum(jenis, JENIS_PEMDA, None, (label, lines.get("jenis", 1), "jenis", laporan))
    pemda.periode_awal, pemda.periode_akhir = _periode(doc.get("periode"), "periode", label, lines, laporan)
    aturan = doc.get("aturan")
    if aturan is None:
        aturan = {}
    if not isinstance(aturan, dict):
        laporan.galat(label, lines.get("aturan", 1), "aturan", "aturan harus berupa pemetaan")
        aturan = {}
    for key in aturan:
        if key not in ("rumus_negatif", "batas_capaian"):
            laporan.peringatan(label, lines.get(f"aturan.{key}", 1), f"aturan.{aman(key)}", "kunci tidak dikenal; diabaikan")
    rumus = _teks_yaml(doc, raw, "aturan.rumus_negatif", label, lines, laporan) if aturan else ""
    rumus = _enum(rumus, RUMUS_NEGATIF, "selisih", (label, lines.get("aturan.rumus_negatif", 1), "aturan.rumus_negatif", laporan))
    batas = aturan.get("batas_capaian")
    batas_dec = None
    where = (label, lines.get("aturan.batas_capaian", 1), "aturan.batas_capaian", laporan)
    if batas is not None:
        if isinstance(batas, bool) or not isinstance(batas, (int, float, str)):
            laporan.galat(*where[:3], "harus angka atau null")
        else:
            batas_dec = _angka(raw.get("aturan.batas_capaian", str(batas)).strip(), where)
            if batas_dec is not None and batas_dec <= 0:
                laporan.galat(*where[:3], "harus lebih besar dari 0")
                batas_dec = None
    pemda.aturan = Aturan(rumus or "selisih", batas_dec)
    return pemda


def _periode(value, key: str, label: str, lines: dict, laporan: Laporan) -> tuple[int | None, int | None]:
    if value is None:
        return None, None
    line = lines.get(key, 1)
    if not isinstance(value, dict):
        laporan.galat(label, line, key, "harus berupa pemetaan {awal, akhir}")
        return None, None
    awal, akhir = value.get("awal"), value.get("akhir")
    ok = all(
        isinstance(v, int) and not isinstance(v, bool) and C.TAHUN_MIN <= v <= C.TAHUN_MAKS
        for v in (awal, akhir)
    )
    if not ok:
        laporan.galat(label, line, key, "awal dan akhir harus tahun (mis. awal: 2019, akhir: 2023)")
        return None, None
    if awal > akhir:
        laporan.galat(label, line, key, f"awal ({awal}) lebih besar dari akhir ({akhir})")
        return None, None
    return awal, akhir


def _muat_skala(data: Path, laporan: Laporan) -> tuple[dict[str, Skala], set[str]]:
    """The valid scales, and the ids of the invalid ones (reported here, so that an
    indicator naming one is not reported again)."""
    path = data / "skala.yaml"
    if not path.is_file():
        return {}, set()
    label = tampil(path)
    loaded = baca_yaml(path, laporan)
    if loaded is None:
        return {}, set()
    doc, lines, raw = loaded
    out: dict[str, Skala] = {}
    ditolak: set[str] = set()
    for key, bands in doc.items():
        sid = str(key)
        line = lines.get(sid, 1)
        ditolak.add(sid)
        if not isinstance(bands, list) or not bands:
            laporan.galat(label, line, aman(sid), "skala harus berupa daftar pita (band), yang terbaik lebih dulu")
            continue
        parsed: list[Band] = []
        ok = True
        for i, b in enumerate(bands):
            where = f"{sid}[{i}]"
            bline = lines.get(where, line)
            if not isinstance(b, dict) or not raw.get(f"{where}.label", "").strip():
                laporan.galat(label, bline, aman(where), "setiap pita wajib memiliki label")
                ok = False
                continue
            for k in b:
                if k not in C.KUNCI_BAND:
                    laporan.peringatan(label, bline, f"{aman(where)}.{aman(k)}", "kunci tidak dikenal; diabaikan")
            minimum = None
            if b.get("min") is not None:
                minimum = _angka(raw.get(f"{where}.min", "").strip(), (label, bline, f"{aman(where)}.min", laporan))
                ok = ok and minimum is not None
            elif i < len(bands) - 1:
                laporan.galat(label, bline, f"{aman(where)}.min", "hanya pita terakhir yang boleh tanpa min")
                ok = False
            lab = raw[f"{where}.label"].strip()
            kode = raw.get(f"{where}.kode", "").strip() or lab
            if _KENDALI.search(lab + kode):
                laporan.galat(label, bline, aman(where), "label dan kode tidak boleh memuat karakter kendali")
                ok = False
            parsed.append(Band(lab, kode, minimum))
        if not ok:
            continue
        mins = [(i, band.min) for i, band in enumerate(parsed) if band.min is not None]
        naik = next(((j, a, b) for (_, a), (j, b) in itertools.pairwise(mins) if a <= b), None)
        if naik is not None:
            j, a, b = naik
            laporan.galat(
                label, lines.get(f"{sid}[{j}]", line), f"{aman(sid)}[{j}].min",
                f"nilai min harus menurun, pita terbaik lebih dulu ({a} lalu {b})",
            )
            continue
        kodes = [band.kode for band in parsed]
        ganda = next((k for k in kodes if kodes.count(k) > 1), None)
        if ganda is not None:
            laporan.galat(label, line, aman(sid), f"kode pita {_kutip(ganda)} muncul lebih dari sekali")
            continue
        out[sid] = Skala(sid, tuple(parsed))
        ditolak.discard(sid)
    return out, ditolak


# ---------------------------------------------------------------- one OPD


def _tanpa_gc(fungsi):
    """Run `fungsi` with the cycle collector paused: loading creates hundreds of
    thousands of objects that all stay alive, and the collector would scan them
    over and over for nothing (a third of the loading time)."""

    @functools.wraps(fungsi)
    def jalankan(*args, **kwargs):
        if not gc.isenabled():
            return fungsi(*args, **kwargs)
        gc.disable()
        try:
            return fungsi(*args, **kwargs)
        finally:
            gc.enable()

    return jalankan


@_tanpa_gc
def muat_opd(
    folder: Path, pemda: Pemda, skala: dict[str, Skala], laporan: Laporan, skala_ditolak: frozenset = frozenset()
) -> Opd | None:
    opd_id = folder.name
    if not C.OPD_ID.match(opd_id):
        laporan.galat(
            tampil(folder), 1, "-",
            f"nama folder OPD {_kutip(opd_id)} tidak sah: hanya huruf kecil, angka dan tanda hubung (a-z, 0-9, -)",
        )
        return None
    opd = Opd(id=opd_id, nama="")
    _muat_profil(folder / "opd.yaml", opd, pemda, laporan)
    tabel: dict[str, _Tabel] = {}
    lap = {}
    terbaca = {}
    for spec in C.BERKAS_OPD:
        path = folder / spec.nama
        lap[spec.nama] = _Terbatas(laporan, tampil(path))
        tabel[spec.nama] = _Tabel([], [], [])
        if not path.is_file():
            if not spec.opsional:
                laporan.galat(tampil(path), 1, "-", f"berkas wajib {spec.nama} tidak ada")
            terbaca[spec.nama] = spec.opsional
            continue
        got = _baca_csv(path, spec, lap[spec.nama])
        terbaca[spec.nama] = got is not None
        if got is None:
            continue
        tabel[spec.nama] = got[1]
        ganda = _kunci_ganda(got[1], spec, tampil(path), lap[spec.nama])
        if ganda:  # reported; the first row of each key is the one read
            tabel[spec.nama] = got[1].tanpa(ganda)
    label = {spec.nama: tampil(folder / spec.nama) for spec in C.BERKAS_OPD}
    opd.elemen, ditolak = _elemen(tabel["struktur.csv"], label["struktur.csv"], lap["struktur.csv"])
    # References into a file that could not be read at all are not checked: the
    # file's own message says what to fix, and "unknown" on every row would bury it.
    if not terbaca["struktur.csv"]:
        ditolak = _SEMUA
    opd.indikator = _indikator(
        tabel["indikator.csv"], label["indikator.csv"], opd, ditolak, skala, skala_ditolak, lap["indikator.csv"]
    )
    ind = {i.id: i for i in opd.indikator}
    ind_ditolak = frozenset() if terbaca["indikator.csv"] else _SEMUA
    opd.target = _target(tabel["target.csv"], label["target.csv"], ind, ind_ditolak, skala, lap["target.csv"])
    opd.realisasi = _realisasi(
        tabel["realisasi.csv"], label["realisasi.csv"], ind, ind_ditolak, skala, lap["realisasi.csv"]
    )
    opd.anggaran = _anggaran(tabel["anggaran.csv"], label["anggaran.csv"], opd, ditolak, lap["anggaran.csv"])
    opd.tercetak = _tercetak(tabel["tercetak.csv"], label["tercetak.csv"], lap["tercetak.csv"])
    for t in lap.values():
        t.selesai()
    opd.narasi = _narasi(folder / "narasi", laporan)
    known = {"opd.yaml", "narasi"} | {s.nama for s in C.BERKAS_OPD}
    for child in sorted(folder.iterdir()):
        if child.name not in known and not child.name.startswith("."):
            laporan.peringatan(
                tampil(child), 1, "-",
                f"berkas tidak dikenal{_mirip(child.name, known)}; diabaikan",
            )
    return opd


def _muat_profil(path: Path, opd: Opd, pemda: Pemda, laporan: Laporan) -> None:
    label = tampil(path)
    opd.renstra_awal, opd.renstra_akhir = pemda.periode_awal, pemda.periode_akhir
    if not path.is_file():
        laporan.galat(label, 1, "-", "berkas wajib opd.yaml tidak ada")
        return
    loaded = baca_yaml(path, laporan)
    if loaded is None:
        return
    doc, lines, raw = loaded
    for key in doc:
        if key not in C.KUNCI_OPD:
            laporan.peringatan(label, lines.get(str(key), 1), aman(key), f"kunci tidak dikenal{_mirip(str(key), C.KUNCI_OPD)}; diabaikan")

    def text(key: str) -> str:
        return _teks_yaml(doc, raw, key, label, lines, laporan)

    opd.nama = text("nama")
    if not opd.nama:
        laporan.galat(label, lines.get("nama", 1), "nama", "nama OPD wajib diisi")
    opd.singkatan, opd.kode, opd.induk = text("singkatan"), text("kode"), text("induk")
    opd.alamat, opd.tugas = text("alamat"), text("tugas")
    kepala = doc.get("kepala")
    if isinstance(kepala, dict):
        opd.kepala = Kepala(*(text(f"kepala.{k}") for k in ("nama", "nip", "jabatan")))
    elif kepala is not None:
        laporan.galat(label, lines.get("kepala", 1), "kepala", "harus berupa pemetaan {nama, nip, jabatan}")
    fungsi = doc.get("fungsi")
    if isinstance(fungsi, list):
        opd.fungsi = []
        for i, f in enumerate(fungsi):
            if isinstance(f, (dict, list)):
                laporan.galat(label, lines.get(f"fungsi[{i}]", 1), f"fungsi[{i}]", "harus berupa teks")
            elif f is not None and raw.get(f"fungsi[{i}]", "").strip():
                opd.fungsi.append(raw[f"fungsi[{i}]"].strip())
    elif fungsi is not None:
        laporan.galat(label, lines.get("fungsi", 1), "fungsi", "harus berupa daftar")
    if doc.get("renstra") is not None:
        awal, akhir = _periode(doc.get("renstra"), "renstra", label, lines, laporan)
        if awal is not None:
            opd.renstra_awal, opd.renstra_akhir = awal, akhir


def _elemen(tabel: _Tabel, label: str, laporan: Laporan) -> tuple[list[Elemen], set[str]]:
    """The plan tree, and the ids of rows rejected for another reason (so that a
    reference to them is not reported a second time as unknown)."""
    eid, jenis, kode, nama, induk = tabel.kolom(*C.STRUKTUR.kolom)
    if _id_sah(eid) and "" not in nama and set(JENIS_ELEMEN).issuperset(jenis):
        # The usual file, every row valid: made at once.
        out, ditolak = list(map(Elemen, eid, jenis, kode, nama, induk, tabel.baris)), set()
    else:
        out, ditolak = _elemen_baris(tabel, label, laporan)
    ids = {e.id: e for e in out}
    for e in out:
        if not e.induk:
            continue
        parent = ids.get(e.induk)
        if e.induk == e.id:
            laporan.galat(label, e.line, "induk", "elemen tidak boleh menjadi induk dirinya sendiri")
        elif parent is None:
            if e.induk not in ditolak:
                laporan.galat(label, e.line, "induk", f"induk {_kutip(e.induk)} tidak ada di struktur.csv")
        elif INDUK_SAH.get(e.jenis) != parent.jenis:
            allowed = INDUK_SAH.get(e.jenis)
            laporan.galat(
                label, e.line, "induk",
                f"{e.jenis} tidak boleh berinduk {parent.jenis} {_kutip(parent.id)}"
                + (f" (induk yang sah: {allowed})" if allowed else " (tujuan tidak berinduk)"),
            )
    # Levels strictly increase along a valid parent link, so a cycle can only pass
    # through a link already reported above; naming the cycle tells what to untie.
    # Each element is visited once (colouring), so a long chain stays linear.
    state: dict[str, int] = {}
    for e in out:
        path: list[str] = []
        cur = e.id
        while cur in ids and cur not in state and cur != "":
            state[cur] = 1
            path.append(cur)
            cur = ids[cur].induk
        if cur in state and state[cur] == 1 and cur in path and cur != ids[cur].induk:
            cycle = path[path.index(cur):]
            for member in cycle:
                laporan.galat(
                    label, ids[member].line, "induk",
                    f"rantai induk membentuk lingkaran: {' → '.join(aman(m, 30) for m in [*cycle, cycle[0]])}",
                )
        for p in path:
            state[p] = 2
    return out, ditolak


def _elemen_baris(tabel: _Tabel, label: str, laporan: Laporan) -> tuple[list[Elemen], set[str]]:
    """`_elemen`'s rows one at a time, each problem reported."""
    out = []
    ditolak: set[str] = set()
    for line, row in _sebagai_dict(tabel, C.STRUKTUR.kolom):
        ctx = (label, line, "jenis", laporan)
        jenis = _enum(row.get("jenis", ""), JENIS_ELEMEN, None, ctx)
        eid = _id(row.get("id", ""), (label, line, "id", laporan))
        if eid is None:
            continue
        if not row.get("nama"):
            laporan.galat(label, line, "nama", "wajib diisi")
        if jenis is None:
            ditolak.add(eid)
            continue
        out.append(Elemen(eid, jenis, row.get("kode", ""), row.get("nama", ""), row.get("induk", ""), line))
    return out, ditolak


def _ya_tidak(value: str, ctx) -> bool:
    return _enum(value, ("ya", "tidak"), "tidak", ctx) == "ya"


def _indikator(
    tabel: _Tabel, label: str, opd: Opd, ditolak: set[str], skala: dict[str, Skala], skala_ditolak, laporan
) -> list[Indikator]:
    elemen = {e.id for e in opd.elemen}
    iid, el, nama, satuan, pol, sifat, iku, sk, formula, sumber, pj = tabel.kolom(*C.INDIKATOR.kolom)
    kategori = list(map("kategori".__eq__, pol))
    if (
        _id_sah(iid) and "" not in nama and elemen.issuperset(el)
        and _POLARITAS_SAH.keys() >= set(pol) and _SIFAT_SAH.keys() >= set(sifat) and _IKU_SAH.keys() >= set(iku)
        and skala.keys() | skala_ditolak >= set(sk).difference([""])
        and "" not in itertools.compress(sk, kategori) and "kumulatif" not in itertools.compress(sifat, kategori)
    ):  # the usual file, every row valid: made at once
        return list(map(
            Indikator, iid, el, nama, satuan, map(_POLARITAS_SAH.get, pol), map(_SIFAT_SAH.get, sifat),
            map(_IKU_SAH.get, iku), sk, formula, sumber, pj, tabel.baris,
        ))
    out = []
    for line, row in _sebagai_dict(tabel, C.INDIKATOR.kolom):
        iid = _id(row.get("id", ""), (label, line, "id", laporan))
        if iid is None:
            continue
        if not row.get("nama"):
            laporan.galat(label, line, "nama", "wajib diisi")
        el = row.get("elemen", "")
        if not el:
            laporan.galat(label, line, "elemen", "wajib diisi")
        elif el not in elemen and el not in ditolak:
            laporan.galat(label, line, "elemen", f"elemen {_kutip(el)} tidak ada di struktur.csv")
        pol = _enum(row.get("polaritas", ""), POLARITAS, "positif", (label, line, "polaritas", laporan))
        sifat = _enum(row.get("sifat", ""), SIFAT, "non-kumulatif", (label, line, "sifat", laporan))
        iku = _ya_tidak(row.get("iku", ""), (label, line, "iku", laporan))
        sk = row.get("skala", "")
        if sk and sk not in skala and sk not in skala_ditolak:
            laporan.galat(label, line, "skala", f"skala {_kutip(sk)} tidak ada di skala.yaml")
        if pol == "kategori" and not sk:
            laporan.galat(label, line, "skala", "indikator kategori wajib menyebut skala")
        if pol == "kategori" and sifat == "kumulatif":
            laporan.galat(label, line, "sifat", "indikator kategori tidak dapat kumulatif")
        out.append(
            Indikator(
                iid, el, row.get("nama", ""), row.get("satuan", ""), pol or "positif",
                sifat or "non-kumulatif", iku, sk, row.get("formula", ""), row.get("sumber_data", ""),
                row.get("penanggung_jawab", ""), line,
            )
        )
    return out


def _nilai(value: str, ind: Indikator | None, skala: dict[str, Skala], ctx):
    """A target/realisation value: a category code of the indicator's scale for
    kategori indicators, a number otherwise."""
    label, line, col, laporan = ctx
    if ind is not None and ind.polaritas == "kategori":
        sk = skala.get(ind.skala)
        if sk is not None and value not in sk.kode_set():
            laporan.galat(
                label, line, col,
                f"kategori {_kutip(value)} tidak ada pada skala {_kutip(ind.skala)} "
                f"({', '.join(b.kode for b in sk.bands)})",
            )
            return None
        return value
    return _angka(value, ctx, satuan=ind.satuan if ind else None)


def _indikator_ref(ref: str, label, line, ind: dict[str, Indikator], ditolak, laporan) -> Indikator | None:
    if not ref:
        laporan.galat(label, line, "indikator", "wajib diisi")
        return None
    if ref not in ind:
        if ref in ditolak:
            return None
        laporan.galat(label, line, "indikator", f"indikator {_kutip(ref)} tidak ada di indikator.csv")
        return None
    return ind[ref]


# ---------------------------------------------------------------- fast paths
#
# Most cells of the large files are plainly valid. For those, the readers below
# build the record directly; any row with something unusual goes through the full
# checks (`_target_baris`, ...), which alone report problems, so that every message
# stays what it was.

_TAHUN_SAH = {str(y): y for y in range(C.TAHUN_MIN, C.TAHUN_MAKS + 1)}

# In a column of values read the fast way: the cell needs the full check.
_PENUH = object()


def _sah(allowed: tuple[str, ...], default: str) -> dict[str, str]:
    """The valid cells of an enumerated column, an empty cell standing for `default`."""
    return {"": default, **{a: a for a in allowed}}


_JENIS_TARGET_SAH = _sah(JENIS_TARGET, "renja")
_PERIODE_SAH = _sah(PERIODE, "tahunan")
_POLARITAS_SAH = _sah(POLARITAS, "positif")
_SIFAT_SAH = _sah(SIFAT, "non-kumulatif")
_IKU_SAH = {"": False, "ya": True, "tidak": False}

# `angka_polos`'s form (the length limit included) for lines of text: lines each
# ending in "\n", and one line.
_POLOS_SEMUA = re.compile(rf"(?:(?=.{{1,{MAKS_DIGIT}}}\n)-?[0-9]+(?:\.(?![0-9]{{3}}\n)[0-9]+)?\n)*")
_POLOS_BARIS = re.compile(rf"^(?=.{{1,{MAKS_DIGIT}}}$)-?[0-9]+(?:\.(?![0-9]{{3}}$)[0-9]+)?$", re.MULTILINE)


def _angka_polos_semua(cells: set[str]) -> dict[str, Decimal]:
    """{cell: angka_polos(cell)} for the distinct cells in the plain form, found by a
    pattern over all of them joined by line feeds, not by a call per cell."""
    teks = "\n".join(cells) + "\n"
    if teks.count("\n") == len(cells):
        # A line per cell: the pattern runs over the plain ones and stops at a line
        # that is not (few: `Rp 1.500`, `87,5`, '').
        bukan = set()
        pos = _POLOS_SEMUA.match(teks).end()
        while pos < len(teks):
            akhir = teks.index("\n", pos)
            bukan.add(teks[pos:akhir])
            pos = _POLOS_SEMUA.match(teks, akhir + 1).end()
        polos = cells.difference(bukan) if bukan else cells
    else:
        # Some cell holds a line feed. Its lines may be found too: right values,
        # looked up by no cell.
        polos = _POLOS_BARIS.findall(teks)
    out = dict(zip(polos, map(Decimal, polos)))
    if "-" in teks:
        # angka_polos negates the value: "-0" is 0, where Decimal("-0") is -0.
        out.update((c, angka_polos(c)) for c in polos if c.startswith("-"))
    return out


def _nilai_sah(ind: dict[str, Indikator], skala: dict[str, Skala], raw, kosong: bool):
    """For the fast path of target and realisasi: per indicator whose value cells can
    be read without the full check, its valid cells → value. Those are the codes of
    its scale for a kategori indicator, and the plain numbers of the column `raw`
    (one dict shared by the numeric indicators) otherwise. `kosong`: an empty cell
    is valid and reads None (no value yet)."""
    out: dict[str, dict[str, Nilai | None]] = {}
    angka: dict[str, Nilai | None] = {}
    kode: set[str] = set()
    for iid, i in ind.items():
        if i.polaritas == "kategori":
            sk = skala.get(i.skala)
            if sk is not None:
                out[iid] = {k: k for k in sk.kode_set()}
                kode |= out[iid].keys()
        elif not i.satuan.strip().lower().endswith(tuple("0123456789")):
            # A unit ending in a digit could be the end of the number itself.
            out[iid] = angka
    if any(sah is angka for sah in out.values()):
        # Without the category codes, the numbers are mostly all plain (see
        # `_angka_polos_semua`); a code that is also a number stays.
        angka.update(_angka_polos_semua(set(raw).difference(k for k in kode if angka_polos(k) is None)))
    if kosong:
        for sah in out.values():
            sah[""] = None
    return out


def _rakit(buat, kolom, sel: list, baris: list[int], penuh) -> list:
    """The records of a file made a column at a time (in C): `buat` over the columns
    `kolom(pasti)` gives, one per argument, each either raw cells taken as they are
    (a column of `sel`, or `baris`) or values read from them.

    First `pasti`: a cell not valid as it stands raises KeyError, and in the usual
    file there is none, so nothing more to look at. Otherwise the values are read
    again with `_PENUH` for such a cell, and its row gets instead `penuh(line,
    cells)` (its cells of `sel`), the full check, which alone reports problems."""
    try:
        values = kolom(True)
    except KeyError:
        values = kolom(False)
    else:
        return list(map(buat, *values))
    perlu: set[int] = set()
    for k in values:
        if k is baris or any(k is s for s in sel):
            continue
        if any(map(operator.is_, k, itertools.repeat(_PENUH))):
            perlu.update(itertools.compress(itertools.count(), map(operator.is_, k, itertools.repeat(_PENUH))))
    out = list(map(buat, *values))
    for i in sorted(perlu):
        out[i] = penuh(baris[i], tuple(c[i] for c in sel))
    return [r for r in out if r is not None] if perlu else out


def _sah_kolom(sah: dict, cells, pasti: bool) -> list:
    """The values of a column's cells by `sah`; a cell not in it raises KeyError
    (`pasti`) or reads `_PENUH`."""
    if pasti:
        return list(map(sah.__getitem__, cells))
    return list(map(sah.get, cells, itertools.repeat(_PENUH)))


def _nilai_kolom(ref, raw, sah: dict[str, dict], pasti: bool) -> list:
    """The values of a column of value cells, each by the valid cells of its row's
    indicator; an unknown indicator or a cell not valid as it stands raises KeyError
    (`pasti`) or reads `_PENUH`."""
    if pasti:
        return list(map(dict.__getitem__, map(sah.__getitem__, ref), raw))
    return list(map(dict.get, map(sah.get, ref, itertools.repeat({})), raw, itertools.repeat(_PENUH)))


# ---------------------------------------------------------------- targets, realisasi, anggaran


def _target(tabel: _Tabel, label, ind, ditolak, skala, laporan) -> list[Target]:
    sel = tabel.kolom("indikator", "tahun", "jenis", "periode", "nilai")
    ref, th, jn, pr, raw = sel
    sah = _nilai_sah(ind, skala, raw, kosong=False)

    def kolom(pasti: bool) -> list:
        return [
            ref, _sah_kolom(_TAHUN_SAH, th, pasti), _nilai_kolom(ref, raw, sah, pasti),
            _sah_kolom(_JENIS_TARGET_SAH, jn, pasti), _sah_kolom(_PERIODE_SAH, pr, pasti), tabel.baris,
        ]

    return _rakit(
        Target, kolom, sel, tabel.baris,
        lambda line, cells: _target_baris(line, cells, label, ind, ditolak, skala, laporan),
    )


def _target_baris(line, cells, label, ind, ditolak, skala, laporan) -> Target | None:
    ref, th, jn, pr, raw = cells
    i = _indikator_ref(ref, label, line, ind, ditolak, laporan)
    if i is None and ref in ditolak:
        return None
    tahun = _tahun(th, (label, line, "tahun", laporan))
    jenis = _enum(jn, JENIS_TARGET, "renja", (label, line, "jenis", laporan))
    periode = _enum(pr, PERIODE, "tahunan", (label, line, "periode", laporan))
    if not raw:
        laporan.galat(label, line, "nilai", "target wajib diisi (baris tanpa target dihapus saja)")
        return None
    nilai = _nilai(raw, i, skala, (label, line, "nilai", laporan))
    if None in (i, tahun, jenis, periode, nilai):
        return None
    return Target(i.id, tahun, nilai, jenis, periode, line)


def _realisasi(tabel: _Tabel, label, ind, ditolak, skala, laporan) -> list[Realisasi]:
    sel = tabel.kolom("indikator", "tahun", "periode", "nilai", "catatan")
    ref, th, pr, raw, catatan = sel
    sah = _nilai_sah(ind, skala, raw, kosong=True)

    def kolom(pasti: bool) -> list:
        return [
            ref, _sah_kolom(_TAHUN_SAH, th, pasti), _nilai_kolom(ref, raw, sah, pasti),
            _sah_kolom(_PERIODE_SAH, pr, pasti), catatan, tabel.baris,
        ]

    return _rakit(
        Realisasi, kolom, sel, tabel.baris,
        lambda line, cells: _realisasi_baris(line, cells, label, ind, ditolak, skala, laporan),
    )


def _realisasi_baris(line, cells, label, ind, ditolak, skala, laporan) -> Realisasi | None:
    ref, th, pr, raw, catatan = cells
    i = _indikator_ref(ref, label, line, ind, ditolak, laporan)
    if i is None and ref in ditolak:
        return None
    tahun = _tahun(th, (label, line, "tahun", laporan))
    periode = _enum(pr, PERIODE, "tahunan", (label, line, "periode", laporan))
    nilai = _nilai(raw, i, skala, (label, line, "nilai", laporan)) if raw else None
    if None in (i, tahun, periode) or (raw and nilai is None):
        return None
    return Realisasi(i.id, tahun, nilai, periode, catatan, line)


def _anggaran(tabel: _Tabel, label, opd: Opd, ditolak: set[str], laporan) -> list[Anggaran]:
    elemen = {e.id for e in opd.elemen}
    elemen_sah = dict(zip(elemen, elemen))
    sel = tabel.kolom("elemen", "tahun", "pagu", "realisasi", "sumber_dana")
    el, th, pg, rl, sumber = sel
    # Amounts rarely repeat, but one pattern over them all is still far cheaper.
    pagu_sah = _angka_polos_semua(set(pg).union(rl))
    if min(pagu_sah.values(), default=0) < 0:
        pagu_sah = {c: v for c, v in pagu_sah.items() if v >= 0}
    real_sah = {**pagu_sah, "": None}  # empty: no realisasi yet

    def kolom(pasti: bool) -> list:
        pagu, real = _sah_kolom(pagu_sah, pg, pasti), _sah_kolom(real_sah, rl, pasti)
        # Realisasi above pagu is warned about by the full check.
        banding = [r is not None and r is not _PENUH and p is not _PENUH for r, p in zip(real, pagu)]
        lebih = map(operator.gt, itertools.compress(real, banding), itertools.compress(pagu, banding))
        for k in itertools.compress(itertools.compress(itertools.count(), banding), lebih):
            if pasti:
                raise KeyError(k)
            real[k] = _PENUH
        return [
            _sah_kolom(elemen_sah, el, pasti), _sah_kolom(_TAHUN_SAH, th, pasti), pagu, real, sumber, tabel.baris,
        ]

    return _rakit(
        Anggaran, kolom, sel, tabel.baris,
        lambda line, cells: _anggaran_baris(line, cells, label, elemen, ditolak, laporan),
    )


def _anggaran_baris(line, cells, label, elemen: set[str], ditolak: set[str], laporan) -> Anggaran | None:
    el, th, pg, rl, sumber = cells
    ok = True
    if not el:
        laporan.galat(label, line, "elemen", "wajib diisi")
        ok = False
    elif el not in elemen:
        if el not in ditolak:
            laporan.galat(label, line, "elemen", f"elemen {_kutip(el)} tidak ada di struktur.csv")
        ok = False
    tahun = _tahun(th, (label, line, "tahun", laporan))
    pagu = None
    if not pg:
        laporan.galat(label, line, "pagu", "wajib diisi (tulis 0 bila tidak ada pagu)")
    else:
        pagu = _angka(pg, (label, line, "pagu", laporan), rupiah=True)
    real = None
    if rl:
        real = _angka(rl, (label, line, "realisasi", laporan), rupiah=True)
        if real is None:
            ok = False
    for col, v in (("pagu", pagu), ("realisasi", real)):
        if v is not None and v < 0:
            laporan.galat(label, line, col, "jumlah rupiah tidak boleh negatif")
            ok = False
    if ok and pagu is not None and real is not None and real > pagu:
        laporan.peringatan(label, line, "realisasi", "realisasi anggaran melebihi pagu")
    if not ok or tahun is None or pagu is None:
        return None
    return Anggaran(el, tahun, pagu, real, sumber, line)


def _tercetak(tabel: _Tabel, label, laporan) -> list[Tercetak]:
    out = []
    for line, row in _sebagai_dict(tabel, C.TERCETAK.kolom):
        besaran = _enum(row.get("besaran", ""), C.BESARAN_TERCETAK, None, (label, line, "besaran", laporan))
        tahun = _tahun(row.get("tahun", ""), (label, line, "tahun", laporan))
        if not row.get("kunci"):
            laporan.galat(label, line, "kunci", "wajib diisi")
            continue
        nilai = _angka(row.get("nilai", ""), (label, line, "nilai", laporan), rupiah=besaran in ("pagu", "realisasi_anggaran"))
        if None in (besaran, tahun, nilai):
            continue
        out.append(Tercetak(besaran, row.get("kunci"), tahun, nilai, row.get("sumber", ""), line))
    return out


def _narasi(folder: Path, laporan: Laporan) -> dict[int, str]:
    out: dict[int, str] = {}
    if not folder.is_dir():
        return out
    for path in sorted(folder.iterdir()):
        if path.name.startswith("."):
            continue
        if path.suffix != ".md" or not _TAHUN.match(path.stem) or not path.is_file():
            laporan.peringatan(tampil(path), 1, "-", "narasi harus bernama <tahun>.md (mis. 2024.md); diabaikan")
            continue
        text = _baca_teks(path, tampil(path), C.BATAS_BERKAS_YAML, laporan)
        if text is not None:
            out[int(path.stem)] = text
    return out


# ---------------------------------------------------------------- whole directory


@_tanpa_gc
def direktori_data(data: Path, laporan: Laporan) -> bool:
    """Whether `data` is a directory (else a problem in `laporan`)."""
    if data.is_dir():
        return True
    pesan = "bukan direktori; --data harus menunjuk direktori data" if data.exists() else "direktori data tidak ditemukan"
    laporan.galat(tampil(data), 1, "-", pesan)
    return False


def folder_opd(data: Path, laporan: Laporan) -> list[Path]:
    """The OPD folders of a data directory, in id order."""
    opd_root = data / "opd"
    if not opd_root.is_dir():
        laporan.galat(tampil(opd_root), 1, "-", "direktori opd/ tidak ada")
        return []
    out = []
    for folder in sorted(opd_root.iterdir()):
        if folder.name.startswith("."):
            continue  # .git, editor and OS folders
        if folder.is_dir():
            out.append(folder)
        else:
            laporan.peringatan(tampil(folder), 1, "-", "hanya folder OPD yang diharapkan di opd/; diabaikan")
    return out


def ada_opd(data: Path, jumlah: int, laporan: Laporan) -> None:
    """An error when the data has no OPD at all (and no other error explains why)."""
    if not jumlah and not laporan.ada_galat:
        laporan.galat(tampil(data / "opd"), 1, "-", "belum ada OPD")


def muat(data: Path, laporan: Laporan) -> Dataset:
    """Read the whole data directory. Problems go to `laporan`; check `laporan.ada_galat`.
    (`pipeline.jalankan` does the same per OPD in worker processes.)"""
    data = Path(data)
    if not direktori_data(data, laporan):
        return Dataset(Pemda(""), {}, [])
    pemda = muat_pemda(data, laporan)
    skala, skala_ditolak = _muat_skala(data, laporan)
    opds: list[Opd] = []
    for folder in folder_opd(data, laporan):
        opd = muat_opd(folder, pemda, skala, laporan, frozenset(skala_ditolak))
        if opd is not None:
            opds.append(opd)
    ada_opd(data, len(opds), laporan)
    return Dataset(pemda, skala, opds)
