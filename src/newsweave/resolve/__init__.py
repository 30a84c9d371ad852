"""Corpus-level resolution: entities, places, claims, events and the timeline across documents."""
