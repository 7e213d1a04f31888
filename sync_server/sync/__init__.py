"""Push, pull, the change sequence, cursors and visibility."""
