"""Pieces every app uses and no app owns. ``core`` imports no app of ours."""
