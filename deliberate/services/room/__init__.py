"""The room: arguments, votes (group commit, tally feed), moderation, room settings, snapshots, participation."""
