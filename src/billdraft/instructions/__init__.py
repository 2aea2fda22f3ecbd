"""Amendatory language: parse (words -> amendment objects)."""
