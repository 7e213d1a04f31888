"""Sync with the PACE sync server: HTTP client (contract v1), push/pull engine, backoff."""
