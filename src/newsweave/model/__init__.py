"""Typed records shared by every stage. Nothing here does I/O."""

from newsweave.model.dates import PartialDate
from newsweave.model.ids import content_id
from newsweave.model.records import Document, Evidence, Role, Segment

__all__ = ["Document", "Evidence", "PartialDate", "Role", "Segment", "content_id"]
