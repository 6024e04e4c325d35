"""Gazetteer data files for `tui.entities` (see README.md here for sources and licences)."""
