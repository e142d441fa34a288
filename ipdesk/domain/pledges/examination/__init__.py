"""The examination of a pledge application against the refusal grounds, and its words."""
