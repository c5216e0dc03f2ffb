"""Every option of every `carenav` subcommand given hostile values: an answer or one clear message.

The command runs in this process (`carenav.cli.main` with captured output), thousands of
times in `make fuzz`; a few examples run as real processes too. The invariant: exit 0, 1 or
2; on 1 or 2 a message in words (one line for a bad option) and nothing written; never a
traceback; the data folder is never changed; and a wrong level, plan or state never gives
an answer. `carenav serve` is stopped where it would become Voila.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from carenav import catalog
from carenav.cli import build_parser, main
from carenav.models.known import US_STATES
from tests.fuzz.checks import assert_in_words, digest
from tests.fuzz.profile import fuzz, record
from tests.fuzz.strategies import (
    AWKWARD_TEXT,
    UNKNOWN_LEVELS,
    UNKNOWN_PLANS,
    UNKNOWN_STATES,
    VALUES,
    key_paths,
    set_path,
)

SURFACE = "command line"
ROOT = Path(__file__).resolve().parents[2]
KNOWN = catalog.load(catalog.bundled_data_dir(), sections=("payers", "programs"))
LEVELS = list(KNOWN.continuum.codes())
PLANS = sorted(KNOWN.payers)
# The fuzz runs on a copy of the data with the first programs only: every command reads the
# directory, and `export` checks each service against the HSDS schemas.
PROGRAMS_KEPT = 6
PROGRAMS = [p.id for p in KNOWN.programs.programs][:PROGRAMS_KEPT]

WORDS = st.one_of(st.text(max_size=12), AWKWARD_TEXT, st.sampled_from(["", "-1", "0", "--json"]))
AMOUNTS = st.one_of(
    st.sampled_from(["450", "0", "12.50", "1,500", "$90", "1000000", "9999999999.99", "1e3"]),
    WORDS,
)
COUNTS = st.one_of(st.sampled_from(["0", "1", "3", "5", "7", "8", "12", "104", "999999999"]), WORDS)
DATES = st.one_of(
    st.sampled_from(["2026-03-02", "2026-12-28", "2024-02-29", "2099-12-31", "1999-12-31"]),
    st.dates().map(str),
    WORDS,
)
LEVEL = st.one_of(st.sampled_from(LEVELS), UNKNOWN_LEVELS)
PLAN = st.one_of(st.sampled_from(PLANS), UNKNOWN_PLANS, WORDS)
STATE = st.one_of(st.sampled_from(US_STATES), st.sampled_from(["ny", " or"]), UNKNOWN_STATES)


def _listed(choices: list[str], most: int = 3) -> st.SearchStrategy[str]:
    """A comma-separated list of known choices, perhaps with a hostile word among them."""
    item = st.one_of(st.sampled_from(choices), WORDS)
    return st.one_of(st.lists(item, min_size=1, max_size=most).map(",".join), WORDS)


def _paths(work: Path) -> dict[str, st.SearchStrategy[str]]:
    """Strategies for the options that name files and folders, inside this test's folder."""
    folder = st.sampled_from([str(work / "data"), str(work / "nowhere"), str(work / "a-file")])
    return {
        "data": folder,
        "output": st.sampled_from(
            [
                str(work / "out" / "new"),
                str(work / "data"),
                str(work / "out"),
                str(work / "nowhere" / "x" / "y"),
                str(work / "a-file" / "x"),
            ]
        ),
        "case": st.sampled_from([str(work / "case.json"), str(work / "nowhere"), str(work)]),
        "plan file": st.sampled_from([str(work / "plan.yaml"), str(work / "missing.yaml")]),
        "import file": st.sampled_from([str(work / "import.json"), str(work / "a-file")]),
    }


