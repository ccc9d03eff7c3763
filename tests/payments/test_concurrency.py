"""20 concurrent duplicate submissions get the same licence, never a 422 (issue 8 §3); PostgreSQL only."""

from __future__ import annotations

import threading

import pytest

from app.auth.models import Role
from app.extensions import db
from app.licences.models import Licence, Payment
from tests.declarations.helpers import publish
from tests.rows import count

THREADS = 20
TAKE = {"notice": "依《专利法》第五十一条书面通知。", "payment_reference": "CCB-RACE-1", "amount": "50000.00"}


def _fire(app, url: str, headers: dict[str, str]) -> list[tuple[int, int | None]]:
    barrier, results, lock = threading.Barrier(THREADS), [], threading.Lock()

    def one() -> None:
        client = app.test_client()
        barrier.wait()
        resp = client.post(url, json=TAKE, headers=headers)
        with lock:
            results.append((resp.status_code, (resp.get_json() or {}).get("id")))

    threads = [threading.Thread(target=one) for _ in range(THREADS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    db.engine.dispose()  # give the shared server its connections back now, not at garbage collection
    return results


def test_concurrent_duplicates_return_the_same_licence(
    app, client, make_user, make_declaration, auth_headers
):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("needs concurrent transactions: set TEST_DATABASE_URL to a PostgreSQL database")
    decl = publish(make_declaration())
    headers = auth_headers(make_user(Role.ENTERPRISE))
    results = _fire(app, f"/api/v1/declarations/{decl.id}/licences", headers)
    db.session.expire_all()
    statuses = sorted(status for status, _id in results)
    assert statuses == [200] * (THREADS - 1) + [201], statuses
    assert len({licence_id for _status, licence_id in results}) == 1
    assert count(Licence) == 1
    assert count(Payment) == 1
