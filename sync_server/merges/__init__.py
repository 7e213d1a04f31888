"""Merging duplicate people (issue 11): the merge log, its API and its audit events."""
