"""The baseline of bench/care.py: the daily care and retention rules as a bare Python loop.

No framework: raw sqlite3, rows as tuples, profiles as the dicts ``json.loads``
makes, dates parsed where a rule needs them, the default settings as
constants. The rules are those of the core and the three plugins (the domain
files), written again here, telecom's retention follow-ups included; the
bench checks that both store the same actions (rule, customer, period,
channel, status, due, expiry, duty, assignee; the messages are shorter here)
and the same retention scores. It reads the book as the store does (keyset
pages of 1,000 customers), reads agreements, complaints and the actions still
due per page, closes the due actions that expired or lapsed (their rule no
longer finds them, or the customer churned), writes a page's new actions and
retention scores in one transaction, without the audit trail.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections import Counter
from decimal import Decimal
from pathlib import Path

__all__ = ["run_bare"]

PAGE = 1000
PHONE_TIERS = ("vip", "a")
FALLBACK = ("phone", "sms", "email", "letter")
ARREARS = (
    (1, "sms", "payment reminder"),
    (15, "phone", "reminder call"),
    (30, "sms", "notice of one-way suspension"),
    (60, "sms", "notice of two-way suspension"),
)
INCLUDED_GB = {"telecom.plan.basic": Decimal(10), "telecom.plan.5g-unlimited": Decimal(100)}
D = dt.timedelta


def _date(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _last_anniversary(date: dt.date, today: dt.date) -> dt.date | None:
    def on(year: int) -> dt.date:
        try:
            return date.replace(year=year)
        except ValueError:
            return dt.date(year, 2, 28)

    occasion = on(today.year)
    if occasion > today:
        occasion = on(today.year - 1)
    return occasion if occasion.year > date.year else None


def _months(start: dt.date, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if end.day < start.day else months


def _month_end(day: dt.date) -> dt.date:
    following = (day.replace(day=28) + D(days=4)).replace(day=1)
    return following - D(days=1)


def _quarter_end(day: dt.date) -> dt.date:
    last = ((day.month - 1) // 3 + 1) * 3
    return _month_end(dt.date(day.year, last, 1))


def _in_force(a: tuple, today: dt.date) -> bool:
    """As ``Agreement.in_force_on``: neither a draft nor terminated, and not past its end."""
    return a[2] not in ("draft", "terminated") and (a[3] is None or _date(a[3]) >= today)


def _tier_channel(tier: str) -> str:
    return "phone" if tier in PHONE_TIERS else "sms"


def _quarter(day: dt.date) -> str:
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def _core(c: tuple, today: dt.date, out: list) -> None:
    cid, name, kind, tier, birthday = c[0], c[1], c[2], c[3], _date(c[5])
    if kind == "corporate" or birthday is None:
        return
    occasion = _last_anniversary(birthday, today)
    if occasion is not None and (today - occasion).days <= 7:
        age = occasion.year - birthday.year
        out.append(
            (
                "core.birthday",
                cid,
                _tier_channel(tier),
                f"Wish {name} a happy birthday ({age} on {occasion})",
                occasion,
                str(occasion.year),
                "care",
                "core",
                occasion + D(days=7),
            )
        )


def _telecom(cid: str, tier: str, p: dict, today: dt.date, out: list) -> None:
    end = _date(p.get("contract_end"))
    if end is not None and end - D(days=30) <= today <= end:
        out.append(
            (
                "telecom.contract-end",
                cid,
                _tier_channel(tier),
                f"Contract ends on {end}: offer the renewal",
                end - D(days=30),
                str(end),
                "care",
                "telecom",
                end,
            )
        )
    amount, since = Decimal(p.get("arrears_amount", "0")), _date(p.get("arrears_since"))
    if amount and since is not None:
        days = (today - since).days
        reached = [stage for stage in ARREARS if days >= stage[0]]
        if reached:
            stage, channel, notice = reached[-1]
            out.append(
                (
                    "telecom.arrears-reminder",
                    cid,
                    channel,
                    f"{amount} owed since {since} ({days} days): {notice}",
                    since + D(days=stage),
                    f"{since}/{stage}d",
                    "arrears-recovery",
                    "telecom",
                    None,
                )
            )
    joined = _date(p.get("network_join"))
    if joined is not None and tier in PHONE_TIERS:
        occasion = _last_anniversary(joined, today)
        if occasion is not None and (today - occasion).days <= 7:
            out.append(
                (
                    "telecom.network-anniversary",
                    cid,
                    "sms",
                    f"{occasion.year - joined.year} years on the network on {occasion}",
                    occasion,
                    str(occasion.year),
                    "care",
                    "telecom",
                    occasion + D(days=7),
                )
            )
    included, used = INCLUDED_GB.get(p.get("plan")), p.get("data_gb_last")
    if included is not None and used is not None and Decimal(used) > included * Decimal("1.2"):
        out.append(
            (
                "telecom.plan-fit",
                cid,
                "sms",
                f"Used {used} GB on a {included} GB plan",
                today,
                f"{today:%Y-%m}",
                "care",
                "telecom",
                _month_end(today),
            )
        )
    if tier == "vip":
        out.append(
            (
                "telecom.vip-invitation",
                cid,
                "phone",
                "Invite to this quarter's activity",
                today,
                _quarter(today),
                "care",
                "telecom",
                _quarter_end(today),
            )
        )
    score = _score([weight for _, weight in _risk(p, "telecom", [], today)])
    if score >= 0.5:
        visit = score >= 0.7
        out.append(
            (
                "telecom.retention-visit" if visit else "telecom.retention-warning",
                cid,
                "visit" if visit else "phone",
                f"Churn score {score:.2f}: " + ("visit by" if visit else "call"),
                today,
                f"{today:%Y-%m}",
                "retention",
                "telecom",
                _month_end(today),
            )
        )


def _expiring(
    rule: str,
    cid: str,
    tier: str,
    answered: dt.date | None,
    valid: int,
    today: dt.date,
    duty: str,
    out: list,
) -> None:
    if answered is None:
        return
    lapses = answered + D(days=valid + 1)
    if lapses - D(days=30) <= today < lapses:
        out.append(
            (
                rule,
                cid,
                _tier_channel(tier),
                f"Questionnaire lapses on {lapses}",
                lapses - D(days=30),
                str(answered),
                duty,
                rule.split(".")[0],
                lapses - D(days=1),
            )
        )


def _wealth(
    cid: str, tier: str, p: dict, agreements: list, today: dt.date, out: list, supervisors: dict
) -> None:
    _expiring(
        "wealth.questionnaire-expiry",
        cid,
        tier,
        _date(p.get("questionnaire_date")),
        365,
        today,
        "suitability-review",
        out,
    )
    if tier == "vip":
        out.append(
            (
                "wealth.vip-review",
                cid,
                "visit",
                "Portfolio review",
                today,
                _quarter(today),
                "care",
                "wealth",
                _quarter_end(today),
            )
        )
    for a in agreements:
        end, signed = _date(a[3]), _date(a[4])
        if not a[1].startswith("wealth.") or not _in_force(a, today):
            continue
        if end is not None and end > today:
            reached = [n for n in (30, 7, 1) if (end - today).days <= n]
            if reached:
                out.append(
                    (
                        "wealth.maturity",
                        cid,
                        "phone" if tier == "vip" else "sms",
                        f"{a[1]} matures on {end}",
                        end - D(days=min(reached)),
                        f"{a[0]}/{min(reached)}d",
                        "care",
                        "wealth",
                        end - D(days=1),
                    )
                )
        if a[1] == "wealth.private-fund" and signed is not None:
            due = signed + D(days=2)
            if due <= today <= due + D(days=30):
                out.append(
                    (
                        "wealth.cooling-off-visit",
                        cid,
                        "phone",
                        "Return visit",
                        due,
                        a[0],
                        "cooling-off-visit",
                        "wealth",
                        due + D(days=30),
                        a[5],  # not by the seller: by his supervisor
                        supervisors.get(a[5]),
                    )
                )


def _star_newly(p: dict, today: dt.date) -> bool:
    assets, first = p.get("assets_20d_avg"), _date(p.get("first_trade_date"))
    if assets is None or first is None or Decimal(assets) < 500000 or _months(first, today) < 24:
        return False
    if "star-market" in p.get("disclosures", ()):
        return False
    prev = p.get("assets_prev")
    return (prev is not None and Decimal(prev) < 500000) or _months(first, today - D(91)) < 24


def _securities(cid: str, tier: str, p: dict, today: dt.date, out: list, eligible: list) -> None:
    if p.get("research_subscriber") is True:
        monday = today - D(days=today.weekday())
        year, week, _ = monday.isocalendar()
        out.append(
            (
                "securities.research-delivery",
                cid,
                "email",
                "Send the research reports",
                monday,
                f"{year}-W{week:02d}",
                "care",
                "securities",
                monday + D(days=6),
            )
        )
    _expiring(
        "securities.questionnaire-expiry",
        cid,
        tier,
        _date(p.get("questionnaire_date")),
        730,
        today,
        "investor-suitability",
        out,
    )
    kyc = _date(p.get("kyc_date"))
    if kyc is not None and today >= kyc + D(days=366):
        out.append(
            (
                "securities.kyc-due",
                cid,
                "phone",
                f"KYC review of {kyc} lapsed",
                kyc + D(days=366),
                str(kyc),
                "kyc-review",
                "securities",
                None,
            )
        )
    last = _date(p.get("last_trade_date"))
    if last is not None and (today - last).days >= 180:
        out.append(
            (
                "securities.dormant",
                cid,
                _tier_channel(tier),
                f"No trade since {last}",
                last + D(days=180),
                str(last),
                "care",
                "securities",
                None,
            )
        )
    if _star_newly(p, today):
        eligible.append((cid, tier))


def _score(weights: list[float]) -> float:
    return min(1.0, round(sum(weights), 4)) if weights else 0.0


def _risk(p: dict, plugin: str, agreements: list, today: dt.date) -> list[tuple[str, float]]:
    """The retention reasons of one profile: (rule, weight) of each indicator found."""
    w: list[tuple[str, float]] = []
    if plugin == "telecom":
        end, joined = _date(p.get("contract_end")), _date(p.get("network_join"))
        prev, last = p.get("data_gb_prev"), p.get("data_gb_last")
        if end is not None and 0 <= (end - today).days <= 60:
            w.append(("telecom.contract-ending", 0.25))
        if p.get("contract") == "month-to-month":
            w.append(("telecom.month-to-month", 0.15))
        if (
            prev is not None
            and last is not None
            and Decimal(prev) > 0
            and Decimal(last) <= Decimal(prev) * Decimal("0.7")
        ):
            w.append(("telecom.data-drop", 0.20))
        if Decimal(p.get("arrears_amount", "0")):
            w.append(("telecom.in-arrears", 0.10))
        if p.get("competitor_contact") is True:
            w.append(("telecom.competitor-contact", 0.25))
        if joined is not None and _months(joined, today) < 12:
            w.append(("telecom.new-customer", 0.10))
    elif plugin == "wealth":
        aum, prev, contact = p.get("aum"), p.get("aum_prev_quarter"), _date(p.get("last_contact"))
        answered = _date(p.get("questionnaire_date"))
        if (
            aum is not None
            and prev is not None
            and Decimal(prev) > 0
            and Decimal(aum) <= Decimal(prev) * Decimal("0.8")
        ):
            w.append(("wealth.aum-drop", 0.30))
        live = [a for a in agreements if a[1].startswith("wealth.") and _in_force(a, today)]
        for i, a in enumerate(live):
            end = _date(a[3])
            if (
                end is not None
                and 0 <= (end - today).days <= 30
                and not any(b[3] is None or _date(b[3]) > end for b in live[i + 1 :])
            ):
                w.append(("wealth.maturity-no-renewal", 0.20))
                break
        if contact is not None and (today - contact).days >= 180:
            w.append(("wealth.no-contact", 0.15))
        if answered is not None and today >= answered + D(days=366):
            w.append(("wealth.questionnaire-expired", 0.05))
    else:
        last, answered = _date(p.get("last_trade_date")), _date(p.get("questionnaire_date"))
        now, prev = p.get("assets_20d_avg"), p.get("assets_prev")
        if last is not None and (today - last).days >= 90:
            w.append(("securities.no-trade", 0.25))
        if (
            now is not None
            and prev is not None
            and Decimal(prev) > 0
            and Decimal(now) <= Decimal(prev) * Decimal("0.7")
        ):
            w.append(("securities.assets-drop", 0.25))
        if answered is not None and today >= answered + D(days=731):
            w.append(("securities.questionnaire-expired", 0.05))
    return w


def _channel(preferred: str, refused: list) -> str | None:
    if preferred not in refused:
        return preferred
    start = FALLBACK.index(preferred) + 1 if preferred in FALLBACK else 0
    return next((c for c in FALLBACK[start:] + FALLBACK[:start] if c not in refused), None)


def _of_many(db: sqlite3.Connection, sql: str, ids: list[str]) -> dict[str, list]:
    found: dict[str, list] = {i: [] for i in ids}
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        for row in db.execute(sql.format(", ".join("?" * len(chunk))), chunk):
            found[row[0]].append(row[1:])
    return found


AGREEMENTS = (
    'SELECT customer, id, product, status, "end", signed_on, manager FROM agreements'
    " WHERE customer IN ({}) ORDER BY seq"
)
COMPLAINTS = "SELECT customer, status, opened_on FROM complaints WHERE customer IN ({})"
# The actions of a page that hold their key, and those still due (the batch may close them).
HELD = (
    "SELECT customer, rule, period, status, seq, expires_on, plugin FROM care_actions"
    " WHERE customer IN ({}) AND status NOT IN ('lapsed', 'expired')"
)
PLUGINS = ("core", "telecom", "wealth", "securities")


def _signal(
    cid: str, complained: bool, profiles: dict, agreements: list, today: dt.date
) -> tuple[float, list] | None:
    """The merged retention signal of one customer: (score, reasons), None without a reason."""
    parts: list[tuple[str, list[tuple[str, float]]]] = []
    if complained:
        parts.append(("core", [("core.recent-complaint", 0.15)]))
    for plugin, profile in profiles.items():
        if plugin in PLUGINS:
            found = _risk(profile, plugin, agreements, today)
            if found:
                parts.append((plugin, found))
    if not parts:
        return None
    score = round(min(1.0, sum(_score([w for _, w in found]) for _, found in parts)), 4)
    reasons = sorted(
        ([rule, weight, rule, plugin] for plugin, found in parts for rule, weight in found),
        key=lambda reason: -reason[1],
    )
    return score, reasons


def _closures(held: list, found: dict, churned: set, today: dt.date) -> list[tuple]:
    """``(status, note, closed_on, seq)`` of each due action the batch closes.

    ``found``: the expiry (ISO, or None) of each action the rules find, by key.
    """
    closed = []
    for cid, rule, period, status, seq, expires, _plugin in held:
        if status != "due":
            continue
        key = (cid, rule, period)
        if expires is not None and expires < today.isoformat():
            closed.append(("expired", f"{rule}: its period ended on {expires}", seq))
        elif cid in churned:
            closed.append(("lapsed", f"{rule}: {cid} has churned", seq))
        elif key not in found or (expires is not None and found[key] != expires):
            closed.append(("lapsed", f"{rule}: the rule no longer finds it due on {today}", seq))
    return [(status, note, today.isoformat(), seq) for status, note, seq in closed]


def run_bare(book: Path, today: dt.date, min_score: float = 0.5) -> tuple[Counter, int, Counter]:
    """Run the rules over ``book``: the actions created by (rule, channel), the customers at
    risk, the due actions closed by status."""
    db = sqlite3.connect(book, isolation_level=None)
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM care_actions").fetchone()[0]
    supervisors = dict(db.execute("SELECT id, supervisor FROM managers"))
    db.execute("BEGIN IMMEDIATE")
    db.execute("DELETE FROM retention_runs")
    db.execute("DELETE FROM retention_scores")
    db.execute("COMMIT")
    created: Counter = Counter()
    closed: Counter = Counter()
    at_risk, signals, after = 0, 0, -1
    while True:
        rows = db.execute(
            "SELECT seq, id, name, kind, tier, status, birthday, consent, profiles FROM customers"
            " WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, PAGE),
        ).fetchall()
        if not rows:
            break
        after = rows[-1][0]
        churned = {r[1] for r in rows if r[5] == "churned"}
        page = [
            (r[1], r[2], r[3], r[4], r[5], r[6], json.loads(r[7]), json.loads(r[8]))
            for r in rows
            if r[5] != "churned"
        ]
        wealth_ids = [c[0] for c in page if "wealth" in c[7]]
        agreements = _of_many(db, AGREEMENTS, wealth_ids)
        complaints = _of_many(db, COMPLAINTS, [c[0] for c in page])
        found: list = []
        eligible: list = []
        scores: list = []
        for c in page:
            _core(c, today, found)
            profiles = c[7]
            complained = bool(complaints[c[0]]) and any(
                s != "replied" or _date(o) >= today - D(days=90) for s, o in complaints[c[0]]
            )
            for plugin, profile in profiles.items():
                if plugin == "telecom":
                    _telecom(c[0], c[3], profile, today, found)
                elif plugin == "wealth":
                    _wealth(c[0], c[3], profile, agreements[c[0]], today, found, supervisors)
                elif plugin == "securities":
                    _securities(c[0], c[3], profile, today, found, eligible)
            signal = _signal(c[0], complained, profiles, agreements.get(c[0], []), today)
            if signal is not None:
                score, reasons = signal
                at_risk += score >= min_score
                scores.append((c[0], int(c[0].rsplit("-", 1)[1]), round(score * 10_000), reasons))
        if eligible:
            held_agreements = _of_many(db, AGREEMENTS, [cid for cid, _ in eligible])
            for cid, tier in eligible:
                if not any(
                    a[1] == "securities.star-market" and _in_force(a, today)
                    for a in held_agreements[cid]
                ):
                    found.append(
                        (
                            "securities.access-eligible",
                            cid,
                            _tier_channel(tier),
                            "Newly meets the STAR Market thresholds",
                            today,
                            _quarter(today),
                            "investor-suitability",
                            "securities",
                            _quarter_end(today),
                        )
                    )
        found = [a for a in found if a[8] is None or a[8] >= today]
        by_key = {(a[1], a[0], a[5]): None if a[8] is None else a[8].isoformat() for a in found}
        held = [
            (cid, *row)
            for cid, of_customer in _of_many(db, HELD, [r[1] for r in rows]).items()
            for row in of_customer
        ]
        closures = _closures(held, by_key, churned, today)
        closed.update(status for status, *_ in closures)
        gone = {seq for *_, seq in closures}
        stored = {(row[0], row[1], row[2]) for row in held if row[4] not in gone}
        refused = {c[0]: c[6] for c in page}
        new = []
        for rule, cid, preferred, message, due, period, duty, plugin, expires, *who in found:
            if (cid, rule, period) in stored:
                continue
            stored.add((cid, rule, period))
            seq += 1
            channel = _channel(preferred, refused[cid])
            status, note = ("due", None) if channel else ("skipped", "refused every channel")
            not_by, assignee = who if who else (None, None)
            new.append(
                (
                    seq,
                    f"ca-{seq}",
                    rule,
                    cid,
                    period,
                    channel,
                    message,
                    due.isoformat(),
                    duty,
                    status,
                    note,
                    None if channel else today.isoformat(),
                    plugin,
                    today.isoformat(),
                    assignee,
                    not_by,
                    None if expires is None else expires.isoformat(),
                )
            )
            created[(rule, channel)] += 1
        if new or closures or scores:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "UPDATE care_actions SET status = ?, note = ?, closed_on = ? WHERE seq = ?",
                closures,
            )
            db.executemany(
                "INSERT INTO care_actions (seq, id, rule, customer, period, channel,"
                " message, due, responsibility, status, note, closed_on, plugin,"
                " created_on, assignee, not_by, expires_on)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new,
            )
            db.executemany(
                "INSERT INTO retention_scores (customer, position, score, reasons)"
                " VALUES (?, ?, ?, ?)",
                [(cid, at, score, json.dumps(reasons)) for cid, at, score, reasons in scores],
            )
            db.execute("COMMIT")
            signals += len(scores)
    db.execute("BEGIN IMMEDIATE")
    db.execute(
        "INSERT INTO retention_runs (day, basis, signals) VALUES (?, ?, ?)",
        (today.isoformat(), json.dumps({"plugins": PLUGINS}), signals),
    )
    db.execute("COMMIT")
    db.close()
    return created, at_risk, closed
