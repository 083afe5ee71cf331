"""The securities product catalogue (domain notes, securities.md, "Products").

Funds and structured notes carry the domain's risk levels. The account, the
access products and the research subscription have none in the domain, so
they have none here. Each access product names in ``details`` the risk
disclosure it needs and the settings holding its thresholds, so the rules
read them from one place.
"""

from typing import Any

from accountcore import Product, ProductRisk

__all__ = ["INDUSTRY", "products"]

INDUSTRY = "securities"


def _access(code: str, name: str, disclosure: str, prefix: str, **more: Any) -> Product:
    """An access product needing ``disclosure`` and the ``PREFIX_assets/months`` settings."""
    return Product(
        code=code,
        name=name,
        industry=INDUSTRY,
        category="access",
        details={
            "disclosure": disclosure,
            "assets_setting": f"{prefix}_assets",
            "months_setting": f"{prefix}_months",
            **more,
        },
    )


def products() -> list[Product]:
    """Every product the securities plugin offers, in catalogue order."""
    return [
        Product(
            code="securities.account",
            name="A-share account",
            industry=INDUSTRY,
            category="account",
        ),
        Product(
            code="securities.fund.money-market",
            name="Money-market fund",
            industry=INDUSTRY,
            category="fund",
            risk_level=ProductRisk.R1,
        ),
        Product(
            code="securities.fund.bond",
            name="Bond fund",
            industry=INDUSTRY,
            category="fund",
            risk_level=ProductRisk.R2,
        ),
        Product(
            code="securities.fund.mixed",
            name="Mixed fund",
            industry=INDUSTRY,
            category="fund",
            risk_level=ProductRisk.R3,
        ),
        Product(
            code="securities.fund.equity",
            name="Equity fund",
            industry=INDUSTRY,
            category="fund",
            risk_level=ProductRisk.R4,
        ),
        Product(
            code="securities.structured-note",
            name="Structured note",
            industry=INDUSTRY,
            category="structured-note",
            risk_level=ProductRisk.R5,
            professional_only=True,
        ),
        _access("securities.star-market", "STAR Market access", "star-market", "star_market"),
        _access("securities.chinext", "ChiNext access", "chinext", "chinext"),
        _access("securities.bse", "Beijing Stock Exchange access", "bse", "bse"),
        _access(
            "securities.margin",
            "Margin trading access",
            "margin",
            "margin",
            min_risk_setting="margin_min_risk",
            blacklist_field="margin_blacklisted",
        ),
        Product(
            code="securities.research",
            name="Research report subscription",
            industry=INDUSTRY,
            category="subscription",
        ),
    ]
