"""A read-only SPARQL 1.1 Protocol endpoint over a graph file, on the
standard library's ``ThreadingHTTPServer`` and a pyoxigraph store.

``GET /sparql?query=…``, ``POST`` of a form (``query=…``) or of a
``application/sparql-query`` body; results negotiated from the ``Accept``
header (SPARQL JSON by default, XML, CSV, TSV; Turtle by default for
CONSTRUCT/DESCRIBE, N-Triples, JSON-LD, RDF/XML). ``default-graph-uri`` and
``named-graph-uri`` choose the dataset; without them the default graph is the
union of all graphs, as in ``kg query``, and the usual prefixes (kgo:, kgr:,
org:, skos: …) are predeclared. Updates are refused with 403, other methods
with 405. Every answer carries ``Access-Control-Allow-Origin: *`` so YASGUI
and other browser clients can use it.

Federated queries (``SERVICE``) are refused: pyoxigraph would fetch the
given URL, which would let any web page a user opens make this endpoint
request addresses on the user's network.
"""
from __future__ import annotations

import re
import threading
from collections.abc import Callable
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from .errors import InputError

__all__ = ["make_server", "SparqlServer", "negotiate", "uses_service", "ENDPOINT_PATHS",
           "RESULT_TYPES", "GRAPH_TYPES"]

ENDPOINT_PATHS = ("/sparql", "/query", "/")
MAX_BODY = 1 << 20   # 1 MiB of query text is plenty

RESULT_TYPES: dict[str, ox.QueryResultsFormat] = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
}
GRAPH_TYPES: dict[str, ox.RdfFormat] = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/plain": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
_CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type, Accept, Authorization, X-Requested-With",
    "Access-Control-Max-Age": "86400",
}
_ALLOW = "GET, POST, OPTIONS"

# Lexical pieces that may contain the word SERVICE without being the keyword.
_NOT_KEYWORDS = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
    r'|<[^<>"{}|^`\\\s]*>|#[^\n]*|[?$][\w\u00B7\u00C0-\uFFFF]+|[\w.\-\u00B7\u00C0-\uFFFF]*:[\w.\-:%\\\u00B7\u00C0-\uFFFF]*')


def uses_service(query: str) -> bool:
    """Does the query contain the SERVICE keyword (outside strings, IRIs,
    comments, variables and prefixed names)?"""
    return re.search(r"\bSERVICE\b", _NOT_KEYWORDS.sub(" ", query), re.IGNORECASE) is not None


def negotiate(accept: str | None, offered: dict[str, object], default: str) -> str | None:
    """The media type to answer with, from an ``Accept`` header (q-values
    respected, ties in the client's order); None when nothing offered fits."""
    if not accept or not accept.strip():
        return default
    ranges = []
    for i, part in enumerate(accept.split(",")):
        bits = [b.strip() for b in part.split(";")]
        media = bits[0].lower()
        q = 1.0
        for b in bits[1:]:
            if b.lower().startswith("q="):
                try:
                    q = float(b[2:])
                except ValueError:
                    q = 0.0
        if media and q > 0:
            ranges.append((-q, i, media))
    for _, _, media in sorted(ranges):
        if media in offered:
            return media
        if media in ("*/*", "*"):
            return default
        if media.endswith("/*"):
            major = media[:-1]
            if default.startswith(major):
                return default
            match = next((m for m in offered if m.startswith(major)), None)
            if match:
                return match
    return None


class _Refused(Exception):
    def __init__(self, status: HTTPStatus, message: str, headers: dict[str, str] | None = None):
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


