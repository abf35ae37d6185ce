"""The room's pages (join, room, desk), the projector view and the console's labels."""
