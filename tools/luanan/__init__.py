"""luanan: a reference-checked build system for Vietnamese theses."""

__version__ = "0.1.0"
