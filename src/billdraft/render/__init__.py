"""Renderers: turn amended statutes and bills into HTML, text and Word files."""
