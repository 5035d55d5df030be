"""The citation domain: find citations in Markdown, parse them, resolve them to entries."""
