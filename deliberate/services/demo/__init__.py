"""The French demo conference, seeded through the use-cases."""
