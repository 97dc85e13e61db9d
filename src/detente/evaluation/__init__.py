"""Scoring detente against labelled real news (``detente eval news``)."""
