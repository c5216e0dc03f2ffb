"""The client's total for every program in a DataFrame at once, in whole cents, equal to the ledger.

No Python loop over programs: within one plan year every unit of a program costs the
same allowed amount, so the deductible, copay, coinsurance, day limit and
out-of-pocket maximum have a closed form per program, computed with numpy over all
rows. The only loop is over plan years in the estimate (one to three).

Rounding: the same rule as the ledger (`round_cents`: halves away from zero), applied
once per unit where a percentage is applied, done exactly on int64 cents as
(2 * cents * numerator + denominator) // (2 * denominator) for a share
numerator/denominator.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta
from decimal import Decimal

import numpy as np
import numpy.typing as npt
import pandas as pd

from carenav.costs.engine import check_accumulators, opening_accumulators
from carenav.costs.fallback import ledger_totals, needs_ledger
from carenav.costs.rules import year_terms
from carenav.costs.terms import (
    YearTerms,
    plan_year_start,
    plan_years,
    self_pay_share,
)
from carenav.errors import InputError
from carenav.models.billing import ProgramBilling
from carenav.models.coverage import (
    Accumulators,
    CommercialPlan,
    CoveragePlan,
    EstimateInputs,
    OriginalMedicarePlan,
    SelfPayPlan,
)
from carenav.models.reference import ReferenceTables

Cents = npt.NDArray[np.int64]
REQUIRED_COLUMNS = (
    "program_id",
    "weekday_mask",
    "in_network_cents",
    "charge_cents",
    "cash_price_cents",
)
PPM = 1_000_000
NO_LIMIT = 10**9


def _ratio(share: Decimal) -> tuple[int, int]:
    numerator, denominator = share.as_integer_ratio()
    return numerator, denominator


def _round_share(cents: Cents, numerator: int | Cents, denominator: int) -> Cents:
    """round_cents(cents * share) for share = numerator / denominator, exactly, for cents >= 0."""
    biggest = int(cents.max(initial=0)) * int(np.max(numerator, initial=0)) * 2 + denominator
    if biggest < 2**62:
        return (2 * cents * numerator + denominator) // (2 * denominator)
    # Very fine shares: Python integers (slow but exact) rather than overflow.
    wide = (2 * cents.astype(object) * numerator + denominator) // (2 * denominator)
    return wide.astype(np.int64)


def _cost_per_unit(allowed: Cents, terms: YearTerms) -> Cents:
    """Copay then coinsurance on an allowed amount with no deductible left."""
    copay = np.minimum(_cents(terms.copay), allowed)
    numerator, denominator = _ratio(terms.coinsurance)
    coinsurance = _round_share(allowed - copay, numerator, denominator)
    if terms.coinsurance_cap is not None:
        coinsurance = np.minimum(coinsurance, _cents(terms.coinsurance_cap))
    return copay + coinsurance


def _cents(amount: Decimal) -> int:
    return int(amount * 100)


def _weekday_counts(first: date, stop: date) -> npt.NDArray[np.int64]:
    """How many Mondays, Tuesdays, ... Sundays fall in [first, stop)."""
    counts = np.zeros(7, dtype=np.int64)
    days = (stop - first).days
    full, extra = divmod(days, 7)
    counts += full
    for offset in range(extra):
        counts[(first + timedelta(days=offset)).weekday()] += 1
    return counts


def _prices(
    frame: pd.DataFrame, plan: CoveragePlan, inputs: EstimateInputs, default_share: Decimal
) -> tuple[Cents, Cents, Cents, npt.NDArray[np.bool_], str]:
    """Allowed, balance bill and uncovered price per unit in cents, which rows lack one, and why."""

    def column(name: str) -> tuple[Cents, npt.NDArray[np.bool_]]:
        values = frame[name].astype("Int64")
        numbers = np.asarray(values.fillna(0), dtype=np.int64)
        return numbers, values.isna().to_numpy(dtype=np.bool_)

    zeros = np.zeros(len(frame), dtype=np.int64)
    if isinstance(plan, SelfPayPlan):
        cash, cash_missing = column("cash_price_cents")
        charge, charge_missing = column("charge_cents")
        price = np.where(cash_missing, charge, cash)
        numerator, denominator = _ratio(default_share)
        discounted = _round_share(price, numerator, denominator)
        if "sliding_scale_pays_ppm" in frame:
            ppm, ppm_missing = column("sliding_scale_pays_ppm")
            discounted = np.where(ppm_missing, discounted, _round_share(price, ppm, PPM))
        return (
            discounted,
            zeros,
            discounted,
            cash_missing & charge_missing,
            "no cash price or charge",
        )
    if isinstance(plan, CommercialPlan) and inputs.network == "out":
        charge, missing = column("charge_cents")
        tier = plan.out_of_network
        if tier is None:
            return zeros, zeros, charge, missing, "no billed charge"
        if tier.allowed_percent_of_charge is not None:
            numerator, denominator = _ratio(tier.allowed_percent_of_charge)
            allowed = _round_share(charge, numerator, denominator)
        else:
            assert tier.allowed_per_unit is not None
            allowed = np.minimum(_cents(tier.allowed_per_unit), charge)
        balance = charge - allowed if tier.balance_billing else zeros
        return allowed, balance, charge, missing, "no billed charge"
    rate, missing = column("in_network_cents")
    return rate, zeros, rate, missing, f"no rate for the plan '{plan.id}'"


def estimate_totals(
    programs: pd.DataFrame, plan: CoveragePlan, inputs: EstimateInputs, reference: ReferenceTables
) -> pd.DataFrame:
    """The client's total and the plan's share for every program, for one client and plan.

    `programs` has one row per program, with these columns:
      - program_id (str)
      - weekday_mask (int): the days it meets, bit 0 Monday ... bit 6 Sunday (Mon+Wed+Fri = 21)
      - in_network_cents (Int64): the plan's rate per unit for THIS plan (also Medicare's
        approved amount and Medicaid's rate), NA when not known
      - charge_cents (Int64): billed charge per unit, NA when not known
      - cash_price_cents (Int64): self-pay price per unit, NA when not known
      - level (str, optional): ASAM level, for day limits; default inputs.level
      - medicare_setting (str, optional): where the program bills Medicare (hopd, fqhc, ...);
        used under Original Medicare when the estimate names no setting
      - sliding_scale_pays_ppm (Int64, optional): self-pay only: the share of the cash price
        this household pays on the program's own scale, in millionths; NA = the plan's scale
    `program_frame` builds such a frame from ProgramBilling models.

    Returns a frame with the same index: program_id, units (meeting days in the
    estimate), client_cents and plan_pays_cents (Int64; NA when a price is missing) and
    missing (why a total is NA; "" otherwise). Equal to `estimate(...)` to the cent.

    Rules with no closed form here (see `carenav.costs.fallback.needs_ledger`) are
    computed by the per-program ledger, row by row: exact, but far slower.
    """
    absent = [name for name in REQUIRED_COLUMNS if name not in programs]
    if absent:
        raise InputError(
            "programs",
            f"the frame lacks the column(s) {', '.join(absent)}",
            "the documented columns",
        )
    check_accumulators(plan, inputs, reference)
    if isinstance(plan, OriginalMedicarePlan) and inputs.medicare_setting is None:
        by_setting = _by_program_setting(programs, plan, inputs, reference)
        if by_setting is not None:
            return by_setting
    end = inputs.start + timedelta(days=7 * inputs.weeks)
    segments = plan_years(plan, inputs.start, end)
    all_terms = [
        year_terms(plan, plan_year_start(plan, first), inputs, reference, inputs.medicare_setting)
        for first, _ in segments
    ]
    if any(needs_ledger(terms) for terms in all_terms):
        return ledger_totals(programs, plan, inputs, reference)
    first_opening, _ = opening_accumulators(
        plan, inputs, dict(zip([f for f, _ in segments], all_terms, strict=True))
    )
    default_share = Decimal(1)
    if isinstance(plan, SelfPayPlan):
        tiers = reference.sliding_scale(plan.sliding_scale).tiers
        default_share, _ = self_pay_share(tiers, inputs.household, inputs.start, reference)
    allowed, balance, uncovered, missing, reason = _prices(programs, plan, inputs, default_share)
    mask = programs["weekday_mask"].to_numpy(dtype=np.int64)
    bits = (mask[:, None] >> np.arange(7, dtype=np.int64)) & 1
    n = len(programs)
    total_units = np.zeros(n, dtype=np.int64)
    client = np.zeros(n, dtype=np.int64)
    plan_pays = np.zeros(n, dtype=np.int64)
    for index, ((first, stop), terms) in enumerate(zip(segments, all_terms, strict=True)):
        units = bits @ _weekday_counts(first, stop)
        total_units += units
        opening = first_opening if index == 0 else None
        limit = _limits(plan, terms, programs)
        year_client, year_plan = _year(units, allowed, balance, uncovered, terms, opening, limit)
        client += year_client
        plan_pays += year_plan
    result = pd.DataFrame(
        {
            "program_id": programs["program_id"].to_numpy(),
            "units": total_units,
            "client_cents": pd.array(client, dtype="Int64"),
            "plan_pays_cents": pd.array(plan_pays, dtype="Int64"),
            "missing": np.where(missing, reason, ""),
        },
        index=programs.index,
    )
    result.loc[missing, ["client_cents", "plan_pays_cents"]] = pd.NA
    return result


def _by_program_setting(
    programs: pd.DataFrame,
    plan: CoveragePlan,
    inputs: EstimateInputs,
    reference: ReferenceTables,
) -> pd.DataFrame | None:
    """Original Medicare over programs that bill from different settings: one pass per setting."""
    if "medicare_setting" not in programs or programs["medicare_setting"].isna().all():
        return None
    settings = (
        programs["medicare_setting"].astype(object).where(programs["medicare_setting"].notna(), "")
    )
    parts = [
        estimate_totals(
            rows.drop(columns="medicare_setting"),
            plan,
            inputs.model_copy(update={"medicare_setting": value or None}),
            reference,
        )
        for value, rows in programs.groupby(settings, sort=False)
    ]
    return pd.concat(parts).loc[programs.index]


def _limits(plan: CoveragePlan, terms: YearTerms, programs: pd.DataFrame) -> Cents | None:
    """Units the plan covers per row in a plan year (before days already used); None = no limit."""
    if "level" not in programs or not isinstance(plan, CommercialPlan):
        return None if terms.limit is None else np.full(len(programs), terms.limit, dtype=np.int64)
    year_plan = plan.for_year(terms.first_day)  # this plan year's own limits
    caps = {rule.level: rule.units_per_plan_year for rule in year_plan.limits}
    if not caps:
        return None
    mapped = programs["level"].astype(str).map(caps).fillna(NO_LIMIT)
    limits: Cents = np.asarray(mapped, dtype=np.int64)
    return limits


def _cost_sharing(
    covered: Cents, allowed: Cents, deductible_left: int, terms: YearTerms
) -> tuple[Cents, Cents]:
    """Deductible, copay and coinsurance over `covered` units before any maximum, and the deductible part.

    The deductible takes whole units' allowed amounts (q of them), then the remainder of
    one unit, whose rest goes through copay and coinsurance; every later unit costs the
    same copay and coinsurance.
    """
    per_unit = _cost_per_unit(allowed, terms)
    if terms.copay_before_deductible:
        return covered * per_unit, np.zeros_like(covered)
    safe = np.where(allowed > 0, allowed, 1)
    whole = deductible_left // safe
    rest = deductible_left - whole * safe
    partial = rest + _cost_per_unit(safe - rest, terms)
    beyond = np.where(
        rest > 0, partial + (covered - whole - 1) * per_unit, (covered - whole) * per_unit
    )
    share = np.where(covered <= whole, covered * allowed, whole * allowed + beyond)
    share = np.where(allowed > 0, share, 0)
    return share, np.minimum(deductible_left, covered * allowed)


def _year(
    units: Cents,
    allowed: Cents,
    balance: Cents,
    uncovered: Cents,
    terms: YearTerms,
    opening: Accumulators | None,
    limit: Cents | None,
) -> tuple[Cents, Cents]:
    """Client and plan totals in one plan year; `opening` holds what was met before the estimate."""
    if not terms.covered:
        return units * uncovered, np.zeros_like(units)
    met = opening or Accumulators()
    covered = units if limit is None else np.minimum(units, np.maximum(limit - met.days_used, 0))
    share, deductible_part = _cost_sharing(
        covered, allowed, _cents(terms.deductible - met.deductible_met), terms
    )
    if terms.out_of_pocket_max is not None:
        share = np.minimum(share, _cents(terms.out_of_pocket_max - met.out_of_pocket_met))
    client_share = share
    nothing_owed = terms.client_copay_instead is not None  # full dual, $0 Medicaid copay
    if nothing_owed or not (
        terms.client_pays_deductible or terms.client_pays_coinsurance or terms.client_pays_copay
    ):
        client_share = np.zeros_like(share)  # a QMB owes none of Medicare's cost sharing
    elif not (terms.client_pays_deductible and terms.client_pays_coinsurance):
        # Medigap (Original Medicare has no maximum, so nothing above was capped).
        client_share = np.where(terms.client_pays_deductible, deductible_part, 0) + np.where(
            terms.client_pays_coinsurance, share - deductible_part, 0
        )
    client = client_share + covered * balance + (units - covered) * uncovered
    return client, covered * allowed - client_share


def weekday_mask(billing: ProgramBilling) -> int:
    """The program's meeting days as bits: Monday 1, Tuesday 2, ... Sunday 64."""
    return sum(1 << day.index for day in billing.meeting_days)


