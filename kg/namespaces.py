"""The namespaces of the public vocabulary (docs/VOCABULARY.md)."""
from __future__ import annotations

from functools import cache

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = ["KGO", "KGR", "ORG", "bind_prefixes"]


class _Vocabulary(Namespace):
    """A ``Namespace`` that makes each of its terms once: ``KGO.value`` is read
    for every fact, and one object per term saves rdflib's IRI check and lets
    the graph's dictionaries match it by identity. For vocabularies only (the
    terms are kept for the life of the process)."""

    def term(self, name: str) -> URIRef:
        return _term(str(self), name if isinstance(name, str) else "")


@cache
def _term(namespace: str, name: str) -> URIRef:
    return URIRef(namespace + name)


KGO = _Vocabulary("https://w3id.org/policy-kg/ontology#")
KGR = Namespace("https://w3id.org/policy-kg/resource/")
ORG = _Vocabulary("http://www.w3.org/ns/org#")


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in (("kgo", KGO), ("kgr", KGR), ("org", ORG), ("skos", SKOS), ("prov", PROV),
                       ("dcterms", DCTERMS), ("foaf", FOAF), ("xsd", XSD), ("rdf", RDF), ("rdfs", RDFS),
                       ("owl", OWL)):
        g.bind(prefix, ns, override=True, replace=True)
    return g
