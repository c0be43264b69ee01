"""The web app: the site's pages live over the store, a JSON API, feeds and a write API.

Security is in the app, not left to a proxy: safe headers on every response, a bound on
request bodies, ids checked before they reach the store, a constant-time token check for
the one endpoint that writes, and errors as JSON without tracebacks.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
from base64 import b64encode
from collections.abc import Awaitable, Callable, MutableMapping
from datetime import datetime
from typing import Any

from fastapi import Depends, FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field, ValidationError
from starlette.exceptions import HTTPException

from backstory.errors import BackstoryError, PublishError
from backstory.models import Article, Explainer, article_id
from backstory.publish import pages
from backstory.publish.feeds import atom_feed, rss_feed
from backstory.publish.links import Links
from backstory.publish.render import render_json, static_text

#: Environment variable holding the bearer token of POST /api/explain.
TOKEN_ENV = "BACKSTORY_API_TOKEN"
#: Largest request body accepted (sources of a big story fit easily in 2 MB).
MAX_BODY_BYTES = 2 * 1024 * 1024
#: Most sources one POST /api/explain may carry.
MAX_SOURCES = 50
#: Longest search query accepted.
MAX_QUERY = 200
#: Explainers scanned to find which ones cite a source (for its highlighted passages).
CITING_SCAN = 200

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SECURITY_HEADERS: dict[str, str] = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

ASGIApp = Callable[
    [MutableMapping[str, Any], Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]],
    Awaitable[None],
]


class SecurityMiddleware:
    """Adds the safe headers to every response and refuses bodies over ``max_body`` (413)."""

    def __init__(self, app: ASGIApp, max_body: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.max_body = max_body

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_body):
            await _send_json(send, 413, {"error": f"request body over {self.max_body} bytes"})
            return
        seen = 0

        async def limited_receive() -> Any:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise HTTPException(413, f"request body over {self.max_body} bytes")
            return message

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [
                    (k.lower().encode(), v.encode())
                    for k, v in SECURITY_HEADERS.items()
                    if k.lower().encode() not in present
                ]
                if b"content-security-policy" not in present:
                    extra.append((b"content-security-policy", CSP.encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, limited_receive, send_with_headers)


async def _send_json(send: Any, status: int, body: dict[str, Any]) -> None:
    data = json.dumps(body).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(data)).encode())]
    headers += [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
    headers.append((b"content-security-policy", CSP.encode()))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": data})


class SourceIn(BaseModel):
    """One source article sent to POST /api/explain."""

    title: str = Field(max_length=1000)
    text: str = Field(min_length=1)
    outlet: str = Field("", max_length=300)
    url: str | None = Field(None, max_length=2000)
    published: datetime | None = None


class ExplainRequest(BaseModel):
    sources: list[SourceIn] = Field(min_length=1, max_length=MAX_SOURCES)
    audience: str = Field("uk", pattern=r"^[a-z][a-z0-9_-]{0,31}$")
    now: datetime | None = None


def _is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def _json_error(status: int, message: str, **extra: Any) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


def _swagger_assets() -> str | None:
    """Swagger UI's files from the swagger-ui-bundle package, so /docs works offline (FastAPI
    would load them from a CDN); None when the package is missing."""
    try:
        import swagger_ui_bundle
    except ImportError:
        return None
    return str(swagger_ui_bundle.swagger_ui_path)


def _swagger_csp(html: str, cdn: bool) -> str:
    """CSP for /docs: Swagger UI's own inline script is allowed by its hash, nothing else
    (and the CDN only when the packaged assets are missing)."""
    origin = "https://cdn.jsdelivr.net " if cdn else ""
    hashes = []
    for body in re.findall(r"<script>(.*?)</script>", html, flags=re.S):
        digest = b64encode(hashlib.sha256(body.encode()).digest()).decode()
        hashes.append(f"'sha256-{digest}'")
    return (
        f"default-src 'self'; script-src 'self' {origin}{' '.join(hashes)}; "
        f"style-src 'self' {origin}; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
    )


def create_app(
    store_url: str | None = None,
    *,
    api_token: str | None = None,
    store: Any = None,
    max_body: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The app over the store at ``store_url`` (or ``store``, an open Store).

    The write API needs ``api_token`` or $BACKSTORY_API_TOKEN; with neither it answers 403.
    """
    if store is None:
        from backstory.store import open_store

        store = open_store(store_url)
    token = api_token if api_token is not None else os.environ.get(TOKEN_ENV) or None
    links = Links()
    app = FastAPI(
        title="backstory",
        summary="Grounded news explainers: every statement traceable to a source passage.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
    )
    app.add_middleware(SecurityMiddleware, max_body=max_body)
    app.state.store = store

    # -- errors ----------------------------------------------------------------------

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        message = exc.detail if isinstance(exc.detail, str) else "request failed"
        if _is_api(request) or exc.status_code in (405, 413):
            return _json_error(exc.status_code, message)
        title = "Page not found" if exc.status_code == 404 else "Something went wrong"
        html = pages.error_page(title, message, links)
        return HTMLResponse(html, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError) -> Response:
        details = [
            {"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))}
            for e in exc.errors()
        ]
        return _json_error(422, "invalid request", details=details)

    @app.exception_handler(BackstoryError)
    async def backstory_error(request: Request, exc: BackstoryError) -> Response:
        status = 500 if isinstance(exc, PublishError) else 400
        return _json_error(status, str(exc))

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        return _json_error(500, "internal error")

    def not_found(what: str) -> HTTPException:
        return HTTPException(404, f"no such {what}")

    def valid_id(value: str, what: str) -> str:
        if not pages.SAFE_ID.match(value):
            raise not_found(what)
        return value

    def get_explainer(explainer_id: str) -> Explainer:
        e = store.latest_explainer(valid_id(explainer_id, "explainer"))
        if e is None:
            raise not_found("explainer")
        return e

    def articles_of(e: Explainer) -> list[Article]:
        return list(store.articles(ids=[s.id for s in e.sources]))

    def html(body: str) -> HTMLResponse:
        return HTMLResponse(body)

    # -- pages -------------------------------------------------------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home() -> HTMLResponse:
        return html(pages.home_page(store.explainers(limit=100), links))

    @app.get("/category/{category}", response_class=HTMLResponse, include_in_schema=False)
    def category(category: str) -> HTMLResponse:
        if not pages.SAFE_CATEGORY.match(category):
            raise not_found("category")
        items = store.explainers(category=category, limit=100)
        if category not in pages.categories_of(items):
            raise not_found("category")
        return html(pages.category_page(category, items, links))

    @app.get("/explainers/{explainer_id}", response_class=HTMLResponse, include_in_schema=False)
    def explainer(explainer_id: str) -> HTMLResponse:
        e = get_explainer(explainer_id)
        versions = store.versions(e.id)
        return html(pages.explainer_page(e, articles_of(e), links, versions=versions))

    @app.get(
        "/explainers/{explainer_id}/versions",
        response_class=HTMLResponse,
        include_in_schema=False,
    )
    def versions(explainer_id: str) -> HTMLResponse:
        e = get_explainer(explainer_id)
        return html(pages.versions_page(e, store.versions(e.id), links))

    @app.get(
        "/explainers/{explainer_id}/v/{version}",
        response_class=HTMLResponse,
        include_in_schema=False,
    )
    def version(explainer_id: str, version: int) -> HTMLResponse:
        latest = get_explainer(explainer_id)
        e = store.explainer_version(latest.id, version) if 0 < version < 2**31 else None
        if e is None:
            raise not_found("version")
        infos = store.versions(e.id)
        return html(
            pages.explainer_page(e, articles_of(e), links, versions=infos, latest=latest.version)
        )

    @app.get("/sources/{source_id}", response_class=HTMLResponse, include_in_schema=False)
    def source(source_id: str) -> HTMLResponse:
        article = store.get_article(valid_id(source_id, "source"))
        if article is None:
            raise not_found("source")
        citing = [
            e
            for e in store.explainers(limit=CITING_SCAN)
            if any(s.id == article.id for s in e.sources)
        ]
        return html(pages.source_page(article, citing, links))

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(q: str = Query("", max_length=MAX_QUERY)) -> HTMLResponse:
        query = q.strip()
        hits = store.search(query, 20) if query else []
        return html(pages.search_page(links, query=query, hits=hits))

    @app.get("/about", response_class=HTMLResponse, include_in_schema=False)
    def about() -> HTMLResponse:
        return html(pages.about_page(links))

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        types = {"style.css": "text/css", "site.js": "text/javascript"}
        if name not in types:
            raise not_found("file")
        return Response(
            static_text(name),
            media_type=f"{types[name]}; charset=utf-8",
            headers={"Cache-Control": "public, max-age=3600"},
        )

    # -- feeds -------------------------------------------------------------------------

    def absolute(request: Request) -> Links:
        return Links(root=str(request.base_url))

    def xml(body: bytes, kind: str) -> Response:
        return Response(body, media_type=f"application/{kind}+xml; charset=utf-8")

    @app.get("/feed.xml", include_in_schema=False)
    def feed(request: Request) -> Response:
        abs_links = absolute(request)
        return xml(
            rss_feed(store.explainers(limit=50), abs_links, self_url=abs_links.feed()), "rss"
        )

    @app.get("/atom.xml", include_in_schema=False)
    def atom(request: Request) -> Response:
        abs_links = absolute(request)
        return xml(
            atom_feed(store.explainers(limit=50), abs_links, self_url=abs_links.atom()), "atom"
        )

    @app.get("/category/{category}/feed.xml", include_in_schema=False)
    def category_feed(category: str, request: Request) -> Response:
        if not pages.SAFE_CATEGORY.match(category):
            raise not_found("category")
        abs_links = absolute(request)
        items = store.explainers(category=category, limit=50)
        body = rss_feed(
            items, abs_links, category=category, self_url=abs_links.category_feed(category)
        )
        return xml(body, "rss")

    @app.get("/category/{category}/atom.xml", include_in_schema=False)
    def category_atom(category: str, request: Request) -> Response:
        if not pages.SAFE_CATEGORY.match(category):
            raise not_found("category")
        abs_links = absolute(request)
        items = store.explainers(category=category, limit=50)
        body = atom_feed(
            items, abs_links, category=category, self_url=abs_links.category_atom(category)
        )
        return xml(body, "atom")

    # -- JSON API ----------------------------------------------------------------------

    def json_response(text: str, status: int = 200) -> Response:
        return Response(text, status_code=status, media_type="application/json")

    @app.get("/api/explainers", tags=["explainers"])
    def api_explainers(
        category: str | None = Query(None, max_length=32), limit: int = Query(50, ge=1, le=200)
    ) -> dict[str, Any]:
        """Latest version of each explainer, most recently updated first."""
        items = store.explainers(category=category, limit=limit)
        return {
            "explainers": [
                {
                    "id": e.id,
                    "version": e.version,
                    "headline": e.headline,
                    "category": e.category,
                    "audience": e.audience,
                    "published": e.published.isoformat(),
                    "updated": e.updated.isoformat(),
                    "url": f"/api/explainers/{e.id}",
                    "page": links.explainer(e.id),
                }
                for e in items
            ]
        }

    @app.get("/api/explainers/{explainer_id}", tags=["explainers"])
    def api_explainer(explainer_id: str) -> Response:
        """The latest version, as the published explainer JSON Schema describes it."""
        return json_response(render_json(get_explainer(explainer_id)))

    @app.get("/api/explainers/{explainer_id}/v/{version}", tags=["explainers"])
    def api_explainer_version(explainer_id: str, version: int) -> Response:
        """One stored version of an explainer."""
        e = get_explainer(explainer_id)
        found = store.explainer_version(e.id, version) if 0 < version < 2**31 else None
        if found is None:
            raise not_found("version")
        return json_response(render_json(found))

    @app.get("/api/explainers/{explainer_id}/versions", tags=["explainers"])
    def api_versions(explainer_id: str) -> dict[str, Any]:
        """Every stored version, oldest first, with what each changed."""
        e = get_explainer(explainer_id)
        return {
            "id": e.id,
            "versions": [
                {
                    "version": v.version,
                    "created": v.created.isoformat(),
                    "n_items": v.n_items,
                    "n_sources": v.n_sources,
                    "summary": v.summary,
                    "url": f"/api/explainers/{e.id}/v/{v.version}",
                }
                for v in store.versions(e.id)
            ],
        }

    @app.get("/api/stories", tags=["stories"])
    def api_stories() -> dict[str, Any]:
        """Stories, most recently updated first."""
        return {
            "stories": [
                {
                    "id": s.id,
                    "headline": s.headline,
                    "n_sources": s.n_sources,
                    "created": s.created.isoformat(),
                    "updated": s.updated.isoformat(),
                }
                for s in store.stories()
            ]
        }

    @app.get("/api/sources/{source_id}", tags=["sources"])
    def api_source(source_id: str) -> Response:
        """A stored source article with its full text (citation offsets point into it)."""
        article = store.get_article(valid_id(source_id, "source"))
        if article is None:
            raise not_found("source")
        return json_response(article.model_dump_json(indent=2))

    def require_token(request: Request) -> None:
        """Refuse before the body is validated, so strangers learn nothing about the API."""
        if token is None:
            raise HTTPException(403, f"the write API is disabled: set {TOKEN_ENV}")
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if scheme.lower() != "bearer" or not hmac.compare_digest(
            value.strip().encode(), token.encode()
        ):
            raise HTTPException(401, "missing or wrong bearer token")

    @app.post("/api/explain", tags=["explainers"], dependencies=[Depends(require_token)])
    def api_explain(body: ExplainRequest) -> Response:
        """Compose and check an explainer from the sources sent (bearer token required).

        Nothing is stored; the explainer is returned as JSON.
        """
        try:
            articles = [
                Article(
                    id=article_id(s.url or s.text),
                    title=s.title,
                    text=s.text,
                    outlet=s.outlet,
                    url=s.url,
                    published=s.published,
                    origin="api",
                    summary_only=False,
                )
                for s in body.sources
            ]
        except ValidationError as exc:
            return _json_error(422, "invalid source", details=[str(e["msg"]) for e in exc.errors()])
        from backstory.pipeline import explain_articles

        explainer = explain_articles(articles, audience=body.audience, now=body.now)
        return json_response(render_json(explainer))

    # -- docs --------------------------------------------------------------------------

    docs_assets = _swagger_assets()
    if docs_assets is not None:
        app.mount("/docs-assets", StaticFiles(directory=docs_assets), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        local: dict[str, Any] = (
            {
                "swagger_js_url": "/docs-assets/swagger-ui-bundle.js",
                "swagger_css_url": "/docs-assets/swagger-ui.css",
                "swagger_favicon_url": "/docs-assets/favicon-32x32.png",
            }
            if docs_assets is not None
            else {}
        )
        page = get_swagger_ui_html(openapi_url="/openapi.json", title="backstory API", **local)
        text = bytes(page.body).decode()
        return HTMLResponse(
            text, headers={"Content-Security-Policy": _swagger_csp(text, docs_assets is None)}
        )

    return app
