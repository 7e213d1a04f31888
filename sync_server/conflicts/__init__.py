"""Same-field concurrent edits: both values kept for a team lead to review and resolve."""
