"""What every printed document shares: layout and styles, the CJK font, the seal, the payload."""
