"""carenav: care navigation for behavioral health (mental health and addiction)."""

__version__ = "0.1.0"

__all__ = ["__version__"]


def __dir__() -> list[str]:
    """The public names only (pinned by tests/unit/test_public_api.py)."""
    return list(__all__)
