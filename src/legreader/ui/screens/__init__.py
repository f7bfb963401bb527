"""Full screens of the app (the reader's main screen; the compare views live beside them)."""
