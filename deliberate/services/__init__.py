"""Use-cases: validate -> change -> commit -> publish events (after commit). The actor is explicit."""
