"""The securities profile, product catalogue and settings, against securities.md."""

import datetime
from decimal import Decimal
from importlib.metadata import entry_points

import accountcore_securities
import attrs
import pytest
from accountcore_securities.products import products
from accountcore_securities.profile import InvestorType, SecuritiesProfile
from accountcore_securities.settings import SecuritiesSettings

from accountcore import InvestorRisk, Product, ProductRisk

# The "Profile fields" table of securities.md, in order.
PROFILE_FIELDS = [
    "investor_type",
    "risk_level",
    "lowest_category",
    "questionnaire_date",
    "assets_20d_avg",
    "assets_prev",
    "first_trade_date",
    "last_trade_date",
    "disclosures",
    "kyc_date",
    "research_subscriber",
    "margin_blacklisted",
]

# The "Products" list of securities.md with its risk levels (None where it gives none).
PRODUCT_RISKS = {
    "securities.account": None,
    "securities.fund.money-market": ProductRisk.R1,
    "securities.fund.bond": ProductRisk.R2,
    "securities.fund.mixed": ProductRisk.R3,
    "securities.fund.equity": ProductRisk.R4,
    "securities.structured-note": ProductRisk.R5,
    "securities.star-market": None,
    "securities.chinext": None,
    "securities.bse": None,
    "securities.margin": None,
    "securities.research": None,
}

ACCESS = {
    "securities.star-market": "star-market",
    "securities.chinext": "chinext",
    "securities.bse": "bse",
    "securities.margin": "margin",
}


def test_profile_fields_are_the_domain_table():
    assert [f.name for f in attrs.fields(SecuritiesProfile)] == PROFILE_FIELDS


def test_profile_annotations_are_real_types_for_the_converter():
    for f in attrs.fields(SecuritiesProfile):
        assert not isinstance(f.type, str), f.name
    assert attrs.fields(SecuritiesProfile).disclosures.type == tuple[str, ...]
    assert attrs.fields(SecuritiesProfile).investor_type.type == InvestorType | None


def test_empty_profile_has_no_values_and_no_disclosures():
    profile = SecuritiesProfile()
    assert profile.disclosures == ()
    others = [name for name in PROFILE_FIELDS if name != "disclosures"]
    assert all(getattr(profile, name) is None for name in others)


def test_full_profile_builds():
    profile = SecuritiesProfile(
        investor_type=InvestorType.ORDINARY,
        risk_level=InvestorRisk.C4,
        lowest_category=False,
        questionnaire_date=datetime.date(2024, 11, 2),
        assets_20d_avg=Decimal("620000"),
        assets_prev=Decimal("700000.25"),
        first_trade_date=datetime.date(2019, 3, 18),
        last_trade_date=datetime.date(2025, 10, 31),
        disclosures=("star-market", "margin"),
        kyc_date=datetime.date(2025, 1, 10),
        research_subscriber=True,
        margin_blacklisted=False,
    )
    assert profile.investor_type is InvestorType.ORDINARY
    assert profile.risk_level is InvestorRisk.C4
    assert profile.disclosures == ("star-market", "margin")
    assert profile.assets_prev == Decimal("700000.25")


def test_investor_type_values_are_the_domain_strings():
    assert [t.value for t in InvestorType] == ["ordinary", "professional"]


def test_disclosures_accept_each_known_one_and_become_a_tuple():
    profile = SecuritiesProfile(disclosures=["star-market", "chinext", "bse", "margin"])
    assert profile.disclosures == ("star-market", "chinext", "bse", "margin")
    assert SecuritiesProfile(disclosures="chinext, margin").disclosures == ("chinext", "margin")
    hash(profile)


@pytest.mark.parametrize("bad", [("options",), ("margin", "STAR-market"), ("",)])
def test_disclosures_refuse_unknown(bad):
    with pytest.raises(ValueError, match=r"^disclosures may only hold star-market, chinext"):
        SecuritiesProfile(disclosures=bad)


def test_disclosures_message_names_the_unknown_value():
    with pytest.raises(ValueError) as err:
        SecuritiesProfile(disclosures=("margin", "options"))
    assert str(err.value) == (
        "disclosures may only hold star-market, chinext, bse, margin, got 'options'"
    )


@pytest.mark.parametrize("name", ["assets_20d_avg", "assets_prev"])
def test_assets_not_negative(name):
    with pytest.raises(ValueError, match=rf"^{name} must not be negative, got -5$"):
        SecuritiesProfile(**{name: Decimal("-5")})
    assert getattr(SecuritiesProfile(**{name: Decimal("0")}), name) == Decimal("0")


def test_product_codes_are_the_domain_list():
    assert [p.code for p in products()] == list(PRODUCT_RISKS)


def test_products_belong_to_securities():
    for product in products():
        assert isinstance(product, Product)
        assert product.code.startswith("securities.")
        assert product.industry == "securities"
        assert product.plugin is None
        assert product.name
        assert product.category
        assert not product.qualified_only


def test_risk_levels_are_the_domain_levels():
    assert {p.code: p.risk_level for p in products()} == PRODUCT_RISKS


def test_only_structured_notes_are_professional_only():
    professional = [p.code for p in products() if p.professional_only]
    assert professional == ["securities.structured-note"]


def test_access_products_name_their_disclosure_and_thresholds():
    by_code = {p.code: p for p in products()}
    settings = SecuritiesSettings()
    for code, disclosure in ACCESS.items():
        product = by_code[code]
        assert product.category == "access"
        assert product.details["disclosure"] == disclosure
        assert hasattr(settings, product.details["assets_setting"])
        assert hasattr(settings, product.details["months_setting"])
    assert by_code["securities.margin"].details["min_risk_setting"] == "margin_min_risk"
    assert by_code["securities.star-market"].details["assets_setting"] == "star_market_assets"


def test_settings_defaults_are_the_domain_numbers():
    settings = SecuritiesSettings()
    assert settings.questionnaire_valid_days == 730
    assert settings.kyc_valid_days == 365
    assert settings.lowest_category_max_risk is ProductRisk.R1
    assert settings.high_risk_min is ProductRisk.R4
    assert settings.star_market_assets == Decimal("500000")
    assert settings.star_market_months == 24
    assert settings.chinext_assets == Decimal("100000")
    assert settings.chinext_months == 24
    assert settings.bse_assets == Decimal("500000")
    assert settings.bse_months == 24
    assert settings.margin_assets == Decimal("500000")
    assert settings.margin_months == 6
    assert settings.margin_min_risk is InvestorRisk.C4
    assert settings.research_delivery_weekday == 0
    assert settings.questionnaire_expiry_notice_days == 30
    assert settings.dormant_days == 180
    assert settings.no_trade_days == 90
    assert settings.weight_no_trade == 0.25
    assert settings.assets_drop_ratio == Decimal("0.3")
    assert settings.weight_assets_drop == 0.25
    assert settings.weight_questionnaire_expired == 0.05
    assert settings.margin_visit_days == 30
    assert settings.high_risk_visit_days == 30


def test_settings_annotations_are_real_types():
    for f in attrs.fields(SecuritiesSettings):
        assert not isinstance(f.type, str), f.name


def test_hooks_register_profile_products_and_settings():
    assert accountcore_securities.register_profile() == ("securities", SecuritiesProfile)
    assert accountcore_securities.register_settings() is SecuritiesSettings
    assert [p.code for p in accountcore_securities.register_products()] == list(PRODUCT_RISKS)


def test_entry_point_names_the_module():
    (entry,) = [ep for ep in entry_points(group="accountcore") if ep.name == "securities"]
    assert entry.value == "accountcore_securities"