def option_strategies(work: Path) -> dict[str, dict[str, st.SearchStrategy[str] | None]]:
    """Each subcommand's options and what to give each (None: a flag)."""
    paths = _paths(work)
    return {
        "estimate": {
            "--plan": st.one_of(PLAN, paths["plan file"]),
            "--program": st.one_of(st.sampled_from(PROGRAMS), WORDS),
            "--rate": AMOUNTS,
            "--days-per-week": COUNTS,
            "--weekdays": _listed(["Mon", "Tue", "wed", "Thursday", "Fri", "Sat", "Sun"], 7),
            "--charge": AMOUNTS,
            "--cash-price": AMOUNTS,
            "--unit": st.one_of(st.sampled_from(["day", "session"]), WORDS),
            "--level": LEVEL,
            "--start": DATES,
            "--weeks": COUNTS,
            "--network": st.one_of(st.sampled_from(["in", "out"]), WORDS),
            "--deductible-met": AMOUNTS,
            "--oop-met": AMOUNTS,
            "--days-used": COUNTS,
            "--family": None,
            "--family-deductible-met": AMOUNTS,
            "--family-oop-met": AMOUNTS,
            "--household": COUNTS,
            "--income": AMOUNTS,
            "--region": st.one_of(st.sampled_from(["contiguous", "alaska", "hawaii"]), WORDS),
            "--dual": st.one_of(st.sampled_from(["none", "qmb", "slmb", "qi", "full"]), WORDS),
            "--medicaid-state": STATE,
            "--takes-medicaid": st.one_of(st.sampled_from(["yes", "no"]), WORDS),
            "--medicaid-exempt": st.one_of(st.sampled_from(["child", "pregnant"]), WORDS),
            "--medicaid-paid": AMOUNTS,
            "--setting": st.one_of(
                st.sampled_from(["hopd", "cmhc", "fqhc", "rhc", "otp", "office"]), WORDS
            ),
            "--scholarship-share": st.one_of(st.sampled_from(["0.5", "1", "1.5", "0"]), AMOUNTS),
            "--scholarship-amount": AMOUNTS,
            "--payment-plan-months": COUNTS,
            "--interest-rate": st.one_of(st.sampled_from(["0.08", "0", "2", "0.999"]), AMOUNTS),
            "--data": paths["data"],
            "--json": None,
        },
        "find": {
            "--needs": _listed(["substance-use", "mental-health", "co-occurring"]),
            "--age-group": st.one_of(st.sampled_from(["adults", "adolescents"]), WORDS),
            "--conditions": _listed(
                ["alcohol-use", "opioid-use", "anxiety", "depression-and-mood"]
            ),
            "--levels": st.one_of(_listed(LEVELS), st.lists(LEVEL, min_size=1).map(",".join)),
            "--plan": PLAN,
            "--medicare": None,
            "--medicaid-state": STATE,
            "--pay": _listed(["self-pay", "sliding-scale", "payment-plan", "scholarship"]),
            "--zip": st.one_of(st.sampled_from(["97201", "97205", "00000", "99999"]), WORDS),
            "--miles": st.one_of(st.sampled_from(["25", "0", "-1", "inf", "1e308", "5.5"]), WORDS),
            "--days": _listed(["Mon", "Tue", "Thu", "sat"]),
            "--times": _listed(["daytime", "evening"]),
            "--formats": _listed(["in-person", "telehealth", "hybrid"]),
            "--sort": st.one_of(st.sampled_from(["score", "distance", "name"]), WORDS),
            "--limit": st.one_of(st.sampled_from(["1", "10", "1000", "1001", "0"]), WORDS),
            "--today": DATES,
            "--data": paths["data"],
            "--json": None,
        },
        "validate": {"directory": st.one_of(paths["data"], WORDS)},
        "handout": {
            "case": paths["case"],
            "--lang": st.one_of(st.sampled_from(["en", "es"]), WORDS),
            "--output": paths["output"],
            "--name": WORDS,
            "--today": DATES,
            "--data": paths["data"],
        },
        "import locator": {
            "file": paths["import file"],
            "--output": paths["output"],
            "--verified-on": DATES,
            "--mapping": st.sampled_from(
                [str(work / "mapping.yaml"), str(work / "a-file"), str(work / "nowhere")]
            ),
        },
        "import hsds": {
            "file": paths["import file"],
            "--output": paths["output"],
            "--verified-on": DATES,
            "--level": st.one_of(LEVEL, st.sampled_from(["1;2.1", "2.1;9.9"])),
        },
        "export hsds": {"directory": paths["data"], "--output": paths["output"], "--tabular": None},
        "serve": {
            "--port": st.one_of(st.sampled_from(["8871", "80", "0", "65536", "-1"]), WORDS),
            "--data": paths["data"],
            "--base-url": st.one_of(st.sampled_from(["/user/ana/", "/", "x", "//", "/a?b"]), WORDS),
            "--allow-host": st.one_of(st.sampled_from(["carenav.example.org", "evil..x"]), WORDS),
            "--max-kernels": st.one_of(st.sampled_from(["1", "4", "0", "-3"]), WORDS),
            "--config": st.sampled_from([str(work / "config"), str(work), str(work / "nowhere")]),
        },
    }


# What each subcommand needs to do anything at all; the fuzz then adds or overrides options.
REQUIRED = {
    "estimate": [
        *("--plan", "example-copay-2026", "--rate", "450", "--days-per-week", "3"),
        *("--start", "2026-03-02", "--weeks", "12"),
    ],
    "find": [],
    "validate": [],
    "handout": [],
    "import locator": ["--output", "{work}/out/new"],
    "import hsds": ["--output", "{work}/out/new"],
    "export hsds": ["--output", "{work}/out/new.json"],
    "serve": ["--port", "8871"],
}
POSITIONAL = {"validate": "directory", "handout": "case", "export hsds": "directory"}
POSITIONAL |= {"import locator": "file", "import hsds": "file"}


