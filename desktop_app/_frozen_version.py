"""The version a frozen build reports; build_installer.spec rewrites it from pyproject.toml."""

VERSION = "0.1.0"
