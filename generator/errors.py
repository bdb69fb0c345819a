"""Problems found in the data, with their location, and the typed errors of the generator.

Code deep inside raises or collects these; only the command line prints them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

GALAT = "galat"
PERINGATAN = "peringatan"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    column: str
    message: str
    level: str = GALAT

    def __str__(self) -> str:
        prefix = "peringatan: " if self.level == PERINGATAN else ""
        return f"{self.path}:{self.line}: {self.column}: {prefix}{self.message}"


@dataclass
class Laporan:
    """Collects every problem of a run, so that all are reported at once."""

    problems: list[Problem] = field(default_factory=list)

    def galat(self, path: str, line: int, column: str, message: str) -> None:
        self.problems.append(Problem(path, line, column or "-", message, GALAT))

    def peringatan(self, path: str, line: int, column: str, message: str) -> None:
        self.problems.append(Problem(path, line, column or "-", message, PERINGATAN))

    @property
    def ada_galat(self) -> bool:
        return any(p.level == GALAT for p in self.problems)

    def urut(self) -> list[Problem]:
        """Errors and warnings in file and line order, without duplicates."""
        return sorted(set(self.problems), key=lambda p: (p.path, p.line, p.column, p.message))


class KinerjaError(Exception):
    """Base of the errors the command line turns into a message and an exit status."""


class DataError(KinerjaError):
    """The data directory has errors; `laporan` lists them all."""

    def __init__(self, laporan: Laporan):
        super().__init__(f"{sum(p.level == GALAT for p in laporan.problems)} galat pada data")
        self.laporan = laporan


class BuildError(KinerjaError):
    """The site could not be built (MkDocs failed, output not writable, ...)."""
