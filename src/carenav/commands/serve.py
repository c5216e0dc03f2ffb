"""`carenav serve`: start the Voila apps on this computer only (127.0.0.1)."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

from carenav import catalog
from carenav.errors import InputError
from carenav.request_guard import default_max_kernels
from carenav.serving import (
    DEFAULT_PORT,
    compile_bytecode,
    port_is_free,
    voila_command,
    voila_environment,
)

# A DNS name: letters, digits and dashes in dot-separated labels.
HOST_NAME = re.compile(
    r"(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*",
    re.I,
)


def add_parser(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "serve",
        help="start the apps in your browser (this computer only)",
        description="Serve the carenav apps with Voila on 127.0.0.1. The data folder is "
        "checked first; a broken one is reported and nothing is served.",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--data", type=Path, default=None, help="data folder (default: bundled data/)"
    )
    parser.add_argument(
        "--base-url",
        default=None,
        help="path prefix the browser sees when a proxy in front strips it, e.g. /user/ana/ "
        "behind JupyterHub (default: none)",
    )
    parser.add_argument(
        "--allow-host",
        action="append",
        default=[],
        metavar="NAME",
        help="a host name browsers may reach carenav by besides 127.0.0.1 and localhost, "
        "e.g. the name of a proxy in front of it (repeatable; also $CARENAV_ALLOWED_HOSTS)",
    )
    parser.add_argument(
        "--max-kernels",
        type=int,
        default=None,
        metavar="N",
        help="most app pages open at once; more get 'busy, try again in a minute' "
        f"(default: half this computer's memory at 300 MB a page, here {default_max_kernels()})",
    )
    parser.add_argument(
        "--config",
        type=Path,
        default=None,
        metavar="DIR",
        help="a folder whose voila.json overrides carenav's Voila settings (cell timeout, culling)",
    )


def run(args: argparse.Namespace) -> int:
    base_url = _base_url(args.base_url)
    if not 1024 <= args.port <= 65535:
        raise InputError(
            "--port", f"{args.port} is not a usable port", "a number from 1024 to 65535"
        )
    if not port_is_free(args.port):
        raise InputError(
            "--port", f"port {args.port} is already in use", "a free port, e.g. --port 8870"
        )
    if args.max_kernels is not None and args.max_kernels < 1:
        raise InputError("--max-kernels", f"{args.max_kernels} is too few", "1 or more")
    for name in args.allow_host:
        if not HOST_NAME.fullmatch(name):
            raise InputError(
                "--allow-host", f"'{name}' is not a host name", "a name such as carenav.example.org"
            )
    if args.config is not None and not (args.config / "voila.json").is_file():
        raise InputError(
            "--config", f"{args.config} holds no voila.json", "a folder with a voila.json"
        )
    loaded = catalog.load(args.data)  # refuse to serve broken data: DataError, exit 1
    url = f"http://127.0.0.1:{args.port}/"
    print(f"carenav: serving the apps at {url}  (data: {loaded.root})", flush=True)
    print("carenav: open that address in your browser; press Ctrl+C to stop.", flush=True)
    command = voila_command(args.port, base_url=base_url, extra_config=args.config)
    compile_bytecode()  # each page's kernel imports carenav: compile it once, here
    # Become Voila rather than wait on it: a stop signal (Ctrl+C, a service manager's
    # SIGTERM) then reaches Voila itself, which shuts its kernels down, and with them
    # whatever a navigator typed. A child process would outlive its parent.
    env = voila_environment(
        loaded.root, allowed_hosts=args.allow_host, max_kernels=args.max_kernels
    )
    os.execve(command[0], command, env)


def _base_url(value: str | None) -> str | None:
    """`--base-url` as Voila wants it: starting and ending with one slash."""
    if value is None:
        return None
    if not value.startswith("/") or "//" in value or any(c in value for c in "?#\\ "):
        raise InputError("--base-url", f"{value!r} is not a URL path", "a path such as /user/ana/")
    return value.rstrip("/") + "/"
