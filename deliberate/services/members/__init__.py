"""Members: membership and invitations, sessions, privacy, erasure."""
