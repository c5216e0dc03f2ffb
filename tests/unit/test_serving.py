"""carenav serves with standalone Voila on loopback, hardened by its voila.json."""

from __future__ import annotations

import json

from carenav.serving import CONFIG_DIR, voila_command, voila_environment


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
