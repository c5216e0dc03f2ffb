"""The client's handout: level of care, up to three programs, costs, next steps, in English or Spanish.

One printable HTML document in plain words: every cost term is explained where it is
used, and no id, rounding rule or table of claims appears. The navigator app shows the
same document on the page (printed with the browser) and `carenav handout` writes it
from a case file. A client's name appears only when passed in; it is never stored.
"""

from __future__ import annotations

import html
from datetime import date
from decimal import Decimal
from typing import Any

from carenav.casework import CaseFacts, Fact, ProgramCost, ProgramFacts
from carenav.models.base import dollars
from carenav.models.coverage import (
    CommercialPlan,
    CoveragePlan,
    MedicaidPlan,
    OriginalMedicarePlan,
    SelfPayPlan,
)
from carenav.models.vocabulary import language_name
from carenav.present.handout_style import STYLE
from carenav.present.handout_words import (
    CONDITIONS,
    LANGUAGE_NAMES,
    LEVELS,
    SHORT_LEVELS,
    TERMS,
    WEEKDAYS,
)
from carenav.present.i18n import translations


def escape(value: Any) -> str:
    """Any value as text safe inside HTML (data text is never trusted)."""
    return html.escape("" if value is None else str(value), quote=True)


class Words:
    """The translations of one language, with the handout's formatting helpers."""

    def __init__(self, language: str) -> None:
        self.language = language
        catalog = translations(language)
        self._ = catalog.gettext
        self.n = catalog.ngettext

    def __call__(self, message: str, **values: object) -> str:
        """The message translated, with {placeholders} filled in (values are escaped)."""
        text = escape(self._(message))
        return text.format(**{k: escape(v) for k, v in values.items()}) if values else text

    def raw(self, message: str, **values: str) -> str:
        """Like calling, but the values are HTML already (built from escaped parts)."""
        return escape(self._(message)).format(**values)

    def plural(self, singular: str, plural: str, count: int, **values: object) -> str:
        text = escape(self.n(singular, plural, count))
        return text.format(count=count, **{k: escape(v) for k, v in values.items()})

    def date(self, day: date) -> str:
        from babel.dates import format_date

        return escape(format_date(day, format="long", locale=self.language))

    def term(self, key: str) -> str:
        return escape(self._(TERMS[key]))

    def level(self, code: str, *, short: bool = False) -> str:
        words = (SHORT_LEVELS if short else LEVELS).get(code)
        return escape(self._(words)) if words else self.raw("level {code}", code=escape(code))


def handout_html(
    facts: CaseFacts,
    plans: dict[str, CoveragePlan],
    language: str = "en",
    client_name: str | None = None,
) -> str:
    """The handout as one standalone, printable HTML document (no scripts, nothing fetched)."""
    w = Words(language)
    return (
        f'<!DOCTYPE html><html lang="{escape(language)}"><head><meta charset="utf-8">'
        "<title>" + w("Finding treatment: your next steps") + "</title></head><body>"
        f"{handout_fragment(facts, plans, language, client_name)}</body></html>"
    )


def handout_fragment(
    facts: CaseFacts,
    plans: dict[str, CoveragePlan],
    language: str = "en",
    client_name: str | None = None,
    *,
    with_style: bool = True,
) -> str:
    """The handout as a block of HTML with its own print stylesheet, for a page or a document.

    A page that shows the handout again and again (the navigator) puts `style_block()` on
    the page once and asks for the handout `with_style=False`: a new <style> element on
    each change would make the browser restyle the whole page.
    """
    w = Words(language)
    name = (client_name or "").strip()
    parts = [
        (style_block() if with_style else "")
        + f'<article class="carenav-handout" lang="{escape(language)}">',
        "<h1>" + w("Finding treatment: your next steps") + "</h1>",
        '<p class="carenav-handout-meta">'
        + w.raw("Prepared on {day}", day=w.date(facts.today))
        + (" · " + w("for {name}", name=name[:80]) if name else "")
        + "</p>",
        _crisis(w),
        _level(facts, w),
        _programs(facts, plans, w),
        _how_estimated(facts, plans, w),
        _next_steps(w),
        _data_used(facts, w),
        "</article>",
    ]
    return "".join(parts)


