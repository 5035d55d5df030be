"""Vietnamese language helpers: collation keys, name ordering and language detection."""
