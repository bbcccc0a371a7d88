"""Upload a graph to any SPARQL 1.1 Graph Store Protocol server (Fuseki,
GraphDB, Virtuoso, Oxigraph server, Neptune …).

The graph is split as in the TriG export (:func:`kg.export.split_by_article`):
each article's facts go to a named graph named by the article's IRI, and the
shared part (entities, labels, years, article metadata) to one more named
graph, ``--graph`` or by default :data:`DEFAULT_GRAPH`. Each named graph is
sent with one ``PUT ?graph=IRI``, which replaces that graph on the server, so
pushing the same graph twice leaves the same triples (a ``POST`` would add a
second copy of anything with blank nodes: design/PITFALLS.md). Graphs with
blank nodes are refused for the same reason: their identity would not survive
being split over several requests. The body is N-Triples sent as
``text/turtle`` (N-Triples is a subset of Turtle, the one syntax every store
accepts).
"""
from __future__ import annotations

import socket
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from .errors import KGError

__all__ = ["DEFAULT_GRAPH", "PushError", "PushResult", "graph_payloads", "push", "graph_url"]

DEFAULT_GRAPH = "https://w3id.org/policy-kg/resource/graph/shared"
_CONTENT_TYPE = "text/turtle; charset=utf-8"


class PushError(KGError):
    """The server could not be reached or refused the data."""


@dataclass
class PushResult:
    endpoint: str
    graphs: list[tuple[str, int]] = field(default_factory=list)   # (graph IRI, triples sent)

    @property
    def triples(self) -> int:
        return sum(n for _, n in self.graphs)


def graph_url(endpoint: str, graph: str) -> str:
    """``endpoint?graph=IRI`` (indirect graph identification), keeping any
    query string the endpoint URL already has."""
    sep = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    return f"{endpoint}{sep}{urllib.parse.urlencode({'graph': graph})}"


def graph_payloads(triples: Iterable[ox.Triple], *, shared_graph: str = DEFAULT_GRAPH,
                   single: bool = False) -> list[tuple[str, bytes, int]]:
    """(graph IRI, N-Triples body, triple count) for each PUT, sorted by IRI.

    ``single`` puts everything into ``shared_graph``."""
    from .export import split_by_article

    triples = list(triples)
    blank = sum(1 for t in triples if isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode))
    if blank:
        raise PushError(f"the graph has {blank} triples with blank nodes; kg push needs IRIs only "
                        "(as `kg build` writes), since blank nodes cannot be matched again on a re-push")
    try:
        shared = ox.NamedNode(shared_graph)
    except ValueError as exc:
        raise PushError(f"not a valid graph IRI: {shared_graph!r}: {exc}") from exc
    groups: dict[str, list[ox.Triple]] = defaultdict(list)
    if single:
        groups[shared.value] = triples
    else:
        for q in split_by_article(triples):
            name = shared.value if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name.value
            groups[name].append(q.triple)
    out = []
    for name in sorted(groups):
        items = sorted(set(groups[name]), key=str)
        out.append((name, ox.serialize(items, format=ox.RdfFormat.N_TRIPLES), len(items)))
    return out


def _put(url: str, body: bytes, timeout: float) -> None:
    req = urllib.request.Request(url, data=body, method="PUT",
                                 headers={"Content-Type": _CONTENT_TYPE, "Accept": "*/*"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:   # noqa: S310 (the user's own endpoint)
        resp.read()


def push(triples: Iterable[ox.Triple], endpoint: str, *, graph: str | None = None, single: bool = False,
         timeout: float = 120.0) -> PushResult:
    """PUT the graph to the Graph Store ``endpoint`` (e.g.
    ``http://localhost:7878/store`` for Oxigraph, ``http://host:3030/ds/data``
    for Fuseki). Raises PushError with a readable message on any failure."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"not an http(s) URL: {endpoint!r}")
    result = PushResult(endpoint)
    for name, body, count in graph_payloads(triples, shared_graph=graph or DEFAULT_GRAPH, single=single):
        url = graph_url(endpoint, name)
        try:
            _put(url, body, timeout)
        except urllib.error.HTTPError as exc:
            detail = exc.read(500).decode("utf-8", "replace").strip()
            raise PushError(f"{endpoint} answered HTTP {exc.code} {exc.reason} to PUT graph <{name}>"
                            + (f": {detail}" if detail else "")
                            + (f" ({len(result.graphs)} of the graphs were stored before)" if result.graphs else "")
                            ) from exc
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, ConnectionRefusedError):
                why = "connection refused (is the triple store running, and on this port?)"
            elif isinstance(reason, socket.gaierror):
                why = f"unknown host {parts.hostname!r}"
            else:
                why = str(reason)
            raise PushError(f"cannot reach {endpoint}: {why}") from exc
        except (TimeoutError, socket.timeout) as exc:
            raise PushError(f"{endpoint} did not answer within {timeout:g} s") from exc
        except (ConnectionError, OSError) as exc:
            raise PushError(f"cannot reach {endpoint}: {exc}") from exc
        result.graphs.append((name, count))
    return result