def style_block() -> str:
    """The handout's stylesheet (screen and print) as a <style> element."""
    return f"<style>{STYLE}</style>"


def _crisis(w: Words) -> str:
    return (
        '<p class="carenav-handout-crisis"><strong>'
        + w("In crisis?")
        + "</strong> "
        + w("Call or text 988 (Suicide & Crisis Lifeline), any time, day or night.")
        + " "
        + w("In an emergency, call 911.")
        + "</p>"
    )


def _level(facts: CaseFacts, w: Words) -> str:
    choice = facts.case.level_of_care
    head = "<h2>" + w("Level of care") + "</h2>"
    decides = w(
        "A clinician makes the final decision about your level of care, and your plan decides what it covers."
    )
    if choice.decision is not None:
        body = w.raw(
            "A clinician chose {level}.",
            level=f"<strong>{w.level(choice.decision.chosen_level)}</strong>",
        )
        if choice.suggested_level and choice.suggested_level != choice.decision.chosen_level:
            body += " " + w.raw(
                "The suggestion from your answers was {level}.",
                level=w.level(choice.suggested_level),
            )
    elif choice.suggested_level is not None:
        body = w.raw(
            "Suggested from your answers: {level}.",
            level=f"<strong>{w.level(choice.suggested_level)}</strong>",
        )
    else:
        body = w("No level of care has been suggested yet.")
    return f"<section>{head}<p>{body} {decides}</p>{_suggested_by(facts, w)}</section>"


def _suggested_by(facts: CaseFacts, w: Words) -> str:
    """Which rule set, at which version, made the suggestion: sample rules, not a decision."""
    if facts.rule_set_name is None or facts.case.level_of_care.suggested_level is None:
        return ""
    return (
        '<p class="carenav-handout-rule-set">'
        + w(
            "Suggested by: {rule_set}, version {version}, illustrative — a clinician decides.",
            rule_set=facts.rule_set_name,
            version=facts.rule_set_version or "",
        )
        + "</p>"
    )


def _programs(facts: CaseFacts, plans: dict[str, CoveragePlan], w: Words) -> str:
    if not facts.programs:
        none = w("No program has been chosen yet.")
        return "<section><h2>" + w("Programs") + f"</h2><p>{none}</p></section>"
    intro = w.plural(
        "One program that fits what you told us:",
        "{count} programs that fit what you told us:",
        len(facts.programs),
    )
    blocks = "".join(_program(f, facts, plans, w) for f in facts.programs)
    return "<section><h2>" + w("Programs") + f"</h2><p>{intro}</p>{blocks}</section>"


def _program(f: ProgramFacts, facts: CaseFacts, plans: dict[str, CoveragePlan], w: Words) -> str:
    p = f.program
    phone = p.intake_phone or p.phone
    lines = [
        f"<h3>{escape(p.name)}</h3>",
        '<p class="carenav-handout-contact"><strong>'
        + w("Call admissions:")
        + f"</strong> {escape(phone)} · {escape(p.address.one_line())}"
        + (
            " · " + w("about {miles} miles from you", miles=_miles(f.miles))
            if f.miles is not None
            else ""
        )
        + "</p>",
        f"<p>{_schedule(f, w)}</p>",
    ]
    fits = [_fit(fact, w) for fact in f.fits]
    if fits:
        lines.append("<p><strong>" + w("Why it fits:") + f"</strong> {'; '.join(fits)}.</p>")
    open_items = [_unconfirmed(fact, w) for fact in f.unconfirmed]
    if open_items:
        head = w("Not confirmed, ask the program:")
        lines.append(f"<p><strong>{head}</strong> {'; '.join(open_items)}.</p>")
    lines.append(_cost(f.cost, facts, plans, w))
    questions = _questions(f, w)
    if questions:
        items = "".join(f"<li>{q}</li>" for q in questions)
        lines.append("<p><strong>" + w("Questions to ask:") + f"</strong></p><ul>{items}</ul>")
    return f'<div class="carenav-handout-program">{"".join(lines)}</div>'


def _miles(miles: float) -> str:
    return f"{miles:.1f}".removesuffix(".0")


