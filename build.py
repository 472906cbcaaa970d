#!/usr/bin/env python3
"""Entry point: `python build.py [build] [--content DIR] [--output DIR] [--config FILE]`."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from site_gen.commands.cli import entry  # noqa: E402

if __name__ == "__main__":
    entry()
