"""The client's handout: plain words, this client's facts, the estimate's own figures, in two languages."""

from __future__ import annotations

import html
import json
import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from carenav import catalog, cli
from carenav.casework import case_facts, level_at, program_cost
from carenav.catalog import Catalog
from carenav.io.case_file import read_case
from carenav.models.base import dollars
from carenav.models.case import ClientCase
from carenav.present.handout import handout_html
from carenav.present.i18n import EXTRACT_KEYWORDS, po_path

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "docs" / "example-case.json"
PRESENT = REPO / "src" / "carenav" / "present"
TODAY = date(2026, 2, 20)


@pytest.fixture(scope="module")
def data() -> Catalog:
    return catalog.load(sections=("reference", "payers", "programs", "rules"))


@pytest.fixture(scope="module")
def case(data: Catalog) -> ClientCase:
    return read_case(EXAMPLE.read_bytes(), data)


def _text(page: str) -> str:
    page = re.sub(r"<style>.*?</style>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _handout(case: ClientCase, data: Catalog, language: str = "en", name: str | None = None) -> str:
    return _text(handout_html(case_facts(case, data, TODAY), data.payers, language, name))


def _messages() -> list[tuple[str, ...]]:
    found = []
    for _file, _line, message, _comments, _context in extract_from_dir(
        PRESENT, keywords=EXTRACT_KEYWORDS, comment_tags=()
    ):
        found.append(message if isinstance(message, tuple) else (message,))
    return found


def test_the_handout_has_strings_to_translate_and_every_one_has_a_spanish_translation() -> None:
    messages = _messages()
    assert len(messages) > 80
    with po_path("es").open("rb") as po:
        spanish = read_po(po, locale="es")
    untranslated = []
    for message in messages:
        key = message if len(message) > 1 else message[0]
        entry = spanish.get(key)
        strings = (
            ()
            if entry is None
            else (entry.string if isinstance(entry.string, tuple) else (entry.string,))
        )
        if entry is None or "fuzzy" in entry.flags or not all(strings):
            untranslated.append(message[0])
            continue
        for source, translated in zip(message * 2, strings, strict=False):
            assert set(re.findall(r"{\w+}", source)) == set(re.findall(r"{\w+}", translated)), (
                f"placeholders differ: {source!r} -> {translated!r}"
            )
    assert not untranslated, f"translate these in {po_path('es')} (make messages): {untranslated}"


def test_the_spanish_catalog_uses_spanish_plural_rules() -> None:
    with po_path("es").open("rb") as po:
        spanish = read_po(po, locale="es")
    assert spanish.plural_forms == "nplurals=2; plural=(n != 1);"


def test_the_handout_gives_each_program_phone_address_cost_and_the_crisis_lines(
    case: ClientCase, data: Catalog
) -> None:
    text = _handout(case, data)
    for program_id in case.chosen_programs:
        program = data.programs.program(program_id)
        assert (program.intake_phone or program.phone) in text
        assert program.address.one_line() in text
        assert program.name in text
    assert "Call or text 988" in text and "call 911" in text
    assert "A clinician makes the final decision" in text
    assert "about $896 over 8 weeks (8 sessions)" in text
    assert (
        "On the first day, bring: your insurance card, a photo ID, your medications, in their original containers"
        in text
    )


def test_the_handout_shows_no_ids_no_rounding_rules_and_explains_every_cost_term(
    case: ClientCase, data: Catalog
) -> None:
    text = _handout(case, data)
    for forbidden in [
        *case.chosen_programs,
        "example-ppo-2026",
        "illustrative-sud",
        "round",
        "Allowed",
        "Balance bill",
    ]:
        assert forbidden not in text
    assert (
        "deductible (what you pay each plan year before the plan starts to share the cost)" in text
    )
    assert "coinsurance (your share of each visit's cost" in text
    assert "out-of-pocket maximum (the most you pay in a plan year" in text


def test_the_spanish_handout_is_in_spanish_with_the_same_figures(
    case: ClientCase, data: Catalog
) -> None:
    english = _handout(case, data, "en")
    spanish = _handout(case, data, "es")
    assert "Próximos pasos" in spanish and "Next steps" not in spanish
    assert "Llame o envíe un mensaje de texto al 988" in spanish and "911" in spanish
    assert "20 de febrero de 2026" in spanish
    for amount in ("$896", "$816", "$744", "$1,500", "$5,000"):
        assert amount in english and amount in spanish
    assert "unos $896 en 8 semanas (8 sesiones)" in spanish


def test_a_name_is_printed_only_when_given_and_is_escaped(case: ClientCase, data: Catalog) -> None:
    assert "for " not in _handout(case, data).split("Prepared on")[1][:40]
    page = handout_html(case_facts(case, data, TODAY), data.payers, "en", "<b>Ana</b>")
    assert "&lt;b&gt;Ana&lt;/b&gt;" in page and "<b>Ana</b>" not in page


def test_questions_are_only_those_that_apply_to_this_client(
    case: ClientCase, data: Catalog
) -> None:
    text = _handout(case, data)
    assert "prior authorization (" not in text  # the PPO needs it for IOP and PHP, not outpatient
    assert "pay you back" not in text  # in network: no reimbursement question
    out = _handout(case.changed(coverage={**case.coverage.model_dump(), "network": "out"}), data)
    assert "how much will it pay you back" in out
    assert "balance bill (what an out-of-network program may charge you" in out


def test_prior_authorization_is_asked_where_the_plan_requires_it_for_the_level_attended(
    data: Catalog,
) -> None:
    case = ClientCase.model_validate(
        {
            **json.loads(EXAMPLE.read_text()),
            "shortlist": ["pinecone-row-php"],
            "chosen_programs": [],
            "level_of_care": {"decision": {"chosen_level": "2.5"}},
        }
    )
    text = _handout(case, data)
    assert "this care needs prior authorization (the plan's approval" in text


def test_each_program_is_estimated_at_its_own_level_not_a_default(
    data: Catalog, case: ClientCase
) -> None:
    only_php = data.programs.program("pinecone-row-php")
    assert level_at(only_php, "1") == "2.5"
    both = data.programs.program("yarrow-yard-php")
    assert level_at(both, "2.5") == "2.5"
    php_case = case.changed(level_of_care={"decision": {"chosen_level": "2.5"}})
    cost = program_cost(php_case, both, data, TODAY)
    assert cost.level == "2.5" and cost.ledger is not None and cost.ledger.level == "2.5"


def test_a_program_without_billing_facts_says_so_and_why(data: Catalog, case: ClientCase) -> None:
    no_billing = case.changed(shortlist=["lantern-hill-op"], chosen_programs=[])
    assert (
        program_cost(no_billing, data.programs.program("lantern-hill-op"), data, TODAY).missing
        == "no_billing"
    )
    assert "no estimate: the directory has no prices for this program" in _handout(no_billing, data)
    no_rate = case.changed(shortlist=["maple-lantern-iop"], chosen_programs=[])
    assert "no estimate: the program's price for your plan is not on record" in _handout(
        no_rate, data
    )


def test_the_handout_cost_equals_carenav_estimate_to_the_cent(
    case: ClientCase, data: Catalog, capsys: pytest.CaptureFixture[str]
) -> None:
    facts = case_facts(case, data, TODAY)
    text = _handout(case, data)
    for program in facts.programs:
        ledger = program.cost.ledger
        assert ledger is not None
        argv = [
            "estimate",
            "--plan",
            "example-ppo-2026",
            "--program",
            program.program.id,
            "--level",
            program.cost.level,
            "--start",
            "2026-03-02",
            "--weeks",
            "8",
            "--json",
        ]
        assert cli.main(argv) == 0
        printed = json.loads(capsys.readouterr().out)
        assert Decimal(printed["totals"]["client_pays"]) == ledger.totals.client_pays
        assert f"about {dollars(ledger.totals.client_pays)} over 8 weeks" in text


def test_carenav_handout_writes_the_same_handout_from_a_case_file(
    tmp_path: Path, data: Catalog, case: ClientCase
) -> None:
    out = tmp_path / "handout.html"
    argv = ["handout", str(EXAMPLE), "--lang", "es", "-o", str(out), "--today", TODAY.isoformat()]
    assert cli.main(argv) == 0
    assert out.read_text(encoding="utf-8") == handout_html(
        case_facts(case, data, TODAY), data.payers, "es"
    )


def test_carenav_handout_refuses_a_broken_case_file_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "client.json"
    broken.write_text('{"schema_version": 7}', encoding="utf-8")
    assert cli.main(["handout", str(broken)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith(
        "The case file could not be opened: client.json, field schema_version: is 7"
    )
    assert "\n" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Suggested by: {name}, version 1.0 (2026-11), illustrative — a clinician decides."),
        ("es", "Sugerido por: {name}, versión 1.0 (2026-11), reglas de ejemplo — decide un"),
    ],
)
def test_the_handout_names_the_rule_set_and_the_version_that_suggested_the_level(
    case: ClientCase, data: Catalog, language: str, words: str
) -> None:
    name = data.rule_set("illustrative-sud").name
    assert words.format(name=name) in _handout(case, data, language)


def test_the_handout_names_the_version_the_case_recorded_not_a_newer_one(
    case: ClientCase, data: Catalog
) -> None:
    older = case.changed(
        level_of_care={**case.level_of_care.model_dump(), "rule_set_version": "0.9 (2026-06)"}
    )
    assert "version 0.9 (2026-06), illustrative" in _handout(older, data)


def test_the_handout_names_no_rule_set_before_a_level_is_suggested(data: Catalog) -> None:
    bare = ClientCase(level_of_care={"rule_set_id": "illustrative-sud"})
    text = _handout(bare, data)
    assert "No level of care has been suggested yet." in text
    assert "Suggested by" not in text


def _medicare_case(status: str) -> ClientCase:
    return ClientCase.model_validate(
        {
            **json.loads(EXAMPLE.read_text()),
            "coverage": {"plan_id": "medicare-part-b-2026", "dual": {"status": status}},
            "shortlist": ["puffin-point-iop"],
            "chosen_programs": [],
            "level_of_care": {"decision": {"chosen_level": "2.1"}},
        }
    )


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "As a Qualified Medicare Beneficiary (QMB) you owe none of Medicare's deductible"),
        ("es", "Como Beneficiario Calificado de Medicare (QMB), usted no debe nada"),
    ],
)
def test_a_qmb_client_is_told_of_the_billing_protection_and_owes_nothing(
    data: Catalog, language: str, words: str
) -> None:
    qmb = _medicare_case("qmb")
    text = _handout(qmb, data, language)
    assert words in text and "1-800-MEDICARE (1-800-633-4227" in text
    ledger = program_cost(qmb, data.programs.program("puffin-point-iop"), data, TODAY).ledger
    assert ledger is not None and ledger.totals.client_pays == 0
    assert "Estimated cost to you: about $0 over 8 weeks (24 program days)" in _handout(qmb, data)
    assert "finish paying the deductible" not in _handout(qmb, data)  # Medicaid paid it


def test_a_medicare_client_without_qmb_is_not_told_of_the_qmb_protection(data: Catalog) -> None:
    text = _handout(_medicare_case("none"), data)
    assert "QMB" not in text
    assert "Original Medicare Part B: after the yearly Part B deductible" in text
