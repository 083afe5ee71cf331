"""The baseline of bench/care.py: the daily care and retention rules as a bare Python loop.

No framework: raw sqlite3, rows as tuples, profiles as the dicts ``json.loads``
makes, dates parsed where a rule needs them, the default settings as
constants. The rules are those of the core and the three plugins (the domain
files), written again here; the bench checks that both give the same actions
and the same number of customers at risk. It reads the book as the store does
(keyset pages of 1,000 customers), reads agreements and complaints per page,
and writes a page's new actions in one transaction, without the audit trail.
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
LIVE = ("signed", "active")
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
            )
        )


def _wealth(cid: str, tier: str, p: dict, agreements: list, today: dt.date, out: list) -> None:
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
            )
        )
    for a in agreements:
        end, signed = _date(a[3]), _date(a[4])
        if a[2] not in LIVE or not a[1].startswith("wealth."):
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
            )
        )
    if _star_newly(p, today):
        eligible.append((cid, tier))


def _score(weights: list[float]) -> float:
    return min(1.0, round(sum(weights), 4)) if weights else 0.0


def _risk(p: dict, plugin: str, agreements: list, today: dt.date) -> float:
    w: list[float] = []
    if plugin == "telecom":
        end, joined = _date(p.get("contract_end")), _date(p.get("network_join"))
        prev, last = p.get("data_gb_prev"), p.get("data_gb_last")
        if end is not None and 0 <= (end - today).days <= 60:
            w.append(0.25)
        if p.get("contract") == "month-to-month":
            w.append(0.15)
        if (
            prev is not None
            and last is not None
            and Decimal(prev) > 0
            and Decimal(last) <= Decimal(prev) * Decimal("0.7")
        ):
            w.append(0.20)
        if Decimal(p.get("arrears_amount", "0")):
            w.append(0.10)
        if p.get("competitor_contact") is True:
            w.append(0.25)
        if joined is not None and _months(joined, today) < 12:
            w.append(0.10)
    elif plugin == "wealth":
        aum, prev, contact = p.get("aum"), p.get("aum_prev_quarter"), _date(p.get("last_contact"))
        answered = _date(p.get("questionnaire_date"))
        if (
            aum is not None
            and prev is not None
            and Decimal(prev) > 0
            and Decimal(aum) <= Decimal(prev) * Decimal("0.8")
        ):
            w.append(0.30)
        live = [a for a in agreements if a[2] in LIVE and a[1].startswith("wealth.")]
        for i, a in enumerate(live):
            end = _date(a[3])
            if (
                end is not None
                and 0 <= (end - today).days <= 30
                and not any(b[3] is None or _date(b[3]) > end for b in live[i + 1 :])
            ):
                w.append(0.20)
                break
        if contact is not None and (today - contact).days >= 180:
            w.append(0.15)
        if answered is not None and today >= answered + D(days=366):
            w.append(0.05)
    else:
        last, answered = _date(p.get("last_trade_date")), _date(p.get("questionnaire_date"))
        now, prev = p.get("assets_20d_avg"), p.get("assets_prev")
        if last is not None and (today - last).days >= 90:
            w.append(0.25)
        if (
            now is not None
            and prev is not None
            and Decimal(prev) > 0
            and Decimal(now) <= Decimal(prev) * Decimal("0.7")
        ):
            w.append(0.25)
        if answered is not None and today >= answered + D(days=731):
            w.append(0.05)
    return _score(w)


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
    'SELECT customer, id, product, status, "end", signed_on FROM agreements'
    " WHERE customer IN ({}) ORDER BY seq"
)
COMPLAINTS = "SELECT customer, status, opened_on FROM complaints WHERE customer IN ({})"


def run_bare(book: Path, today: dt.date, min_score: float = 0.5) -> tuple[Counter, int]:
    """Run the rules over ``book``; returns the actions created by (rule, channel) and at risk."""
    db = sqlite3.connect(book, isolation_level=None)
    seq = db.execute("SELECT COALESCE(MAX(seq), 0) FROM care_actions").fetchone()[0]
    created: Counter = Counter()
    at_risk, after = 0, -1
    while True:
        rows = db.execute(
            "SELECT seq, id, name, kind, tier, status, birthday, consent, profiles FROM customers"
            " WHERE seq > ? ORDER BY seq LIMIT ?",
            (after, PAGE),
        ).fetchall()
        if not rows:
            break
        after = rows[-1][0]
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
        for c in page:
            _core(c, today, found)
            profiles = c[7]
            score = 0.0
            if complaints[c[0]] and any(
                s != "replied" or _date(o) >= today - D(days=90) for s, o in complaints[c[0]]
            ):
                score += 0.15
            for plugin, profile in profiles.items():
                if plugin == "telecom":
                    _telecom(c[0], c[3], profile, today, found)
                elif plugin == "wealth":
                    _wealth(c[0], c[3], profile, agreements[c[0]], today, found)
                elif plugin == "securities":
                    _securities(c[0], c[3], profile, today, found, eligible)
                score += _risk(profile, plugin, agreements.get(c[0], []), today)
            at_risk += round(min(1.0, score), 4) >= min_score
        if eligible:
            held = _of_many(db, AGREEMENTS, [cid for cid, _ in eligible])
            for cid, tier in eligible:
                if not any(a[1] == "securities.star-market" and a[2] in LIVE for a in held[cid]):
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
                        )
                    )
        if not found:
            continue
        refused = {c[0]: c[6] for c in page}
        ids = list({a[1] for a in found})
        stored = set()
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            stored.update(
                db.execute(
                    "SELECT customer, rule, period FROM care_actions WHERE"
                    f" customer IN ({', '.join('?' * len(chunk))})",
                    chunk,
                )
            )
        new = []
        for rule, cid, preferred, message, due, period, duty, plugin in found:
            if (cid, rule, period) in stored:
                continue
            stored.add((cid, rule, period))
            seq += 1
            channel = _channel(preferred, refused[cid])
            status, note = ("due", None) if channel else ("skipped", "refused every channel")
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
                )
            )
            created[(rule, channel)] += 1
        if new:
            db.execute("BEGIN IMMEDIATE")
            db.executemany(
                "INSERT INTO care_actions (seq, id, rule, customer, period, channel,"
                " message, due, responsibility, status, note, closed_on, plugin,"
                " created_on) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                new,
            )
            db.execute("COMMIT")
    db.close()
    return created, at_risk
