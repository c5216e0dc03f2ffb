"""The `carenav` command: validate data, serve the apps, estimate costs and more.

Each subcommand lives in carenav.commands.<name> and provides
`add_parser(subparsers)` and `run(args) -> int`. Errors carenav raises on purpose
print as one plain line (exit 1 for data, 2 for bad options); nothing prints a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import Protocol, cast

from carenav.errors import CarenavError, DataError, InputError, UnknownIdError

# The subcommands, in the order `carenav --help` lists them.
COMMANDS = ("serve", "validate", "estimate", "find", "handout", "import", "export")
# Subcommands whose module name differs from the command (`import` is a Python keyword).
_MODULES = {"import": "import_directory", "export": "export_directory"}


class Command(Protocol):
    def add_parser(
        self, subparsers: argparse._SubParsersAction[argparse.ArgumentParser]
    ) -> None: ...

    def run(self, args: argparse.Namespace) -> int: ...


def one_line(text: str) -> str:
    """A message with control characters shown as escapes: what was typed cannot break the line."""
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line and exit 2, without the usage dump."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"carenav: {one_line(message)} (see '{self.prog} --help')\n")


def _command(name: str) -> Command:
    return cast(Command, importlib.import_module(f"carenav.commands.{_MODULES.get(name, name)}"))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="carenav", description=__doc__.splitlines()[0] if __doc__ else None)
    subparsers = cast(
        "argparse._SubParsersAction[argparse.ArgumentParser]",
        parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser),
    )
    subparsers.required = True
    for name in COMMANDS:
        module = _command(name)
        module.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `carenav` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    module = _command(args.command)
    try:
        return module.run(args)
    except DataError as exc:
        print(exc, file=sys.stderr)
        return 1
    except (InputError, UnknownIdError) as exc:
        print(f"carenav: {one_line(str(exc))}", file=sys.stderr)
        return 2
    except CarenavError as exc:
        print(f"carenav: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader stopped (`carenav find ... | head`): not the user's mistake, no traceback.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
