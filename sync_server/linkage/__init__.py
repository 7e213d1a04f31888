"""Record linkage: one count of people across partners (issue 9; docs/statistics.md)."""
