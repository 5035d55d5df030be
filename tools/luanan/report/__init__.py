"""Reporters: diagnostics to text (and, later, JSON, GitHub annotations, SARIF)."""
