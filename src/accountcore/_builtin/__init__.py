"""The core's own rules, registered as the plugin ``core`` through the same hooks as any other.

Each concern has its module: the catalogue of duties (:mod:`.responsibilities`),
the core settings (:mod:`.settings`), the care rule ``core.birthday``
(:mod:`.care`) and the retention signal ``core.recent-complaint``
(:mod:`.retention`), and the features every book gives a learned
retention model (:mod:`.retention_features`). This package is the plugin
object: pluggy finds the hook implementations imported here. The rules are
described in docs/domain/core.md.
"""

from .care import care_due
from .responsibilities import CORE_RESPONSIBILITIES, register_responsibilities
from .retention import retention_signals
from .retention_features import retention_features
from .settings import CoreSettings, register_settings

__all__ = [
    "CORE_RESPONSIBILITIES",
    "CoreSettings",
    "care_due",
    "register_responsibilities",
    "register_settings",
    "retention_features",
    "retention_signals",
]
