"""PACE Casework desktop app.

Layers (imports point downwards only): ``ui`` (PySide6) → ``session`` → ``sync`` → ``storage`` →
``security``. Nothing outside ``ui`` imports Qt, so the core runs headless in tests and tools.
"""
