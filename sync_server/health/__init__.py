"""Liveness and database health, without authentication."""