def _schedule(f: ProgramFacts, w: Words) -> str:
    schedule = f.program.schedule
    parts = [w.raw("Level of care here: {level}", level=w.level(f.cost.level, short=True))]
    if schedule.meeting_days:
        parts.append(
            w.raw(
                "meets {days}",
                days=", ".join(escape(w._(WEEKDAYS[str(d)])) for d in schedule.meeting_days),
            )
        )
    if schedule.evening:
        parts.append(w("evening groups"))
    elif schedule.daytime:
        parts.append(w("daytime groups"))
    hours = schedule.hours_per_session
    if hours:
        parts.append(
            w.plural(
                "sessions of {hours} hour",
                "sessions of {hours} hours",
                1 if hours == 1 else 2,
                hours=f"{hours:g}",
            )
        )
    wait = f.program.wait_days
    if wait is not None:
        parts.append(
            w("no wait for a first appointment")
            if wait == 0
            else w.plural(
                "typical wait for a first appointment: {count} day",
                "typical wait for a first appointment: {count} days",
                wait,
            )
        )
    return "; ".join(parts) + "."


def _fit(fact: Fact, w: Words) -> str:
    if fact.key == "level":
        return w.raw("offers {level}", level=w.level(fact.value, short=True))
    if fact.key == "plan":
        return w("takes {plan}", plan=fact.value)
    if fact.key == "condition":
        return w.raw(
            "treats {condition}", condition=escape(w._(CONDITIONS.get(fact.value, fact.value)))
        )
    if fact.key == "language":
        return w.raw("staff speak {language}", language=_language(fact.value, w))
    if fact.key == "evening":
        return w("evening groups")
    return w("daytime groups")


def _unconfirmed(fact: Fact, w: Words) -> str:
    if fact.key == "plan":
        return w.raw(
            "whether it is {in_network} for {plan}",
            in_network=w.term("in_network"),
            plan=escape(fact.value),
        )
    if fact.key == "condition":
        return w.raw(
            "whether it treats {condition}",
            condition=escape(w._(CONDITIONS.get(fact.value, fact.value))),
        )
    if fact.key == "language":
        return w.raw("whether staff speak {language}", language=_language(fact.value, w))
    if fact.key == "evening":
        return w("whether there are evening groups")
    return w("whether there are daytime groups")


def _language(code: str, w: Words) -> str:
    name = LANGUAGE_NAMES.get(code)
    return escape(w._(name)) if name else escape(language_name(code))


def _cost(cost: ProgramCost, facts: CaseFacts, plans: dict[str, CoveragePlan], w: Words) -> str:
    label = "<strong>" + w("Estimated cost to you:") + "</strong> "
    if cost.ledger is None:
        reason = {
            "no_billing": w(
                "no estimate: the directory has no prices for this program. Ask the program what it charges and what your plan would pay."
            ),
            "no_plan": w("no estimate yet: no insurance plan or way of paying was given."),
            "cannot_estimate": w(
                "no estimate: the program's price for your plan is not on record. Ask your plan and the program what you would pay."
            ),
        }[cost.missing or "cannot_estimate"]
        return f"<p>{label}{reason}</p>"
    ledger = cost.ledger
    weeks = w.plural("{count} week", "{count} weeks", ledger.weeks)
    units = (
        w.plural("{count} session", "{count} sessions", ledger.totals.units)
        if ledger.unit == "session"
        else w.plural("{count} program day", "{count} program days", ledger.totals.units)
    )
    total = w.raw(
        "about {total} over {weeks} ({units}) from {start}.",
        total=f'<strong class="carenav-handout-cost">{escape(dollars(ledger.totals.client_pays))}</strong>',
        weeks=weeks,
        units=units,
        start=w.date(ledger.start),
    )
    moments = []
    for event in ledger.events:
        if event.kind == "plan_year_reset" and event.week is not None:
            moments.append(
                w(
                    "A new plan year starts in week {week}: the deductible and the out-of-pocket maximum start again.",
                    week=event.week,
                )
            )
        # Someone else (Medicaid for a QMB) paid it when the client pays nothing at all.
        if event.kind == "deductible_met" and event.week is not None and ledger.totals.client_pays:
            moments.append(
                w("You would finish paying the deductible in week {week}.", week=event.week)
            )
        if event.kind == "out_of_pocket_max_reached" and event.week is not None:
            moments.append(
                w(
                    "You would reach the out-of-pocket maximum in week {week}; after that the plan pays in full.",
                    week=event.week,
                )
            )
    attend = (
        w("if you attend every session")
        if ledger.unit == "session"
        else w("if you attend every program day")
    )
    main = w("Main assumption:")
    return f"<p>{label}{total} {main} {attend}. {' '.join(moments)}</p>"


