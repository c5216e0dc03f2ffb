"""The carenav command: validate and serve refuse bad input with one clear line."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from carenav.cli import main


def test_validate_on_the_bundled_data_prints_a_summary_and_exits_0(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate"]) == 0
    out = capsys.readouterr().out
    assert "9 levels of care" in out
    assert "no problems found" in out


def test_validate_on_a_broken_copy_lists_each_problem_and_exits_1(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    levels = data_copy / "levels_of_care.yaml"
    text = levels.read_text(encoding="utf-8")
    levels.write_text(
        text.replace("    twenty_four_hour: false\n", "    twenty_four_hour: often\n", 1),
        encoding="utf-8",
    )

    assert main(["validate", str(data_copy)]) == 1

    err = capsys.readouterr().err
    assert "levels_of_care.yaml, record level 0.5, field twenty_four_hour" in err
    assert "Traceback" not in err


def test_an_unknown_subcommand_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["frobnicate"])
    assert raised.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "invalid choice" in err


def test_serve_refuses_a_port_in_use_without_starting_anything(
    capsys: pytest.CaptureFixture[str],
) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert f"port {port} is already in use" in capsys.readouterr().err


def test_serve_refuses_broken_data_before_serving(
    data_copy: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (data_copy / "levels_of_care.yaml").unlink()
    assert main(["serve", "--port", "8999", "--data", str(data_copy)]) == 1
    assert "levels_of_care.yaml: the file is missing" in capsys.readouterr().err


def test_serve_refuses_a_port_below_1024(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "80"]) == 2
    assert (
        "--port: 80 is not a usable port; expected a number from 1024 to 65535"
        in capsys.readouterr().err
    )


def test_serve_refuses_a_base_url_that_is_not_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--port", "8999", "--base-url", "user/ana"]) == 2
    assert (
        "--base-url: 'user/ana' is not a URL path; expected a path such as /user/ana/"
        in capsys.readouterr().err
    )