def _every_option() -> dict[str, set[str]]:
    """Each subcommand's options and positionals as the parser defines them."""
    found: dict[str, set[str]] = {}

    def walk(parser: argparse.ArgumentParser, name: str) -> None:
        names: set[str] = set()
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                for child, sub in action.choices.items():
                    walk(sub, f"{name} {child}".strip())
            elif not isinstance(action, argparse._HelpAction):
                names.add(max(action.option_strings, key=len, default=action.dest))
        if name and not any(isinstance(a, argparse._SubParsersAction) for a in parser._actions):
            found[name] = names

    walk(build_parser(), "")
    return found


def test_every_option_of_every_subcommand_is_fuzzed(tmp_path: Path) -> None:
    fuzzed = {name: set(options) for name, options in option_strategies(tmp_path).items()}
    assert fuzzed == _every_option()


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder with a data copy (the default data, too), a case, a plan, a Voila config."""
    root = tmp_path_factory.mktemp("cli")
    shutil.copytree(catalog.bundled_data_dir(), root / "data")
    directory = root / "data" / "programs" / "sample_programs.csv"
    lines = directory.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = sum(1 for line in lines if line.startswith("#"))
    directory.write_text("".join(lines[: comments + 1 + PROGRAMS_KEPT]), encoding="utf-8")
    (root / "a-file").write_text("not a folder\n", encoding="utf-8")
    shutil.copy(ROOT / "docs" / "example-case.json", root / "case.json")
    shutil.copy(root / "data" / "payers" / "example-ppo-2026.yaml", root / "plan.yaml")
    shutil.copy(root / "data" / "mappings" / "samhsa-locator.yaml", root / "mapping.yaml")
    (root / "config").mkdir()
    (root / "config" / "voila.json").write_text("{}\n", encoding="utf-8")
    (root / "out").mkdir()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(catalog.DATA_ENV, str(root / "data"))
        yield root


LOCATOR = ROOT / "tests" / "data" / "samhsa-locator" / "locator_rows_2019-05_cville_va.json"
HSDS = ROOT / "tests" / "data" / "hsds-3.0" / "service_full.json"


def _import_file(work: Path, kind: str, data: Any) -> dict[str, Any] | list[Any]:
    """The import file for this example: a few real rows, one value perhaps made hostile."""
    document: Any = json.loads((LOCATOR if kind == "locator" else HSDS).read_text("utf-8"))
    if kind == "locator":
        document["rows"] = document["rows"][:4]
    if data.draw(st.booleans(), label="mutate import file"):
        where = data.draw(st.sampled_from(key_paths(document)), label="import field")
        set_path(document, where, data.draw(VALUES, label="import value"))
    text = json.dumps(document, ensure_ascii=False)
    (work / "import.json").write_text(text, encoding="utf-8", errors="surrogatepass")
    return document


def _case_file(work: Path, data: Any) -> dict[str, Any]:
    """The case file for this example: the documented example, one value perhaps made hostile."""
    case: dict[str, Any] = json.loads((ROOT / "docs" / "example-case.json").read_text("utf-8"))
    if data.draw(st.booleans(), label="mutate case"):
        where = data.draw(st.sampled_from(key_paths(case)), label="case field")
        value = data.draw(st.one_of(VALUES, LEVEL, PLAN, STATE), label="case value")
        set_path(case, where, value)
    text = json.dumps(case, ensure_ascii=False)
    (work / "case.json").write_text(text, encoding="utf-8", errors="surrogatepass")
    return case


def command_line(work: Path, command: str, data: Any) -> list[str]:
    """A command line for `command`: its required options, then hostile ones drawn from its table."""
    table = option_strategies(work)[command]
    argv = [*command.split(), *(part.format(work=work) for part in REQUIRED[command])]
    positional = POSITIONAL.get(command)
    if positional and data.draw(st.booleans(), label="give positional"):
        argv.append(data.draw(table[positional], label=positional))
    optional = sorted(name for name in table if name.startswith("--"))
    chosen = (
        data.draw(st.lists(st.sampled_from(optional), max_size=4, unique=True)) if optional else []
    )
    for option in chosen:
        strategy = table[option]
        if strategy is None:
            argv.append(option)
            continue
        value = data.draw(strategy, label=option)
        # Both spellings a user types; `--opt=value` also carries a value that starts with '-'.
        if data.draw(st.booleans(), label="with ="):
            argv.append(f"{option}={value}")
        else:
            argv += [option, value]
    return argv


def _given(argv: list[str], option: str) -> list[str]:
    """Every value `option` was given on this command line (either spelling)."""
    values = []
    for index, part in enumerate(argv):
        if part == option and index + 1 < len(argv):
            values.append(argv[index + 1])
        elif part.startswith(option + "="):
            values.append(part.split("=", 1)[1])
    return values


def _codes(text: str) -> list[str]:
    return [unicodedata.normalize("NFKC", p).strip() for p in text.split(",") if p.strip()]


def assert_no_wrong_code_gave_an_answer(argv: list[str]) -> None:
    """An answer (exit 0) came only from levels, plans and states the data knows."""
    for value in _given(argv, "--level") + _given(argv, "--levels"):
        assert set(_codes(value)) <= set(LEVELS), f"unknown level answered: {argv}"
    for value in _given(argv, "--plan"):
        assert value.strip() in PLANS or value.endswith(".yaml"), f"unknown plan answered: {argv}"
    for value in _given(argv, "--medicaid-state"):
        assert value.strip().upper() in US_STATES, f"unknown state answered: {argv}"


class _WouldServe(Exception):
    """Raised where `carenav serve` would replace itself with Voila: every check has passed."""


def run_in_process(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`carenav ARGV` in this process: (exit code, stdout, stderr); counts the input."""
    try:
        with mock.patch("carenav.commands.serve.os.execve", side_effect=_WouldServe):
            code = main(argv)
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 2
    except _WouldServe:
        code = 0
    except BaseException:
        record(SURFACE, "traceback")
        raise
    out, err = capsys.readouterr()
    record(SURFACE, "answer" if code == 0 else "message")
    return code, out, err


