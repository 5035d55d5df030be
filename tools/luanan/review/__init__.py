"""What supervisors and reviewers work with: comments in a DOCX, tracked changes since a revision."""
