"""Click commands that work on files, without the web application or its database."""
