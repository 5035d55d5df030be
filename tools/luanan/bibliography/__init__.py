"""The bibliography domain: entries, numbering and the formatted reference list."""
