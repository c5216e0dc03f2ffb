"""carenav serves with standalone Voila on loopback, hardened by its voila.json."""

from __future__ import annotations

import json
import socket
from pathlib import Path

import pytest

from carenav.serving import CONFIG_DIR, free_port, port_is_free, voila_command, voila_environment


def test_the_apps_run_in_standalone_voila_bound_to_loopback() -> None:
    command = voila_command(8866)
    assert command[1:3] == ["-m", "voila"]
    assert "--Voila.ip=127.0.0.1" in command
    assert not any("jupyter" in part and "server" in part for part in command)


def test_voila_json_strips_sources_hides_tracebacks_and_culls_idle_kernels() -> None:
    config = json.loads((CONFIG_DIR / "voila.json").read_text(encoding="utf-8"))
    voila = config["VoilaConfiguration"]
    assert voila["strip_sources"] is True
    assert voila["show_tracebacks"] is False
    assert voila["allow_template_override"] == "NO"
    assert voila["allow_theme_override"] == "NO"
    assert voila["file_denylist"] == [".*"]
    assert config["VoilaExecutor"]["timeout"] > 0
    culler = config["MappingKernelManager"]
    assert culler["cull_idle_timeout"] > 0 and culler["cull_interval"] > 0


def test_kernels_find_the_chosen_data_folder_and_carenavs_template(tmp_path: object) -> None:
    env = voila_environment(None, base={"PATH": "/usr/bin"})
    assert env["JUPYTER_PATH"].endswith("jupyter_data")
    assert "CARENAV_DATA" not in env


def test_behind_a_proxy_pages_link_under_its_prefix_while_voila_serves_at_the_root() -> None:
    command = voila_command(8866, base_url="/user/ana/")
    assert "--Voila.base_url=/user/ana/" in command
    assert "--Voila.server_url=/" in command
    assert not any(part.startswith("--Voila.base_url") for part in voila_command(8866))


def _time_wait_on(port: int) -> None:
    """Leave a connection of a stopped server in TIME-WAIT on port, as a restart finds it."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port))
        server.listen()
        client = socket.create_connection(("127.0.0.1", port))
        accepted, _ = server.accept()
        accepted.close()  # the server closes first: its side waits in TIME-WAIT
        client.recv(1)
        client.close()


def test_a_port_just_released_by_a_stopped_server_counts_as_free() -> None:
    port = free_port()
    _time_wait_on(port)
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as plain, pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))  # what the old check did: "already in use"
    assert port_is_free(port)


def test_a_port_something_listens_on_is_not_free() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        assert not port_is_free(server.getsockname()[1])


def test_kernels_import_carenav_from_bytecode_compiled_once_by_serve() -> None:
    """Each page's kernel imports carenav; none should compile its modules from source."""
    import importlib.util

    from carenav.serving import PACKAGE_DIR, compile_bytecode

    assert compile_bytecode()
    sources = sorted(PACKAGE_DIR.rglob("*.py"))
    assert len(sources) > 50
    stale = []
    for source in sources:
        cached = Path(importlib.util.cache_from_source(str(source)))
        if not cached.is_file() or cached.stat().st_mtime < source.stat().st_mtime:
            stale.append(source.relative_to(PACKAGE_DIR))
    assert stale == []
