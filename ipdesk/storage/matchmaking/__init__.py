"""Storage of the bank–enterprise matchmaking context: events, their credit lines and the patents offered."""
