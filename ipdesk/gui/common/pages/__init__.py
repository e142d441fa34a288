"""Page patterns: the page every area shows, the register page, its columns, detail and history."""
