"""PDF notices and certificates rendered with ReportLab (no Qt)."""
