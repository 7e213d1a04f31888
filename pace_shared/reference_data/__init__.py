"""Reference data files (JSON), read by :mod:`pace_shared.reference`."""
