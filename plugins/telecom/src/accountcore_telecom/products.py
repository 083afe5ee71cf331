"""The telecom product catalogue (domain notes, telecom.md, "Products").

Telecom products carry no risk level and, but for what a contract says, no
term. Plans carry ``included_gb``, the monthly data they include, which the
``telecom.plan-fit`` care rule compares with the data used.
"""

from accountcore import Product

__all__ = ["INDUSTRY", "products"]

INDUSTRY = "telecom"


def products() -> list[Product]:
    """Every product the telecom plugin offers, in catalogue order."""
    return [
        Product(
            code="telecom.plan.basic",
            name="Basic plan",
            industry=INDUSTRY,
            category="plan",
            details={"included_gb": 10},
        ),
        Product(
            code="telecom.plan.5g-unlimited",
            name="5G unlimited plan",
            industry=INDUSTRY,
            category="plan",
            details={"included_gb": 100},
        ),
        Product(
            code="telecom.data.addon",
            name="Data add-on",
            industry=INDUSTRY,
            category="addon",
        ),
        Product(
            code="telecom.roaming.international",
            name="International roaming",
            industry=INDUSTRY,
            category="addon",
        ),
        Product(
            code="telecom.card.replacement",
            name="SIM card replacement",
            industry=INDUSTRY,
            category="service",
        ),
        Product(
            code="telecom.secondary-sim",
            name="Secondary SIM",
            industry=INDUSTRY,
            category="line",
        ),
        Product(
            code="telecom.family.network",
            name="Family network",
            industry=INDUSTRY,
            category="bundle",
        ),
        Product(
            code="telecom.broadband",
            name="Home broadband",
            industry=INDUSTRY,
            category="broadband",
        ),
        Product(
            code="telecom.group.vpn",
            name="Corporate group virtual network",
            industry=INDUSTRY,
            category="corporate",
        ),
    ]
