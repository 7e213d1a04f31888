"""Qt item models over the repository."""
