"""Click commands registered by deliberate/cli.py: analysis on files (cluster, opinions) without the database,
and the document, member and exchange commands (import-polis, export), which open the application."""
