"""The audit log's own vocabulary: its Chinese summaries read in the UI language."""
