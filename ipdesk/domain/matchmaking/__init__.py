"""Bank–enterprise matchmaking (银企对接, seed 004): events where banks grant credit lines to firms."""
