"""The wealth product catalogue (domain notes, wealth.md, "Products").

Risk levels, qualified-only flags, minimums and the private fund's 24-hour
cooling-off are the domain's. The terms are ours [A]: the domain says only
that products with a term get an end date (maturity), so we give a term to
the products that usually have one (fixed income 12 months, trust 24, private
fund 36, annuity 120) and none to cash, mixed and equity products, which are
taken as open-ended.
"""

from accountcore import Product, ProductRisk

from .settings import WealthSettings

__all__ = ["INDUSTRY", "products"]

INDUSTRY = "wealth"

# The minimums and the cooling-off come from the settings' defaults, so the
# catalogue and the rules share one value (a firm's own settings are for the
# rules: register_products is not told them).
_DEFAULTS = WealthSettings()


def products() -> list[Product]:
    """Every product the wealth plugin offers, from the lowest risk to the highest."""
    return [
        Product(
            code="wealth.cash",
            name="Cash management",
            industry=INDUSTRY,
            category="cash",
            risk_level=ProductRisk.R1,
        ),
        Product(
            code="wealth.fixed-income",
            name="Fixed-income wealth product",
            industry=INDUSTRY,
            category="fixed-income",
            risk_level=ProductRisk.R2,
            term_months=12,
        ),
        Product(
            code="wealth.mixed",
            name="Mixed wealth product",
            industry=INDUSTRY,
            category="mixed",
            risk_level=ProductRisk.R3,
        ),
        Product(
            code="wealth.equity",
            name="Equity wealth product",
            industry=INDUSTRY,
            category="equity",
            risk_level=ProductRisk.R4,
        ),
        Product(
            code="wealth.insurance.annuity",
            name="Annuity insurance",
            industry=INDUSTRY,
            category="insurance",
            risk_level=ProductRisk.R2,
            term_months=120,
        ),
        Product(
            code="wealth.trust",
            name="Collective trust plan",
            industry=INDUSTRY,
            category="trust",
            risk_level=ProductRisk.R4,
            term_months=24,
            minimum_amount=_DEFAULTS.trust_minimum_amount,
            qualified_only=True,
        ),
        Product(
            code="wealth.private-fund",
            name="Private fund",
            industry=INDUSTRY,
            category="private-fund",
            risk_level=ProductRisk.R5,
            term_months=36,
            minimum_amount=_DEFAULTS.private_fund_minimum_amount,
            qualified_only=True,
            details={"cooling_off_hours": _DEFAULTS.cooling_off_hours},
        ),
    ]
