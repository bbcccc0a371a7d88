"""Extraction rules: spaCy ``Doc``/``Document`` → mentions, positions, relations, figures."""
