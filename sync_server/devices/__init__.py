"""Devices: registered at login, revocable by an admin (remote wipe on next contact)."""
