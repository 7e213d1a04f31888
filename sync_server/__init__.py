"""PACE Casework sync server: reconciles partners' records with field-level conflict handling."""

__version__ = "0.1.0"
