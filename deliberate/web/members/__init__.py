"""Web adapters of membership: leaving and erasure over the socket, the privacy pages."""
