"""Qt item models over the services' page sources."""
