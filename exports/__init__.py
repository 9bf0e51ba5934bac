"""SQLite (the single source of truth) and what is made from it: reports, merges, browsing."""
