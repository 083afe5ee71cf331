"""The wealth profile, product catalogue and settings, against wealth.md."""

import datetime
from decimal import Decimal
from importlib.metadata import entry_points

import accountcore_wealth
import attrs
import pytest
from accountcore_wealth.products import products
from accountcore_wealth.profile import WealthProfile
from accountcore_wealth.settings import WealthSettings

from accountcore import InvestorRisk, Product, ProductRisk, Tier

# The "Profile fields" table of wealth.md, in order.
PROFILE_FIELDS = [
    "risk_level",
    "questionnaire_date",
    "investment_years",
    "financial_assets",
    "financial_net_assets",
    "income_avg_3y",
    "aum",
    "aum_prev_quarter",
    "last_contact",
]

# The "Products" list of wealth.md with its risk levels, in order.
PRODUCT_RISKS = {
    "wealth.cash": ProductRisk.R1,
    "wealth.fixed-income": ProductRisk.R2,
    "wealth.mixed": ProductRisk.R3,
    "wealth.equity": ProductRisk.R4,
    "wealth.insurance.annuity": ProductRisk.R2,
    "wealth.trust": ProductRisk.R4,
    "wealth.private-fund": ProductRisk.R5,
}

MONEY_FIELDS = [
    "financial_assets",
    "financial_net_assets",
    "income_avg_3y",
    "aum",
    "aum_prev_quarter",
]


def test_profile_fields_are_the_domain_table():
    assert [f.name for f in attrs.fields(WealthProfile)] == PROFILE_FIELDS


def test_profile_annotations_are_real_types_for_the_converter():
    for f in attrs.fields(WealthProfile):
        assert not isinstance(f.type, str), f.name
    assert attrs.fields(WealthProfile).risk_level.type == InvestorRisk | None
    assert attrs.fields(WealthProfile).aum.type == Decimal | None


def test_empty_profile_has_no_values():
    profile = WealthProfile()
    assert all(getattr(profile, name) is None for name in PROFILE_FIELDS)


def test_full_profile_builds():
    profile = WealthProfile(
        risk_level=InvestorRisk.C4,
        questionnaire_date=datetime.date(2025, 6, 1),
        investment_years=3,
        financial_assets=Decimal("5200000"),
        financial_net_assets=Decimal("4100000.50"),
        income_avg_3y=Decimal("450000"),
        aum=Decimal("1800000"),
        aum_prev_quarter=Decimal("2000000"),
        last_contact=datetime.date(2025, 9, 30),
    )
    assert profile.risk_level is InvestorRisk.C4
    assert profile.risk_level.rank == 4
    assert profile.investment_years == 3
    assert profile.financial_net_assets == Decimal("4100000.50")


@pytest.mark.parametrize("name", MONEY_FIELDS)
def test_money_not_negative(name):
    with pytest.raises(ValueError, match=rf"^{name} must not be negative, got -1$"):
        WealthProfile(**{name: Decimal("-1")})
    assert getattr(WealthProfile(**{name: Decimal("0")}), name) == Decimal("0")


def test_investment_years_not_negative():
    with pytest.raises(ValueError, match=r"^investment_years must not be negative, got -2$"):
        WealthProfile(investment_years=-2)
    assert WealthProfile(investment_years=0).investment_years == 0


def test_product_codes_are_the_domain_list():
    assert [p.code for p in products()] == list(PRODUCT_RISKS)


def test_products_belong_to_wealth():
    for product in products():
        assert isinstance(product, Product)
        assert product.code.startswith("wealth.")
        assert product.industry == "wealth"
        assert product.plugin is None
        assert product.name
        assert product.category


def test_risk_levels_are_the_domain_levels():
    assert {p.code: p.risk_level for p in products()} == PRODUCT_RISKS


def test_qualified_products_and_minimums():
    by_code = {p.code: p for p in products()}
    qualified = sorted(code for code, p in by_code.items() if p.qualified_only)
    assert qualified == ["wealth.private-fund", "wealth.trust"]
    assert by_code["wealth.trust"].minimum_amount == Decimal("1000000")
    assert by_code["wealth.private-fund"].minimum_amount == Decimal("1000000")
    others = [p for code, p in by_code.items() if code not in qualified]
    assert all(p.minimum_amount is None for p in others)
    assert not any(p.professional_only for p in by_code.values())


def test_private_fund_cooling_off_and_terms():
    by_code = {p.code: p for p in products()}
    assert by_code["wealth.private-fund"].details["cooling_off_hours"] == 24
    terms = {code: p.term_months for code, p in by_code.items()}
    assert terms == {
        "wealth.cash": None,
        "wealth.fixed-income": 12,
        "wealth.mixed": None,
        "wealth.equity": None,
        "wealth.insurance.annuity": 120,
        "wealth.trust": 24,
        "wealth.private-fund": 36,
    }


def test_settings_defaults_are_the_domain_numbers():
    settings = WealthSettings()
    assert settings.questionnaire_valid_days == 365
    assert settings.qualified_min_years == 2
    assert settings.qualified_net_assets == Decimal("3000000")
    assert settings.qualified_financial_assets == Decimal("5000000")
    assert settings.qualified_income == Decimal("400000")
    assert settings.private_fund_financial_assets == Decimal("3000000")
    assert settings.private_fund_income == Decimal("500000")
    assert settings.trust_minimum_amount == Decimal("1000000")
    assert settings.private_fund_minimum_amount == Decimal("1000000")
    assert settings.dual_recording_min_risk is ProductRisk.R3
    assert settings.elderly_age == 65
    assert settings.elderly_high_risk_min is ProductRisk.R4
    assert settings.cooling_off_hours == 24
    assert settings.cooling_off_visit_days_after == 1
    assert settings.maturity_notice_days == (30, 7, 1)
    assert settings.maturity_phone_tiers == (Tier.VIP,)
    assert settings.questionnaire_expiry_notice_days == 30
    assert settings.aum_drop_ratio == Decimal("0.2")
    assert settings.weight_aum_drop == 0.30
    assert settings.maturity_window_days == 30
    assert settings.weight_maturity == 0.20
    assert settings.no_contact_days == 180
    assert settings.weight_no_contact == 0.15
    assert settings.weight_questionnaire_expired == 0.05
    assert settings.private_bank_net_assets == Decimal("6000000")
    assert settings.private_bank_visit_days == 30


def test_settings_annotations_are_real_types():
    for f in attrs.fields(WealthSettings):
        assert not isinstance(f.type, str), f.name


def test_hooks_register_profile_products_and_settings():
    assert accountcore_wealth.register_profile() == ("wealth", WealthProfile)
    assert accountcore_wealth.register_settings() is WealthSettings
    assert [p.code for p in accountcore_wealth.register_products()] == list(PRODUCT_RISKS)


def test_entry_point_names_the_module():
    (entry,) = [ep for ep in entry_points(group="accountcore") if ep.name == "wealth"]
    assert entry.value == "accountcore_wealth"
