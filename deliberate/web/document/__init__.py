"""Web adapters of the consensus document."""
