"""Voila configuration run as code: carenav's request guard (carenav.request_guard).

Listed before voila_config/ in --Voila.config_file_paths, so its settings win: Voila
answers only this computer's addresses and the names `carenav serve --allow-host` gives,
starts no kernel for another site's page, and caps live kernels.
"""

from pathlib import Path

from carenav.request_guard import configure

configure(get_config(), Path(__file__).resolve().parents[1] / "voila_config" / "voila.json")  # type: ignore[name-defined]  # noqa: F821
