"""Editors' corrections: kept apart from what extraction derives, keyed to passages, replayed after ingest.

``operations`` (what editors do), ``apply`` (each kind of correction, idempotent), ``replay`` (after
an ingest, and after a revert), ``anchors`` (passages kept by content hash and found again),
``state`` (an event's editable fields, written through the store), ``history`` (what the pages
show), ``version`` (the data version).
"""

from app.curation.version import bump_data_version, data_version

__all__ = ["bump_data_version", "data_version"]
