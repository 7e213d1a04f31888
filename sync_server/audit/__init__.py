"""The append-only audit log: who did what, to which record and fields — never the values."""
