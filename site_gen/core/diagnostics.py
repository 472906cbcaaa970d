"""Problems found in the input, carried as values and reported together."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    path: str
    line: int
    message: str
    severity: str = ERROR

    def __str__(self) -> str:
        if self.severity == ERROR:
            return f"{self.path}:{self.line}: {self.message}"
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


def error(path: str, line: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, message, ERROR)


def warning(path: str, line: int, message: str) -> Diagnostic:
    return Diagnostic(path, line, message, WARNING)


def has_errors(diagnostics) -> bool:
    return any(d.severity == ERROR for d in diagnostics)
