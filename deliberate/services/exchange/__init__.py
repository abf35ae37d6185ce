"""Exports and imports: conferences to and from other tools' file formats (Pol.is)."""
