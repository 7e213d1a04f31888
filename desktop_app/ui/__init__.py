"""PySide6 user interface: the only layer of the desktop app that imports Qt."""
