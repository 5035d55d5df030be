"""The load stage: thesis.yaml, profile, chapters and bibliography into a `Project`."""
