from app.auth.models import Role


def test_token_roundtrip_and_bad_credentials(client, make_user):
    user = make_user(Role.ENTERPRISE)
    bad = client.post("/api/v1/tokens", json={"email": user.email, "password": "nope"})
    assert bad.status_code == 401
    assert set(bad.get_json()["error"]) == {"code", "message", "fields"}
    ok = client.post("/api/v1/tokens", json={"email": user.email, "password": "correct-horse-42"})
    assert ok.status_code == 201 and ok.get_json()["token"]


def test_non_json_body_is_a_json_error(client):
    resp = client.post("/api/v1/tokens", data="not json", content_type="text/plain")
    assert resp.status_code == 422
    assert resp.get_json()["error"]["code"] == "validation_failed"


def test_unknown_api_route_is_json(client):
    resp = client.get("/api/v1/nothing-here")
    assert resp.status_code == 404 and "error" in resp.get_json()


def test_openapi_document(client):
    doc = client.get("/api/v1/openapi.json").get_json()
    assert doc["openapi"].startswith("3.") and "/tokens" in doc["paths"]
