"""Hostile values: what a typo, a bad export, a browser or an attacker puts where a value goes."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

# Level codes of the right form that the continuum lacks, and other near misses.
UNKNOWN_LEVELS = st.sampled_from(
    ["2.2", "9.9", "3", "0", "2.10", " 2.1 ", "２.１", "IOP", "2,1", "-1", "1e1", ""]
)
UNKNOWN_PLANS = st.sampled_from(
    ["example-ppo-2025", "EXAMPLE-PPO-2026", "ppo", " example-ppo-2026", "../payers/x", ""]
)
UNKNOWN_STATES = st.sampled_from(["ZZ", "XX", "O R", "or ", "ＯＲ", "New York", "N", "USA", "00"])
AWKWARD_TEXT = st.sampled_from(
    [
        "2026-02-30",
        "9999-12-31",
        "0001-01-01",
        "0000-00-00",
        "１５００",
        "９７２０５",
        "1e999999",
        "-0",
        "nan",
        "inf",
        "$1,500",
        "9" * 5000,
        "<script>alert(1)</script>",
        "\x00",
        "\u202e",
        "Mon,Fun",
        " ",
    ]
)

SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    AWKWARD_TEXT,
    UNKNOWN_LEVELS,
    UNKNOWN_PLANS,
    UNKNOWN_STATES,
)
VALUES: st.SearchStrategy[Any] = st.one_of(
    SCALARS,
    st.lists(SCALARS, max_size=3),
    st.dictionaries(st.text(max_size=8), SCALARS, max_size=2),
)


def key_paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path in a parsed document (mapping keys and list items), depth first."""
    found = [prefix] if prefix else []
    if isinstance(data, dict):
        for key, value in data.items():
            found += key_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += key_paths(value, (*prefix, index))
    return found


def set_path(data: Any, path: tuple[Any, ...], value: Any) -> None:
    """Put `value` at `path` in a parsed document, in place."""
    for part in path[:-1]:
        data = data[part]
    data[path[-1]] = value


def drop_path(data: Any, path: tuple[Any, ...]) -> None:
    """Remove the key or list item at `path` in a parsed document, in place."""
    for part in path[:-1]:
        data = data[part]
    del data[path[-1]]


# Damage to a file's bytes, as a bad copy, an editor or a half-finished download leaves it.
DAMAGE = ("truncate", "bad utf-8", "nul byte", "bom", "empty", "crlf", "latin-1 text")


def damaged(content: bytes, damage: str, at: int) -> bytes:
    """`content` with one kind of damage at (or near) byte `at`."""
    cut = at % max(len(content), 1)
    if damage == "truncate":
        return content[:cut]
    if damage == "bad utf-8":
        return content[:cut] + b"\xff\xfe\xc3" + content[cut:]
    if damage == "nul byte":
        return content[:cut] + b"\x00" + content[cut:]
    if damage == "bom":
        return b"\xef\xbb\xbf" + content
    if damage == "empty":
        return b""
    if damage == "crlf":
        return content.replace(b"\n", b"\r\n")
    return content.decode("utf-8").replace("e", "é").encode("latin-1", errors="replace")
