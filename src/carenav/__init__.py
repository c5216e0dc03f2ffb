"""carenav: care navigation for behavioral health (mental health and addiction)."""

__version__ = "0.1.0"
