"""site-gen: a static site generator for Vietnamese local offices' news bulletins."""

__version__ = "0.1.0"
