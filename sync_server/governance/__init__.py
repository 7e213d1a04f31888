"""Data governance (issue 11): the sharing agreement, erasure, subject access, retention."""
