"""The web app and JSON API, through FastAPI's TestClient over a real SQLite store."""

from __future__ import annotations

import json

import feedparser
import jsonschema
import pytest
from fastapi.testclient import TestClient

from backstory.models import Explainer, explainer_schema
from backstory.publish import create_app
from backstory.publish.app import CSP

from .conftest import make_explainer

EID = "boe-rate-cut-august-2025"
TOKEN = "s3cret-token-for-tests"


@pytest.fixture
def client(store, monkeypatch):
    monkeypatch.delenv("BACKSTORY_API_TOKEN", raising=False)
    return TestClient(create_app(store=store, api_token=TOKEN), raise_server_exceptions=False)


def _assert_secure(response):
    h = response.headers
    assert h["x-content-type-options"] == "nosniff"
    assert h["x-frame-options"] == "DENY"
    assert h["referrer-policy"]
    assert "camera=()" in h["permissions-policy"]
    csp = h["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/category/business",
        f"/explainers/{EID}",
        f"/explainers/{EID}/versions",
        f"/explainers/{EID}/v/1",
        "/search?q=mortgage",
        "/about",
    ],
)
def test_pages_render_with_security_headers(client, path):
    r = client.get(path)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["content-type"].startswith("text/html")
    _assert_secure(r)
    assert r.headers["content-security-policy"] == CSP
    assert r.text.count("<h1") == 1


def test_explainer_page_and_version_notice(client):
    latest = client.get(f"/explainers/{EID}").text
    assert "What changed since the last version" in latest
    assert f'href="/explainers/{EID}/v/1"' in latest  # the other version is linked
    old = client.get(f"/explainers/{EID}/v/1").text
    assert "You are reading version 1; the latest is version 2." in old
    assert "What changed since the last version" not in old


def test_source_page_highlights_cited_passages(client, articles):
    ledger = articles[0]
    r = client.get(f"/sources/{ledger.id}")
    assert r.status_code == 200
    quote = "The Monetary Policy Committee split five votes to four."
    start = ledger.text.index(quote)
    assert f'<mark id="p-{start}-{start + len(quote)}">{quote}</mark>' in r.text


def test_search_finds_explainers_and_sources(client):
    r = client.get("/search", params={"q": "tracker mortgages"})
    assert r.status_code == 200
    assert "What the rate cut means for mortgages and savings" in r.text or EID in r.text


