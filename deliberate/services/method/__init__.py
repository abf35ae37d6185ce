"""The method's phases before the document: preparation (dossier, glossary, notes) and hearing (answers, agenda, floor)."""
