"""The write stage: pandoc Markdown to PDF (via Typst) and DOCX, replaced atomically."""
