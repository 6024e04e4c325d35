"""Widgets of the newsreader app."""
