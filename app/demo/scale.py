"""`flask demo scale`: synthetic enterprises and published declarations for load tests, never in the demo.

Every row is marked synthetic: e-mail addresses end in ``@synthetic.invalid``, organisation names start with
"[合成]", patents' publication numbers with "SYN" and their ``source`` says what they are. The texts are real
but recombined: a title (with its IPC codes) from data/cn_patent_titles_ipc.csv, an abstract made of two
real abstracts' sentences (data/cn_patents_with_abstracts.jsonl, data/cn_a01_patents.jsonl); enterprise needs
are GB/T 4754-2017 class notes (data/gbt4754_2017.json). Rows go in with bulk inserts in numbered order, so
a rerun continues where the last one stopped and never adds a row twice.
"""

from __future__ import annotations

import csv
import json
import re
import secrets
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from werkzeug.security import generate_password_hash

from app import clock
from app.auth.models import Organisation, Role, User
from app.declarations.models import Declaration, DeclarationStatus, FeeMethod
from app.extensions import db
from app.industries import industries
from app.matches.models import Frequency, Subscription, SubscriptionKind
from app.patents.models import LegalStatus, Patent, PatentKind, Verification

DATA = Path(__file__).resolve().parents[2] / "data"
DOMAIN = "@synthetic.invalid"
MARK = "[合成]"
SOURCE = f"{MARK} flask demo scale：真实标题与摘要重组的合成数据，非真实专利"
OWNER_EMAIL = f"scale-owner{DOMAIN}"
BATCH = 5000
KEYWORDS = (
    "电池",
    "涂料",
    "传感器",
    "机器人",
    "污水",
    "播种",
    "芯片",
    "轴承",
    "激光",
    "无人机",
    "催化剂",
    "电机",
)
_SENTENCE = re.compile(r"(?<=[。；])")


@dataclass(frozen=True)
class Texts:
    titles: list[tuple[str, list[str]]]  # (title, IPC subclasses)
    abstracts: list[str]
    notes: list[tuple[str, str, str]]  # (4-digit GB/T 4754 code, name, note)