def program_frame(
    programs: Mapping[str, ProgramBilling],
    plan: CoveragePlan,
    inputs: EstimateInputs,
    reference: ReferenceTables,
    levels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The input frame of `estimate_totals` for programs given as models (rates for `plan`)."""

    def cents(amount: Decimal | None) -> int | None:
        return None if amount is None else _cents(amount)

    rows = []
    for program_id, billing in programs.items():
        row: dict[str, object] = {
            "program_id": program_id,
            "weekday_mask": weekday_mask(billing),
            "in_network_cents": cents(billing.in_network_rates.get(plan.id)),
            "charge_cents": cents(billing.charge),
            "cash_price_cents": cents(billing.cash_price),
            "level": (levels or {}).get(program_id, inputs.level),
            "sliding_scale_pays_ppm": None,
            "medicare_setting": billing.medicare_setting,
        }
        if isinstance(plan, SelfPayPlan) and billing.sliding_scale and inputs.household:
            share, _ = self_pay_share(
                billing.sliding_scale, inputs.household, inputs.start, reference
            )
            millionths = share * PPM
            if millionths != millionths.to_integral_value():
                raise InputError(
                    "sliding scale",
                    f"the share {share} is finer than a millionth",
                    "a share like 0.25",
                )
            row["sliding_scale_pays_ppm"] = int(millionths)
        rows.append(row)
    frame = pd.DataFrame(
        rows, columns=[*REQUIRED_COLUMNS, "level", "sliding_scale_pays_ppm", "medicare_setting"]
    )
    for name in ("in_network_cents", "charge_cents", "cash_price_cents", "sliding_scale_pays_ppm"):
        frame[name] = frame[name].astype("Int64")
    return frame