def assert_answer_or_one_message(argv: list[str], code: int, out: str, err: str) -> None:
    assert code in {0, 1, 2}, (argv, code, err)
    assert_in_words(out + err, *argv)
    if code == 2:
        assert len(err.strip().splitlines()) == 1, (argv, err)
    if code in {1, 2}:
        assert err.strip(), f"exit {code} without a message: {argv}"
    if code == 0:
        assert_no_wrong_code_gave_an_answer(argv)


def _paths_in(work: Path) -> set[str]:
    return {str(p) for p in work.rglob("*")}


def _check_outputs(work: Path, argv: list[str], code: int, out: str, before: set[str]) -> None:
    """A refused command wrote nothing anywhere; an answer wrote what it said, and it is sound."""
    written = _paths_in(work) - before
    if code != 0:
        assert not written, f"exit {code} but wrote {sorted(written)}: {argv}"
        return
    if argv[0] == "import":
        loaded = catalog.load(_given(argv, "--output")[-1], sections=("programs",))
        assert len(loaded.programs) > 0
    if argv[0] == "export":
        written_to = Path(_given(argv, "--output")[-1])
        if "--tabular" in argv:
            json.loads((written_to / "datapackage.json").read_text(encoding="utf-8"))
        else:
            json.loads(written_to.read_text(encoding="utf-8"))
    if argv[0] in {"find", "estimate"} and "--json" in argv:
        json.loads(out)


@fuzz(long=100)
@pytest.mark.parametrize("command", sorted(REQUIRED))
@given(data=st.data())
def test_hostile_options_get_an_answer_or_one_clear_message(
    work: Path, command: str, data: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    if command == "handout":
        _case_file(work, data)
    if command.startswith("import"):
        _import_file(work, command.split()[1], data)
    argv = command_line(work, command, data)
    before_data = digest(work / "data")
    before_out = _paths_in(work)
    try:
        code, out, err = run_in_process(argv, capsys)
        assert_answer_or_one_message(argv, code, out, err)
        assert digest(work / "data") == before_data, f"the data folder changed: {argv}"
        _check_outputs(work, argv, code, out, before_out)
    finally:
        for made in sorted(_paths_in(work) - before_out, reverse=True):
            shutil.rmtree(made) if Path(made).is_dir() else Path(made).unlink(missing_ok=True)


@fuzz(long=30, bounded=2)
@given(data=st.data(), command=st.sampled_from(["estimate", "find"]))
def test_a_real_process_exits_with_an_answer_or_one_clear_message(
    work: Path, command: str, data: Any
) -> None:
    argv = command_line(work, command, data)
    # No shell or launcher can pass a NUL byte in an argument (execve takes C strings), so
    # such a command line never reaches carenav; the in-process test above still sends it.
    assume(not any("\x00" in arg for arg in argv))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "carenav.cli", *argv],
            capture_output=True,
            text=True,
            timeout=300,
            errors="replace",
        )
    except BaseException:
        record(SURFACE, "traceback")
        raise
    record(SURFACE, "answer" if done.returncode == 0 else "message")
    assert "Traceback" not in done.stderr, done.stderr
    assert_answer_or_one_message(argv, done.returncode, done.stdout, done.stderr)