def _how_estimated(facts: CaseFacts, plans: dict[str, CoveragePlan], w: Words) -> str:
    """The plan's terms in plain words, once for every program, with what the estimates assume."""
    costed = [f.cost for f in facts.programs if f.cost.ledger is not None]
    if not costed:
        return ""
    plan = _plan_of(facts, plans, costed[0])
    text = _assumption(plan, facts, w) if plan is not None else ""
    return (
        "<section><h2>"
        + w("How the costs were estimated")
        + f'</h2><p class="carenav-handout-assumption">{text} '
        + w(
            "These are estimates, not bills or promises of payment: your plan decides what it pays."
        )
        + "</p></section>"
    )


def _percent(share: Decimal) -> str:
    number = share * 100
    return str(int(number)) if number == int(number) else f"{number:.1f}"


def _plan_of(
    facts: CaseFacts, plans: dict[str, CoveragePlan], cost: ProgramCost
) -> CoveragePlan | None:
    coverage = facts.case.coverage
    if coverage.plan_id is not None:
        return plans.get(coverage.plan_id)
    if coverage.entered_plan is not None:
        return coverage.entered_plan.to_plan(cost.level)
    return None


def _assumption(plan: CoveragePlan, facts: CaseFacts, w: Words) -> str:
    met = facts.case.coverage.accumulators
    if isinstance(plan, CommercialPlan):
        network = facts.case.coverage.network
        tier = plan.tier(network) or plan.in_network
        sharing = []
        if tier.copay_per_unit:
            sharing.append(
                w.raw(
                    "a {copay} of {amount}",
                    copay=w.term("copay"),
                    amount=escape(dollars(tier.copay_per_unit)),
                )
            )
        if tier.coinsurance:
            sharing.append(
                w.raw(
                    "{percent}% {coinsurance}",
                    percent=_percent(tier.coinsurance),
                    coinsurance=w.term("coinsurance"),
                )
            )
        text = w.raw(
            "Your plan, {plan}, {network}: a {deductible} of {amount}, then {sharing}.",
            plan=escape(plan.name)
            if plan.id != "entered-plan"
            else w("as your navigator entered it"),
            network=w.term("in_network" if network == "in" else "out_of_network"),
            deductible=w.term("deductible"),
            amount=escape(dollars(tier.deductible)),
            sharing=w(" and ").join(sharing) if sharing else w("no further share"),
        )
        if tier.out_of_pocket_max is not None:
            text += " " + w.raw(
                "You pay no more than {amount} a plan year: your {term}.",
                amount=escape(dollars(tier.out_of_pocket_max)),
                term=w.term("out_of_pocket_max"),
            )
        if network == "out":
            text += " " + w.raw("The program may also send a {term}.", term=w.term("balance_bill"))
        return (
            text
            + " "
            + w(
                "It assumes {deductible} of the deductible and {oop} toward the maximum are already paid this plan year.",
                deductible=dollars(met.deductible_met),
                oop=dollars(met.out_of_pocket_met),
            )
        )
    if isinstance(plan, OriginalMedicarePlan) and facts.case.coverage.dual.status == "qmb":
        return w(
            "Original Medicare Part B, with Medicaid paying Medicare's cost sharing because you are a Qualified Medicare Beneficiary (QMB)."
        )
    if isinstance(plan, OriginalMedicarePlan):
        return w.raw(
            "Original Medicare Part B: after the yearly Part B {deductible}, you pay the Part B {coinsurance}; it assumes {amount} of this year's deductible is already paid.",
            deductible=w.term("deductible"),
            coinsurance=w.term("coinsurance"),
            amount=escape(dollars(met.deductible_met)),
        )
    if isinstance(plan, MedicaidPlan):
        return w.raw(
            "{state} Medicaid covers this care; any {copay} follows the state's rules.",
            state=escape(plan.state),
            copay=w.term("copay"),
        )
    assert isinstance(plan, SelfPayPlan)
    if facts.case.coverage.household is not None:
        return w.raw(
            "You pay the program's own price, on a {term} when your household qualifies.",
            term=w.term("sliding_scale"),
        )
    return w("You pay the program's own price (no household income was given for a lower price).")


