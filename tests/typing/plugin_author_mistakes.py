"""Mistakes a plugin author may make: mypy must flag each line marked ``# error``."""

from __future__ import annotations

from accountcore import CustomerKind, CustomerSelection, Finding, Severity, Tier

CustomerSelection(kinds={"corporate"})  # error
CustomerSelection(tiers={CustomerKind.CORPORATE})  # error
CustomerSelection(kinds={Tier.VIP})  # error
Finding("example.limit", "block", "above the limit")  # error
Finding("example.limit", Severity.BLOCK, 42)  # error
