"""User accounts and sign-in: the user service, password hashing (Argon2id) and the lock-out."""
