"""The telecom profile, product catalogue and settings, against telecom.md."""

import datetime
from decimal import Decimal
from importlib.metadata import entry_points

import accountcore_telecom
import attrs
import pytest
from accountcore_telecom.products import products
from accountcore_telecom.profile import Contract, TelecomProfile
from accountcore_telecom.settings import TelecomSettings

from accountcore import Product, Tier

# The "Profile fields" table of telecom.md, in order.
PROFILE_FIELDS = [
    "msisdn",
    "real_name_verified",
    "plan",
    "contract",
    "contract_end",
    "network_join",
    "monthly_fee",
    "data_gb_prev",
    "data_gb_last",
    "arrears_amount",
    "arrears_since",
    "competitor_contact",
    "lines",
]

# The "Products" list of telecom.md, in order.
PRODUCT_CODES = [
    "telecom.plan.basic",
    "telecom.plan.5g-unlimited",
    "telecom.data.addon",
    "telecom.roaming.international",
    "telecom.card.replacement",
    "telecom.secondary-sim",
    "telecom.family.network",
    "telecom.broadband",
    "telecom.group.vpn",
]


def test_profile_fields_are_the_domain_table():
    assert [f.name for f in attrs.fields(TelecomProfile)] == PROFILE_FIELDS


def test_profile_annotations_are_real_types_for_the_converter():
    for f in attrs.fields(TelecomProfile):
        assert not isinstance(f.type, str), f.name
    assert attrs.fields(TelecomProfile).contract_end.type == datetime.date | None
    assert attrs.fields(TelecomProfile).arrears_amount.type is Decimal


def test_empty_profile_has_no_values_and_no_arrears():
    profile = TelecomProfile()
    assert profile.msisdn is None
    assert profile.real_name_verified is None
    assert profile.contract is None
    assert profile.lines is None
    assert profile.arrears_amount == Decimal("0")


def test_full_profile_builds():
    profile = TelecomProfile(
        msisdn="13800138000",
        real_name_verified=True,
        plan="telecom.plan.basic",
        contract=Contract.TWO_YEAR,
        contract_end=datetime.date(2026, 3, 31),
        network_join=datetime.date(2019, 5, 4),
        monthly_fee=Decimal("58.00"),
        data_gb_prev=Decimal("8.5"),
        data_gb_last=Decimal("13.2"),
        arrears_amount=Decimal("120.50"),
        arrears_since=datetime.date(2025, 10, 15),
        competitor_contact=False,
        lines=2,
    )
    assert profile.msisdn == "13800138000"
    assert profile.contract is Contract.TWO_YEAR
    assert profile.arrears_amount == Decimal("120.50")
    assert profile.lines == 2


def test_contract_values_are_the_domain_strings():
    assert [c.value for c in Contract] == ["month-to-month", "one-year", "two-year"]
    assert Contract("month-to-month") is Contract.MONTH_TO_MONTH


@pytest.mark.parametrize("msisdn", ["13800138000", "19912345678", "+8613800138000", "+12345678"])
def test_msisdn_accepted(msisdn):
    assert TelecomProfile(msisdn=msisdn).msisdn == msisdn


@pytest.mark.parametrize(
    "msisdn",
    [
        "123",
        "23800138000",  # 11 digits, not starting with 1
        "1380013800",  # 10 digits
        "138001380001",  # 12 digits
        "138 0013 8000",
        "+1234567",  # 7 digits
        "+1234567890123456",  # 16 digits
        "+86-138001380",
        "",
    ],
)
def test_msisdn_refused(msisdn):
    with pytest.raises(ValueError, match=r"^msisdn must be 11 digits starting with 1"):
        TelecomProfile(msisdn=msisdn)


def test_msisdn_message_names_the_value():
    with pytest.raises(ValueError) as err:
        TelecomProfile(msisdn="123")
    assert str(err.value) == (
        "msisdn must be 11 digits starting with 1, or + and 8 to 15 digits, got '123'"
    )


@pytest.mark.parametrize("name", ["monthly_fee", "data_gb_prev", "data_gb_last", "arrears_amount"])
def test_amounts_not_negative(name):
    with pytest.raises(ValueError, match=rf"^{name} must not be negative, got -0.01$"):
        TelecomProfile(**{name: Decimal("-0.01")})
    assert getattr(TelecomProfile(**{name: Decimal("0")}), name) == Decimal("0")


def test_lines_not_negative():
    with pytest.raises(ValueError, match=r"^lines must not be negative, got -1$"):
        TelecomProfile(lines=-1)
    assert TelecomProfile(lines=0).lines == 0
    # Above the limit of 5 is a compliance finding, not a bad value.
    assert TelecomProfile(lines=6).lines == 6


def test_product_codes_are_the_domain_list():
    assert [p.code for p in products()] == PRODUCT_CODES


def test_products_belong_to_telecom():
    for product in products():
        assert isinstance(product, Product)
        assert product.code.startswith("telecom.")
        assert product.industry == "telecom"
        assert product.plugin is None
        assert product.name
        assert product.category


def test_telecom_products_carry_no_risk_and_plans_no_term():
    by_code = {p.code: p for p in products()}
    assert all(p.risk_level is None for p in by_code.values())
    assert by_code["telecom.plan.basic"].term_months is None
    assert by_code["telecom.plan.5g-unlimited"].term_months is None


def test_plans_carry_included_data():
    by_code = {p.code: p for p in products()}
    plans = [p for p in by_code.values() if p.category == "plan"]
    assert [p.code for p in plans] == ["telecom.plan.basic", "telecom.plan.5g-unlimited"]
    assert by_code["telecom.plan.basic"].details["included_gb"] == 10
    assert by_code["telecom.plan.5g-unlimited"].details["included_gb"] == 100


def test_settings_defaults_are_the_domain_numbers():
    settings = TelecomSettings()
    assert settings.max_lines_per_id == 5
    assert settings.contract_end_notice_days == 30
    assert settings.contract_end_phone_tiers == (Tier.VIP, Tier.A)
    assert settings.arrears_stages == (1, 15, 30, 60)
    assert settings.anniversary_tiers == (Tier.VIP, Tier.A)
    assert settings.plan_fit_ratio == Decimal("1.2")
    assert settings.contract_end_window_days == 60
    assert settings.weight_contract_end == 0.25
    assert settings.weight_month_to_month == 0.15
    assert settings.data_drop_ratio == Decimal("0.3")
    assert settings.weight_data_drop == 0.20
    assert settings.weight_arrears == 0.10
    assert settings.weight_competitor_contact == 0.25
    assert settings.new_customer_months == 12
    assert settings.weight_new_customer == 0.10
    assert settings.warn_score == 0.5
    assert settings.visit_score == 0.7
    assert settings.retention_visit_days == 3
    assert settings.vip_corporate_visit_days == 14


def test_settings_annotations_are_real_types():
    for f in attrs.fields(TelecomSettings):
        assert not isinstance(f.type, str), f.name


def test_hooks_register_profile_products_and_settings():
    assert accountcore_telecom.register_profile() == ("telecom", TelecomProfile)
    assert accountcore_telecom.register_settings() is TelecomSettings
    assert [p.code for p in accountcore_telecom.register_products()] == PRODUCT_CODES


def test_entry_point_names_the_module():
    (entry,) = [ep for ep in entry_points(group="accountcore") if ep.name == "telecom"]
    assert entry.value == "accountcore_telecom"
