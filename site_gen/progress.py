"""What a person at a terminal sees while a long build runs: one progress bar (tqdm),
shown only once the build has taken two seconds, and only on a terminal; a CI log gets
the summary line alone."""

from __future__ import annotations

import sys


class Quiet:
    """No bar: in CI, in tests, for builds driven by other commands."""

    def phase(self, name: str, total: int) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def close(self) -> None:
        pass


class Bar(Quiet):
    def __init__(self, stream, delay: float = 2.0):
        from tqdm import tqdm  # here: only a build at a terminal needs it

        self._bar = tqdm(total=0, file=stream, delay=delay, unit=" files", leave=False,
                         dynamic_ncols=True, mininterval=0.2)

    def phase(self, name: str, total: int) -> None:
        self._bar.reset(total=total)
        self._bar.set_description(name)

    def advance(self, count: int) -> None:
        self._bar.update(count)

    def close(self) -> None:
        self._bar.close()


def for_terminal(stream=sys.stderr) -> Quiet:
    return Bar(stream) if stream.isatty() else Quiet()
