"""SQLite storage: the shipped reference food store and the user's own store. No Qt here."""
