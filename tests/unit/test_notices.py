"""The crisis line and the decision-support notice have one home, carenav.notices."""

from __future__ import annotations

from pathlib import Path

import carenav
from carenav import notices
from carenav.ui.base import CRISIS_LINE, DECISION_SUPPORT

PACKAGE = Path(carenav.__file__).parent


def test_the_stored_template_partial_is_the_one_notices_renders() -> None:
    # If this fails, run `python -m carenav.notices` to rewrite the partial.
    assert notices.PARTIAL.read_text(encoding="utf-8") == notices.template_partial()


def test_the_landing_and_error_pages_include_the_partial_and_type_no_crisis_text() -> None:
    for page in ("tree.html", "error.html"):
        source = (notices.PARTIAL.parent / page).read_text(encoding="utf-8")
        assert '{% include "carenav-notices.html" %}' in source
        assert "988" not in source


def test_the_apps_show_the_same_crisis_line_and_notice() -> None:
    assert notices.CRISIS_HTML in CRISIS_LINE
    assert notices.DECISION_SUPPORT_HTML in DECISION_SUPPORT


# The client's handout words the line for clients, as gettext message ids that its
# translations (present/locale) key on; it is the one other place, on purpose.
TRANSLATED = "present/handout.py"


def test_no_other_module_types_the_crisis_line() -> None:
    typed = [
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*")
        if path.suffix in {".py", ".html", ".j2"}
        and "Call or text" in path.read_text(encoding="utf-8")
    ]
    assert sorted(set(typed) - {TRANSLATED}) == [
        "jupyter_data/voila/templates/carenav/carenav-notices.html",
        "notices.py",
    ]
