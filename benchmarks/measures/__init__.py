"""One module per measured thing; each returns plain numbers for the runner."""
