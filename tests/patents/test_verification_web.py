"""Verification over the web and the API: queue, verify/reject, evidence files, register import, roles."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from app.auth.models import Role
from app.extensions import db
from app.patents.evidence import MAX_EVIDENCE_BYTES
from app.patents.models import PatentEvidence, Verification
from tests.uploads import post_file

UNVERIFIED = Verification.UNVERIFIED
PDF = b"%PDF-1.7\n% a certificate\n"


@pytest.fixture(autouse=True)
def evidence_dir(app, tmp_path: Path) -> Path:
    app.config["EVIDENCE_DIR"] = str(tmp_path / "evidence")
    return tmp_path / "evidence"


def upload(client, url: str, content: bytes, name: str = "证书.pdf", **data: str):
    return post_file(client, url, name, content, **data)


def test_operator_queue_lists_unverified_patents_only(client, login, make_user, make_patent):
    waiting, done = make_patent(verification=UNVERIFIED), make_patent(publication_number="CN215792497U")
    login(make_user(Role.OPERATOR))
    page = client.get("/patents/verification").get_data(as_text=True)
    assert f"/patents/{waiting.id}" in page and f'/patents/{done.id}"' not in page


@pytest.mark.parametrize("role", [Role.PATENTEE, Role.ENTERPRISE])
def test_queue_and_verify_forms_are_for_operators(client, login, make_user, make_patent, role):
    patent = make_patent(verification=UNVERIFIED)
    login(patent.owner if role == Role.PATENTEE else make_user(role))
    assert client.get("/patents/verification").status_code == 403
    assert client.post(f"/patents/{patent.id}/verify", data={"evidence": "证书"}).status_code == 403
    assert client.post(f"/patents/{patent.id}/reject", data={"reason": "不符"}).status_code == 403
    db.session.refresh(patent)
    assert patent.verification == UNVERIFIED


def test_patentee_uploads_evidence_and_operator_verifies_on_it(
    client, login, make_user, make_patent, evidence_dir
):
    patent = make_patent(verification=UNVERIFIED)
    login(patent.owner)
    assert upload(client, f"/patents/{patent.id}/evidence", PDF).status_code == 302
    evidence = db.session.scalar(db.select(PatentEvidence))
    assert evidence.sha256 == hashlib.sha256(PDF).hexdigest() and evidence.content_type == "application/pdf"
    assert (evidence_dir / evidence.sha256).read_bytes() == PDF
    operator = make_user(Role.OPERATOR)
    login(operator)
    assert client.get(f"/patents/evidence/{evidence.id}").data == PDF
    resp = upload(
        client,
        f"/patents/{patent.id}/verify",
        b"\x89PNG\r\n\x1a\nextract",
        "登记簿.png",
        evidence="登记簿副本",
    )
    assert resp.status_code == 302
    db.session.refresh(patent)
    (event,) = patent.verification_events
    assert patent.verification == Verification.VERIFIED and event.actor_id == operator.id
    assert event.detail["filename"] == "登记簿.png" and len(event.detail["sha256"]) == 64
    page = client.get(f"/patents/{patent.id}").get_data(as_text=True)
    assert "登记簿副本" in page and operator.email in page


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "a.pdf", "请选择要上传的证明文件"),
        (b"MZ\x90\x00 not a pdf", "a.pdf", "文件内容与扩展名不符"),
        (PDF, "a.exe", "证明文件只支持 PDF、PNG 或 JPEG 格式"),
        (PDF, "a.html", "证明文件只支持 PDF、PNG 或 JPEG 格式"),
    ],
)
def test_bad_evidence_files_are_refused(client, login, make_patent, evidence_dir, content, name, message):
    patent = make_patent(verification=UNVERIFIED)
    login(patent.owner)
    resp = upload(client, f"/patents/{patent.id}/evidence", content, name)
    assert resp.status_code == 302
    assert message in client.get(resp.location).get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(PatentEvidence.id))) == 0
    assert not evidence_dir.exists() or not any(evidence_dir.iterdir())


def test_an_evidence_file_over_5_mb_is_refused_before_it_is_read(client, login, make_patent, evidence_dir):
    """The request limit (MAX_CONTENT_LENGTH, 5 MB for uploads) answers 413 before the view reads the file."""
    patent = make_patent(verification=UNVERIFIED)
    login(patent.owner)
    resp = upload(client, f"/patents/{patent.id}/evidence", PDF + b"0" * MAX_EVIDENCE_BYTES, "big.pdf")
    assert resp.status_code == 413
    assert "文件上传最多 5 MB" in resp.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(PatentEvidence.id))) == 0


def test_evidence_is_private_to_owner_and_operators(client, login, make_user, make_patent):
    patent = make_patent(verification=UNVERIFIED)
    login(patent.owner)
    upload(client, f"/patents/{patent.id}/evidence", PDF)
    evidence = db.session.scalar(db.select(PatentEvidence))
    url = f"/patents/evidence/{evidence.id}"
    assert client.get(url).status_code == 200
    login(make_user(Role.PATENTEE))
    assert client.get(url).status_code == 403
    assert upload(client, f"/patents/{patent.id}/evidence", PDF).status_code == 403
    login(make_user(Role.ENTERPRISE))
    assert client.get(url).status_code == 403
    client.post("/auth/logout")
    assert client.get(url).status_code == 302  # to the login page


def test_verify_and_reject_forms_need_text(client, login, make_user, make_patent):
    patent = make_patent(verification=UNVERIFIED)
    login(make_user(Role.OPERATOR))
    page = client.post(f"/patents/{patent.id}/verify", data={"evidence": ""}, follow_redirects=True)
    assert "请说明核验依据" in page.get_data(as_text=True)
    page = client.post(f"/patents/{patent.id}/reject", data={"reason": "  "}, follow_redirects=True)
    assert "请填写驳回理由" in page.get_data(as_text=True)
    db.session.refresh(patent)
    assert patent.verification == UNVERIFIED and not patent.verification_events
    client.post(f"/patents/{patent.id}/reject", data={"reason": "号码不存在"})
    db.session.refresh(patent)
    assert patent.verification == Verification.REJECTED


def test_register_import_matches_number_and_owner(client, login, make_user, make_patent):
    owner = make_user(Role.PATENTEE, org="东北机电技术研究院")
    good = make_patent(owner, verification=UNVERIFIED)
    other = make_patent(owner, verification=UNVERIFIED, publication_number="CN215792497U")
    login(make_user(Role.OPERATOR))
    csv = (
        "number,owner\r\n"
        "cn111504366b,东北机电技术研究院\r\n"  # case and full-width differences are not mismatches
        "CN215792497U,别的公司\r\n"
        "CN000000000B,东北机电技术研究院\r\n"
    ).encode()
    page = upload(client, "/patents/verification/import", csv, "register.csv").get_data(as_text=True)
    db.session.refresh(good), db.session.refresh(other)
    assert good.verification == Verification.VERIFIED and other.verification == UNVERIFIED
    assert "专利权人与平台账户的机构名称不一致" in page and "平台上没有该号码的专利" in page
    (event,) = good.verification_events
    assert (
        event.detail["filename"] == "register.csv"
        and event.detail["sha256"] == hashlib.sha256(csv).hexdigest()
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"number,owner\r\n", "r.csv", "文件中没有数据行"),
        (b"patent,holder\r\nCN111504366B,x\r\n", "r.csv", "须有 number（专利号）和 owner（专利权人）两列"),
        ("number,owner\r\nCN1,甲".encode("gbk"), "r.csv", "UTF-8"),
        (b"number,owner\r\n", "r.xlsx", "只支持 .csv 文件"),
    ],
)
def test_bad_register_files_are_refused(client, login, make_user, content, name, message):
    login(make_user(Role.OPERATOR))
    page = upload(client, "/patents/verification/import", content, name).get_data(as_text=True)
    assert message in page


def test_api_verify_reject_and_the_verification_field(client, make_user, make_patent, auth_headers):
    operator, patent = make_user(Role.OPERATOR), make_patent(verification=UNVERIFIED)
    headers = auth_headers(operator)
    assert (
        client.get(f"/api/v1/patents/{patent.id}", headers=headers).get_json()["verification"] == "unverified"
    )
    resp = client.post(
        f"/api/v1/patents/{patent.id}/reject", json={"reason": "专利权人不符"}, headers=headers
    )
    assert resp.status_code == 200 and resp.get_json()["verification"] == "rejected"
    resp = client.post(
        f"/api/v1/patents/{patent.id}/verify", json={"evidence": "证书第123号"}, headers=headers
    )
    assert resp.status_code == 200 and resp.get_json()["verification"] == "verified"
    again = client.post(f"/api/v1/patents/{patent.id}/verify", json={"evidence": "再次"}, headers=headers)
    assert again.status_code == 409
    assert [e.action for e in patent.verification_events] == ["rejected", "verified"]


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("verify", {}, "evidence"),
        ("verify", {"evidence": ""}, "evidence"),
        ("verify", {"evidence": 42}, "evidence"),
        ("verify", {"evidence": "证书", "evidence_id": "x"}, "evidence_id"),
        ("verify", {"evidence": "证书", "evidence_id": 999}, "evidence_id"),
        ("reject", {"reason": " "}, "reason"),
        ("reject", {"reason": ["a"]}, "reason"),
        ("reject", {"reason": "理" * 1001}, "reason"),
    ],
)
def test_api_bad_bodies_are_422_naming_the_field(
    client, make_user, make_patent, path, body, field, auth_headers
):
    patent = make_patent(verification=UNVERIFIED)
    resp = client.post(
        f"/api/v1/patents/{patent.id}/{path}", json=body, headers=auth_headers(make_user(Role.OPERATOR))
    )
    assert resp.status_code == 422 and field in resp.get_json()["error"]["fields"]
    db.session.refresh(patent)
    assert patent.verification == UNVERIFIED and not patent.verification_events


@pytest.mark.parametrize("role", [Role.PATENTEE, Role.ENTERPRISE])
def test_api_verify_as_patentee_or_enterprise_is_403(client, make_user, make_patent, role, auth_headers):
    patent = make_patent(verification=UNVERIFIED)
    user = patent.owner if role == Role.PATENTEE else make_user(role)
    for path, body in (("verify", {"evidence": "自己核验"}), ("reject", {"reason": "x"})):
        resp = client.post(f"/api/v1/patents/{patent.id}/{path}", json=body, headers=auth_headers(user))
        assert resp.status_code == 403
    assert client.post(f"/api/v1/patents/{patent.id}/verify", json={"evidence": "x"}).status_code == 401


def test_api_unknown_patent_is_404(client, make_user, auth_headers):
    resp = client.post(
        "/api/v1/patents/999/verify", json={"evidence": "证书"}, headers=auth_headers(make_user(Role.ADMIN))
    )
    assert resp.status_code == 404


def test_openapi_documents_verify_and_reject(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    for path, field in (("/patents/{id}/verify", "evidence"), ("/patents/{id}/reject", "reason")):
        op = paths[path]["post"]
        body = op["requestBody"]["content"]["application/json"]["schema"]
        assert body["required"] == [field] and {"403", "422"} <= set(op["responses"])
