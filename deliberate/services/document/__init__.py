"""The consensus document: the draft, co-writing, consent and dissent, expert review, publication."""
