"""What the desktop app and the sync server both obey: record model, HLC, merge rule, wire schemas.

Nothing here imports Qt, SQLAlchemy or FastAPI, so both sides (and the property tests) can use it.
"""
