"""The navigator's coverage checklist: for each program on the handout, only what applies to this client.

Prior authorization appears only where the client's plan requires it for the level the
client would attend at that program; a day or session cap only where the plan has one
for that level; out-of-network reimbursement only when the case is estimated out of
network; the QMB billing protection only for a Qualified Medicare Beneficiary. The
navigator works through it before the client calls; the handout asks the same things
in the client's words.
"""

from __future__ import annotations

from collections.abc import Callable

from carenav.casework import CaseFacts, ProgramFacts
from carenav.present.html import escape

HEADING = "Coverage checklist"
NOTHING = "No prior authorization, limit, out-of-network or QMB step applies to this client here."
# Social Security Act §1902(n)(3)(B); CMS MLN Matters SE1128 (the QMB billing prohibition).
QMB = (
    "QMB: the client owes none of Medicare's deductible, coinsurance or copays, at any Medicare "
    "provider (Social Security Act §1902(n)(3)(B)). Confirm the program bills Medicare and "
    "Medicaid and bills the client nothing."
)


def checklist_items(
    f: ProgramFacts, facts: CaseFacts, level_name: Callable[[str], str]
) -> list[str]:
    """The checks that apply to this client at this program, as sentences (plain text)."""
    plan = facts.plan_name or "the plan"
    level = level_name(f.cost.level)
    items = []
    if f.prior_authorization:
        items.append(
            f"Prior authorization: {plan} requires it for {level}. Ask who requests it and how "
            "long approval takes, before the first day."
        )
    if f.session_limit is not None:
        unit = f"{f.session_limit.unit}s"
        used = facts.case.coverage.accumulators.days_used
        left = max(f.session_limit.units_per_plan_year - used, 0)
        items.append(
            f"Limit: {plan} covers up to {f.session_limit.units_per_plan_year} {unit} of {level} "
            f"a plan year; {used} used so far, so {left} left. Ask how to request more."
        )
    if f.out_of_network:
        items.append(
            "Out of network: ask the plan what it reimburses and what forms it needs, and ask the "
            "program whether it will balance bill."
        )
    if f.qmb:
        items.append(QMB)
    return items


def checklist_html(facts: CaseFacts, level_name: Callable[[str], str]) -> str:
    """One list per program on the handout: only the checks that apply, or a line saying none do."""
    if not facts.programs:
        return ""
    blocks = []
    for f in facts.programs:
        items = checklist_items(f, facts, level_name) or [NOTHING]
        listed = "".join(f"<li>{escape(item)}</li>" for item in items)
        blocks.append(f"<h4>{escape(f.program.name)}</h4><ul>{listed}</ul>")
    return (
        f'<section class="carenav-coverage-checklist"><h3>{HEADING}</h3>'
        "<p><small>For you, before the client calls; the plan decides coverage.</small></p>"
        f"{''.join(blocks)}</section>"
    )
