"""Web adapters of the method's phases: the dossier pages, the hearing's and the preparation's commands."""
