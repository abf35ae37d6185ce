"""Demo content (French meat conference) and a deterministic vote simulator."""
