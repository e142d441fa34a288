"""Bank–enterprise matchmaking services: events, credit lines and their conversion into pledge applications."""
