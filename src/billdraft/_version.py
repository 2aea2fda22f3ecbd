"""The version of billdraft (read by setuptools for the package metadata, and by --version)."""

__version__ = "0.1.0"