def _handler(store: ox.Store, log: Callable[[str], None] | None):
    from .query import PREFIX_MAP

    class Handler(BaseHTTPRequestHandler):
        server_version = "policy-kg-sparql/1"
        protocol_version = "HTTP/1.1"

        # -- plumbing ------------------------------------------------------
        def log_message(self, format: str, *args) -> None:   # noqa: A002 (stdlib signature)
            if log is not None:
                log(f"{self.address_string()} {format % args}")

        def _send(self, status: HTTPStatus, body: bytes, content_type: str,
                  headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for k, v in {**_CORS, **(headers or {})}.items():
                self.send_header(k, v)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def _error(self, exc: _Refused) -> None:
            self.close_connection = True   # a refused request's body may be unread
            exc.headers.setdefault("Connection", "close")
            self._send(exc.status, (str(exc) + "\n").encode("utf-8"), "text/plain; charset=utf-8", exc.headers)

        # -- methods -------------------------------------------------------
        def do_OPTIONS(self) -> None:   # CORS preflight
            self._send(HTTPStatus.NO_CONTENT, b"", "text/plain", {"Allow": _ALLOW})

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            try:
                self._check_path(url.path)
                params = parse_qs(url.query, keep_blank_values=True)
                if "update" in params:
                    raise _Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
                if "query" not in params:
                    self._send(HTTPStatus.OK, _about(self.server).encode("utf-8"), "text/plain; charset=utf-8")
                    return
                self._answer(params)
            except _Refused as exc:
                self._error(exc)

        do_HEAD = do_GET

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            try:
                self._check_path(url.path)
                params = parse_qs(url.query, keep_blank_values=True)
                body = self._body()
                ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                if ctype == "application/sparql-update":
                    raise _Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
                if ctype == "application/x-www-form-urlencoded":
                    form = parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)
                    if "update" in form or "update" in params:
                        raise _Refused(HTTPStatus.FORBIDDEN, "this endpoint is read-only: updates are refused")
                    params.update(form)
                elif ctype == "application/sparql-query":
                    params["query"] = [body.decode("utf-8", "replace")]
                else:
                    raise _Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                   "POST a form (application/x-www-form-urlencoded) or application/sparql-query")
                if "query" not in params:
                    raise _Refused(HTTPStatus.BAD_REQUEST, "no query parameter")
                self._answer(params)
            except _Refused as exc:
                self._error(exc)

        def _refuse_method(self) -> None:
            self._error(_Refused(HTTPStatus.METHOD_NOT_ALLOWED,
                                 f"{self.command} is not allowed: this endpoint is read-only",
                                 {"Allow": _ALLOW}))

        do_PUT = do_DELETE = do_PATCH = _refuse_method

        # -- helpers -------------------------------------------------------
        def _check_path(self, path: str) -> None:
            if path not in ENDPOINT_PATHS:
                raise _Refused(HTTPStatus.NOT_FOUND, f"no such resource {path}; the endpoint is /sparql")

        def _body(self) -> bytes:
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                raise _Refused(HTTPStatus.BAD_REQUEST, "bad Content-Length") from None
            if length > MAX_BODY:
                raise _Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, f"request body over {MAX_BODY} bytes")
            return self.rfile.read(length) if length > 0 else b""

        def _answer(self, params: dict[str, list[str]]) -> None:
            queries = params["query"]
            if len(queries) != 1:
                raise _Refused(HTTPStatus.BAD_REQUEST, "give exactly one query parameter")
            query = queries[0]
            if uses_service(query):
                raise _Refused(HTTPStatus.FORBIDDEN, "federated queries (SERVICE) are disabled on this endpoint")
            options = _dataset(params)
            try:
                result = store.query(query, prefixes=PREFIX_MAP, **options)
            except SyntaxError as exc:
                raise _Refused(HTTPStatus.BAD_REQUEST, f"SPARQL syntax error: {exc}") from None
            except (OSError, RuntimeError, ValueError) as exc:
                raise _Refused(HTTPStatus.BAD_REQUEST, f"query failed: {exc}") from None
            accept = self.headers.get("Accept")
            if isinstance(result, ox.QueryTriples):
                offered, default = GRAPH_TYPES, "text/turtle"
            else:
                offered, default = RESULT_TYPES, "application/sparql-results+json"
            media = negotiate(accept, offered, default)
            if media is None:
                raise _Refused(HTTPStatus.NOT_ACCEPTABLE,
                               f"cannot answer as {accept}; available: {', '.join(offered)}")
            try:
                if isinstance(result, ox.QueryTriples):
                    prefixes = PREFIX_MAP if media == "text/turtle" else None
                    body = ox.serialize(list(result), format=GRAPH_TYPES[media], prefixes=prefixes)
                else:
                    body = result.serialize(format=RESULT_TYPES[media])
            except (OSError, RuntimeError, ValueError) as exc:
                raise _Refused(HTTPStatus.INTERNAL_SERVER_ERROR, f"query failed: {exc}") from None
            charset = "" if media in ("application/sparql-results+json", "application/json",
                                      "application/ld+json") else "; charset=utf-8"
            self._send(HTTPStatus.OK, body, media + charset, {"Vary": "Accept"})

    return Handler


def _dataset(params: dict[str, list[str]]) -> dict:
    """pyoxigraph query options for the protocol's dataset parameters."""
    try:
        default = [ox.NamedNode(i) for i in params.get("default-graph-uri", [])]
        named = [ox.NamedNode(i) for i in params.get("named-graph-uri", [])]
    except ValueError as exc:
        raise _Refused(HTTPStatus.BAD_REQUEST, f"bad graph IRI: {exc}") from None
    options: dict = {}
    if default:
        options["default_graph"] = default
    else:
        options["use_default_graph_as_union"] = True
    if named:
        options["named_graphs"] = named
    return options


def _about(server: SparqlServer) -> str:
    return (f"policy-kg read-only SPARQL endpoint over {server.source} ({server.triples} quads).\n"
            f"Query it at {server.url} with GET ?query=… or POST (form or application/sparql-query).\n")


class SparqlServer(ThreadingHTTPServer):
    """The endpoint; ``url`` is where to send queries. Use ``serve_forever()``
    (blocking) or ``start()`` (a daemon thread) and ``close()``."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, store: ox.Store, host: str = "127.0.0.1", port: int = 7878, *,
                 source: str = "", log: Callable[[str], None] | None = None, triples: int | None = None):
        import socket

        if ":" in host:
            self.address_family = socket.AF_INET6
        self.store = store
        self.source = source or "an in-memory store"
        self.triples = len(store) if triples is None else triples
        self._thread: threading.Thread | None = None
        super().__init__((host, port), _handler(store, log))

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/sparql"

    def start(self) -> SparqlServer:
        self._thread = threading.Thread(target=self.serve_forever, name="kg-sparql", daemon=True)
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread is not None:
            self.shutdown()
            self._thread.join(timeout=10)
            self._thread = None
        self.server_close()


def make_server(graph, host: str = "127.0.0.1", port: int = 7878, *,
                log: Callable[[str], None] | None = None, persistent: bool = False,
                store_dir=None) -> SparqlServer:
    """An endpoint over ``graph`` (a path to a graph file, or a pyoxigraph
    Store). ``port=0`` picks a free port (see ``.url``). With ``persistent``
    a file is served from its on-disk store (:func:`kg.query.open_graph`),
    built on first use. Raises InputError when the file cannot be read or
    the address cannot be bound."""
    from .query import open_graph

    is_store = isinstance(graph, ox.Store)
    store = graph if is_store else open_graph(graph, persistent=persistent, store_dir=store_dir)
    triples = None
    if persistent and not is_store:
        from pathlib import Path

        from .oxstore import stored_quads

        triples = stored_quads(graph, Path(store_dir) if store_dir else None)
    try:
        return SparqlServer(store, host, port, source="" if is_store else str(graph), log=log, triples=triples)
    except OSError as exc:
        raise InputError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
