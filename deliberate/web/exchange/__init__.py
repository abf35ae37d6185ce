"""The public report and its downloads."""
