"""inspectcli: tools for the field inspection of rural-revitalisation work."""

__version__ = "0.1.0"