def _questions(f: ProgramFacts, w: Words) -> list[str]:
    """Only the questions that apply to this client at this program."""
    asked = []
    if f.prior_authorization:
        asked.append(
            w.raw(
                "Your plan: this care needs {term}. Who asks for it, and how long does it take?",
                term=w.term("prior_authorization"),
            )
        )
    if f.session_limit is not None:
        limit = f.session_limit
        count = (
            w.plural("{count} session", "{count} sessions", limit.units_per_plan_year)
            if limit.unit == "session"
            else w.plural("{count} day", "{count} days", limit.units_per_plan_year)
        )
        asked.append(
            w.raw(
                "Your plan: it covers up to {count} of this care a plan year. How do you ask for more if you need them?",
                count=count,
            )
        )
    if f.qmb:
        # The QMB billing protection: Social Security Act §1902(n)(3)(B); CMS MLN SE1128.
        asked.append(
            w(
                "The program: will it bill Medicare and Medicaid and take that as payment in full, with nothing billed to you?"
            )
        )
        asked.append(
            w(
                "As a Qualified Medicare Beneficiary (QMB) you owe none of Medicare's deductible, coinsurance or copays. If a provider bills you for them, show your Medicaid or QMB card or notice and ask it to take the bill back; if it does not, call 1-800-MEDICARE (1-800-633-4227, TTY 1-877-486-2048)."
            )
        )
    if f.out_of_network:
        asked.append(
            w(
                "Your plan: how much will it pay you back if you pay the program yourself, and what forms does it need?"
            )
        )
        asked.append(
            w.raw(
                "The program: will it send you a {term}, and can it lower it?",
                term=w.term("balance_bill"),
            )
        )
    return asked


def _next_steps(w: Words) -> str:
    steps = [
        w("Gather your insurance information and any records from doctors or past treatment."),
        w("Call the admissions number of the program you choose."),
        w("Complete the program's assessment (an interview about your needs)."),
        w("Review the treatment plan and the schedule with the program, then choose a start date."),
    ]
    bring = [
        w("your insurance card"),
        w("a photo ID"),
        w("your medications, in their original containers"),
    ]
    ask = w("Ask the program for a written estimate of what you will owe before you start.")
    return (
        "<section><h2>"
        + w("Next steps")
        + "</h2><ol>"
        + "".join(f"<li>{s}</li>" for s in steps)
        + "</ol><p><strong>"
        + w("On the first day, bring:")
        + f"</strong> {', '.join(bring)}.</p><p>{ask}</p></section>"
    )


def _data_used(facts: CaseFacts, w: Words) -> str:
    parts = []
    if facts.directory_checked is not None:
        first, last = facts.directory_checked
        parts.append(
            w.raw(
                "program details from the directory, last checked with the programs between {first} and {last}",
                first=w.date(first),
                last=w.date(last),
            )
            if first != last
            else w.raw(
                "program details from the directory, last checked with the program on {day}",
                day=w.date(first),
            )
        )
    if facts.plan_name:
        parts.append(w("the terms of {plan} as your navigator has them", plan=facts.plan_name))
    elif facts.plan_name == "":
        parts.append(w("the plan terms your navigator entered"))
    if facts.case.level_of_care.rule_set_id is not None:
        parts.append(w("sample placement rules that suggest a level for a clinician to check"))
    used = "; ".join(parts) if parts else w("no directory or plan data")
    check = w("Check every detail with the program and your plan before you start.")
    return (
        '<footer class="carenav-handout-data"><p>'
        + w.raw("This handout uses: {used}.", used=used)
        + f" {check}</p></footer>"
    )