def test_missing_pages_are_404_html_and_api_404_json(client):
    r = client.get("/explainers/no-such-thing")
    assert r.status_code == 404 and "Page not found" in r.text
    _assert_secure(r)
    for path in (
        "/api/explainers/no-such-thing",
        "/api/sources/anope",
        f"/api/explainers/{EID}/v/9",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert r.headers["content-type"] == "application/json"
        assert "error" in r.json()
        _assert_secure(r)


@pytest.mark.parametrize(
    "path",
    [
        "/sources/..%2f..%2fetc%2fpasswd",
        "/api/sources/..%2fpublish.db",
        "/explainers/.hidden",
        "/static/..%2fapp.py",
        "/static/%2e%2e/render.py",
        "/category/..%2f..",
    ],
)
def test_no_path_traversal(client, path):
    r = client.get(path)
    assert r.status_code == 404
    assert "import" not in r.text and "root:" not in r.text


def test_api_lists_gets_and_versions(client):
    listing = client.get("/api/explainers").json()["explainers"]
    assert [e["id"] for e in listing] == ["mortgage-deals-after-rate-cut", EID]  # newest first
    assert (
        client.get("/api/explainers", params={"category": "business"}).json()["explainers"][0]["id"]
        == EID
    )
    versions = client.get(f"/api/explainers/{EID}/versions").json()["versions"]
    assert [v["version"] for v in versions] == [1, 2]
    assert client.get(f"/api/explainers/{EID}/v/1").json()["version"] == 1
    stories = client.get("/api/stories")
    assert stories.status_code == 200 and "stories" in stories.json()


def test_api_explainer_json_matches_schema_and_model(client, articles):
    r = client.get(f"/api/explainers/{EID}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/json"
    _assert_secure(r)
    data = r.json()
    jsonschema.validate(data, explainer_schema())
    assert Explainer.model_validate(data) == make_explainer(articles, version=2)


def test_api_source_returns_text_the_offsets_point_into(client, articles):
    data = client.get(f"/api/sources/{articles[1].id}").json()
    assert data["text"] == articles[1].text and data["outlet"] == "Northern Courier"


def _body(n: int = 1) -> dict:
    return {
        "audience": "uk",
        "sources": [
            {
                "title": "Rates cut",
                "text": "The Bank of England cut rates to 4% on Thursday.",
                "outlet": "The Ledger",
                "url": f"https://ledger.example/{i}",
                "published": "2025-08-07T12:00:00Z",
            }
            for i in range(n)
        ],
    }


def test_write_api_requires_the_token(client):
    r = client.post("/api/explain", json=_body())
    assert r.status_code == 401 and r.json()["error"]
    assert r.headers["www-authenticate"] == "Bearer"
    r = client.post("/api/explain", json=_body(), headers={"Authorization": "Bearer wrong"})
    assert r.status_code == 401
    r = client.post("/api/explain", json=_body(), headers={"Authorization": f"Basic {TOKEN}"})
    assert r.status_code == 401
    _assert_secure(r)


def test_write_api_disabled_without_configured_token(store, monkeypatch):
    monkeypatch.delenv("BACKSTORY_API_TOKEN", raising=False)
    c = TestClient(create_app(store=store), raise_server_exceptions=False)
    r = c.post("/api/explain", json=_body(), headers={"Authorization": "Bearer anything"})
    assert r.status_code == 403 and "disabled" in r.json()["error"]


def test_write_api_token_from_environment(store, monkeypatch):
    monkeypatch.setenv("BACKSTORY_API_TOKEN", "from-env")
    c = TestClient(create_app(store=store), raise_server_exceptions=False)
    r = c.post("/api/explain", json={"sources": []}, headers={"Authorization": "Bearer from-env"})
    assert r.status_code == 422  # authorised, but no sources: a validation error, as JSON
    assert r.json()["error"] == "invalid request"


def test_body_too_large_is_413_json(client):
    big = {"sources": [{"title": "x", "text": "a" * (3 * 1024 * 1024)}]}
    r = client.post(
        "/api/explain",
        content=json.dumps(big),
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert "error" in r.json()
    _assert_secure(r)


def test_write_api_composes_with_the_token(client, monkeypatch):
    """The composer is another stage; here it is replaced to test the endpoint's contract."""
    import backstory.pipeline

    seen = {}

    def fake_explain(articles, *, audience, now):
        seen.update(n=len(articles), audience=audience, text=articles[0].text)
        return make_explainer()

    monkeypatch.setattr(backstory.pipeline, "explain_articles", fake_explain)
    r = client.post("/api/explain", json=_body(2), headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text
    jsonschema.validate(r.json(), explainer_schema())
    assert seen == {
        "n": 2,
        "audience": "uk",
        "text": "The Bank of England cut rates to 4% on Thursday.",
    }


def test_feeds_parse(client):
    rss = feedparser.parse(client.get("/feed.xml").content)
    assert not rss.bozo, rss.get("bozo_exception")
    assert rss.version == "rss20"
    titles = [e.title for e in rss.entries]
    assert titles == [
        "Mortgage lenders trim fixed deals after the rate cut",
        "Why the Bank of England cut rates to 4%, and what it means for you",
    ]
    assert rss.entries[1].link == f"http://testserver/explainers/{EID}"
    atom = feedparser.parse(client.get("/atom.xml").content)
    assert atom.version == "atom10" and len(atom.entries) == 2
    cat = feedparser.parse(client.get("/category/business/feed.xml").content)
    assert [e.title for e in cat.entries] == [titles[1]]
    cat_atom = feedparser.parse(client.get("/category/uk/atom.xml").content)
    assert [e.title for e in cat_atom.entries] == [titles[0]]


def test_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    assert "/api/explainers/{explainer_id}" in spec["paths"]
    assert "/api/explain" in spec["paths"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()
    assert "unsafe-inline" not in docs.headers["content-security-policy"]


def test_app_write_api_refuses_a_stranger_before_validating_the_body(monkeypatch) -> None:
    from fastapi.testclient import TestClient

    from backstory.publish import create_app

    app = create_app("sqlite:///:memory:", api_token="s3cret-token")
    client = TestClient(app)
    # A malformed body from someone without the token: 401, not a 422 describing the API.
    response = client.post("/api/explain", json={"nonsense": True})
    assert response.status_code == 401
    assert response.json()["error"] == "missing or wrong bearer token"
    assert response.headers.get("www-authenticate") == "Bearer"
    authorised = client.post(
        "/api/explain", json={"nonsense": True}, headers={"Authorization": "Bearer s3cret-token"}
    )
    assert authorised.status_code == 422


def test_app_docs_work_offline_from_packaged_swagger_assets() -> None:
    from fastapi.testclient import TestClient

    from backstory.publish import create_app

    client = TestClient(create_app("sqlite:///:memory:"))
    page = client.get("/docs")
    assert page.status_code == 200
    assert "cdn.jsdelivr.net" not in page.text
    assert "/docs-assets/swagger-ui-bundle.js" in page.text
    script = client.get("/docs-assets/swagger-ui-bundle.js")
    assert script.status_code == 200 and len(script.content) > 100_000
