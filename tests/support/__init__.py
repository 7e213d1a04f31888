"""Test support: real server processes, real databases. No mocks of our own components."""
