"""The core's settings: defaults overridable per book (``accountcore config set core.NAME``)."""

from attrs import frozen

from .._model import Tier
from ..hookspecs import hookimpl
from ..settings_fields import days, fraction

__all__ = ["CoreSettings", "register_settings"]


@frozen
class CoreSettings:
    """Defaults of the core, overridable per book (``accountcore config set core.NAME``)."""

    # Return-visit interval by tier, in days (docs/domain/core.md).
    visit_days_vip: int = 30
    visit_days_a: int = 60
    visit_days_b: int = 90
    visit_days_c: int = 180
    # Days allowed to reply to a complaint, by severity.
    complaint_days_high: int = 1
    complaint_days_medium: int = 3
    complaint_days_low: int = 7
    # A manager whose month-to-date pace is under this share of target is flagged.
    visit_pace_warning: float = fraction(0.8)
    # Plugins not loaded for any command on this book (entry-point or distribution
    # names); `accountcore plugins disable NAME` and `plugins enable NAME` keep it.
    disabled_plugins: tuple[str, ...] = ()
    # core.birthday: by phone for these tiers, by SMS for the others; a batch that did
    # not run on the day still makes the action up to this many days late [A].
    birthday_phone_tiers: tuple[Tier, ...] = (Tier.VIP, Tier.A)
    birthday_late_days: int = days(7, minimum=0)
    # core.recent-complaint: a complaint not yet replied, or opened within these days.
    recent_complaint_days: int = days(90)
    weight_recent_complaint: float = fraction(0.15)
    # `audit log` flags a write whose claimed date (--today) is more than this many days
    # away from the real date of the write (a back-dated visit, say).
    claimed_date_days: int = days(3)


@hookimpl
def register_settings():
    """The core's settings class."""
    return CoreSettings