@lru_cache(maxsize=1)
def texts() -> Texts:
    """The real texts the synthetic rows are recombined from."""
    with (DATA / "cn_patent_titles_ipc.csv").open(encoding="utf-8", newline="") as fh:
        titles = [
            (r["title"].strip(), [c for c in r["ipc_subclasses"].split("|") if c]) for r in csv.DictReader(fh)
        ]
    abstracts = [
        str(json.loads(line)["abstract"])
        for name in ("cn_patents_with_abstracts.jsonl", "cn_a01_patents.jsonl")
        for line in (DATA / name).read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    notes = [(c, r["name"], r["remark"]) for c, r in industries().items() if len(c) == 4 and r["remark"]]
    return Texts(titles, [a for a in abstracts if a], notes)


def _abstract(t: Texts, k: int) -> str:
    """The first sentence of one real abstract and the rest of another (at most 400 characters)."""
    a = _SENTENCE.split(t.abstracts[(k * 31) % len(t.abstracts)])
    b = _SENTENCE.split(t.abstracts[(k * 17 + 5) % len(t.abstracts)])
    return ("".join(a[:1]) + "".join(b[1:]))[:400]


def build(enterprises: int, declarations: int, echo: Callable[[str], None]) -> dict[str, int]:
    """Add synthetic enterprises and declarations up to the numbers given; returns how many were added."""
    owner = _owner()
    added = {"enterprises": 0, "declarations": 0}
    for done in _batches(_count_enterprises(), enterprises):
        added["enterprises"] += _add_enterprises(done)
        db.session.commit()
        echo(f"{MARK} enterprises {done.stop}/{enterprises}")
    for done in _batches(_count_declarations(), declarations):
        added["declarations"] += _add_declarations(owner, done)
        db.session.commit()
        echo(f"{MARK} declarations {done.stop}/{declarations}")
    return added


def _batches(have: int, want: int) -> Iterator[range]:
    for start in range(have, want, BATCH):
        yield range(start, min(start + BATCH, want))


@lru_cache(maxsize=1)
def _password() -> str:
    """One unusable password hash for every synthetic account (a random secret nobody keeps)."""
    return generate_password_hash(secrets.token_urlsafe(32), method="scrypt")


def _owner() -> int:
    found = db.session.scalar(select(User.id).where(User.email == OWNER_EMAIL))
    if found is not None:
        return found
    user = User(
        email=OWNER_EMAIL, password_hash=_password(), role=Role.PATENTEE, display_name=f"{MARK} 专利权人"
    )
    db.session.add(user)
    db.session.flush()
    db.session.add(Organisation(owner_id=user.id, name=f"{MARK} 专利权人", industry_codes=[]))
    db.session.commit()
    return user.id


def _count_enterprises() -> int:
    return db.session.scalar(select(func.count(User.id)).where(User.email.like(f"scale-e%{DOMAIN}"))) or 0


def _count_declarations() -> int:
    return db.session.scalar(select(func.count(Patent.id)).where(Patent.publication_number.like("SYN%"))) or 0


def _add_enterprises(ks: range) -> int:
    t = texts()
    users = [
        {"email": f"scale-e{k:07d}{DOMAIN}", "password_hash": _password(), "role": Role.ENTERPRISE}
        for k in ks
    ]
    ids = _insert_returning(User, users)
    orgs, subs = [], []
    for k, uid in zip(ks, ids, strict=True):
        code, name, note = t.notes[k % len(t.notes)]
        orgs.append({"owner_id": uid, "name": f"{MARK} 企业 {k:07d}", "industry_codes": [code[:2]],
                     "needs": f"我们从事{name}，需要相关技术：{note[:300]}"})  # fmt: skip
        subs += _subscriptions(k, uid, code, name)
    db.session.execute(insert(Organisation), orgs)
    if subs:
        db.session.execute(insert(Subscription), subs)
    return len(ids)


def _subscriptions(k: int, uid: int, code: str, name: str) -> list[dict[str, Any]]:
    """Some enterprises subscribe: an IPC subclass, keywords, their division or a need in words."""
    t = texts()
    kind: tuple[SubscriptionKind, str, Frequency] | None = {
        0: (SubscriptionKind.IPC, (t.titles[k % len(t.titles)][1] or ["H01M"])[0], Frequency.IMMEDIATELY),
        3: (SubscriptionKind.KEYWORDS, KEYWORDS[k % len(KEYWORDS)], Frequency.DAILY),
        6: (SubscriptionKind.INDUSTRY, code[:2], Frequency.WEEKLY),
        9: (SubscriptionKind.TEXT, f"{name}的新技术", Frequency.DAILY),
    }.get(k % 10)
    if kind is None:
        return []
    return [{"user_id": uid, "kind": kind[0], "value": kind[1], "frequency": kind[2], "active": True}]


def _add_declarations(owner: int, ks: range) -> int:
    t = texts()
    patents, sections = [], []
    for k in ks:
        title, ipc = t.titles[k % len(t.titles)]
        sections.append("".join(sorted({c[0] for c in ipc})))
        patents.append({"owner_id": owner, "publication_number": f"SYN{k:09d}", "kind": PatentKind.INVENTION,
                        "title": title, "abstract": _abstract(t, k), "ipc_codes": ipc,
                        "legal_status": LegalStatus.GRANTED, "verification": Verification.VERIFIED,
                        "source": SOURCE})  # fmt: skip
    ids = _insert_returning(Patent, patents)
    now, today = clock.now(), clock.today()
    decls = [
        {"patent_id": pid, "owner_id": owner, "status": DeclarationStatus.PUBLISHED, "published_at": now,
         "fee_method": FeeMethod.LUMP_SUM, "lump_sum": Decimal("10000"), "period_start": today,
         "period_end": today + timedelta(days=3 * 365), "contact": f"{MARK} 联系人",
         "industry_code": t.notes[k % len(t.notes)][0] if k % 3 == 0 else "",
         "ipc_sections": section}
        for k, pid, section in zip(ks, ids, sections, strict=True)
    ]  # fmt: skip
    db.session.execute(insert(Declaration), decls)
    return len(ids)


def _insert_returning(model: type[Any], rows: list[dict[str, Any]]) -> list[int]:
    stmt = insert(model.__table__).returning(model.__table__.c.id, sort_by_parameter_order=True)
    return [r[0] for r in db.session.execute(stmt, rows)]
