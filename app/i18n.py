"""Marker for messages that stay Chinese data in Python and are translated where they are shown."""


def N_(message: str) -> str:
    """Mark a label for `pybabel extract` without translating it; templates and views call `_()` on it."""
    return message
