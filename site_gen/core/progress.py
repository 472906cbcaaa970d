"""What a person at a terminal sees while a long build runs: one progress bar (tqdm),
shown only once the build has taken two seconds, and only on a terminal; a CI log gets
the summary line alone."""

from __future__ import annotations

import sys
import time


class Quiet:
    """No bar: in CI, in tests, for builds driven by other commands."""

    def phase(self, name: str, total: int) -> None:
        pass

    def advance(self, count: int) -> None:
        pass

    def close(self) -> None:
        pass


class Bar(Quiet):
    """One bar a phase, drawn only once the build has run `delay` seconds."""

    def __init__(self, stream, delay: float = 2.0):
        self._stream, self._shown_from, self._bar = stream, time.monotonic() + delay, None

    def phase(self, name: str, total: int) -> None:
        from tqdm import tqdm  # here: only a build at a terminal needs it

        self.close()
        self._bar = tqdm(total=total, desc=name, file=self._stream, unit=" files",
                         delay=max(0.0, self._shown_from - time.monotonic()), leave=False,
                         dynamic_ncols=True, mininterval=0.2)

    def advance(self, count: int) -> None:
        if self._bar is not None:
            self._bar.update(count)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def for_terminal(stream=sys.stderr) -> Quiet:
    return Bar(stream) if stream.isatty() else Quiet()


class Clock:
    """Seconds by phase of a build."""

    def __init__(self):
        self.phases: dict[str, float] = {}
        self.last = time.perf_counter()

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.phases[name] = self.phases.get(name, 0.0) + now - self.last
        self.last = now
