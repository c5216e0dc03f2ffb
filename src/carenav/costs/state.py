"""The running totals of one plan year and one billed unit, local to one estimate."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

ZERO = Decimal(0)


@dataclass
class YearState:
    """Running totals inside one plan year (local to one estimate; never shared)."""

    deductible_met: Decimal
    out_of_pocket_met: Decimal
    units_used: int
    limit_told: bool = False


@dataclass
class Line:
    """One billed unit, in dollars."""

    charge: Decimal
    allowed: Decimal
    plan_pays: Decimal = ZERO
    deductible: Decimal = ZERO
    copay: Decimal = ZERO
    coinsurance: Decimal = ZERO
    not_covered: Decimal = ZERO
    balance_bill: Decimal = ZERO

    @property
    def client_pays(self) -> Decimal:
        return (
            self.deductible + self.copay + self.coinsurance + self.not_covered + self.balance_bill
        )
