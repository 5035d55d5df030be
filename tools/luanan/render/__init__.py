"""The render stage: the resolved project as one pandoc Markdown document."""
