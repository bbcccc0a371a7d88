"""The namespaces of the public vocabulary (docs/VOCABULARY.md)."""
from __future__ import annotations

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SKOS, XSD

__all__ = ["KGO", "KGR", "ORG", "bind_prefixes"]

KGO = Namespace("https://w3id.org/policy-kg/ontology#")
KGR = Namespace("https://w3id.org/policy-kg/resource/")
ORG = Namespace("http://www.w3.org/ns/org#")


def bind_prefixes(g: Graph) -> Graph:
    for prefix, ns in (("kgo", KGO), ("kgr", KGR), ("org", ORG), ("skos", SKOS), ("prov", PROV),
                       ("dcterms", DCTERMS), ("foaf", FOAF), ("xsd", XSD), ("rdf", RDF), ("rdfs", RDFS),
                       ("owl", OWL)):
        g.bind(prefix, ns, override=True, replace=True)
    return g
