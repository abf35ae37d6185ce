"""Preparation: the dossier, stakeholders' contributions, the glossary, and what the panel does not understand."""
