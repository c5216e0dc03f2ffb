"""The subcommands of `carenav`, one module each (see carenav.cli)."""
