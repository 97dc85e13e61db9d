"""The network view: the signed, weighted graph of relations over a time window,
with each state's centrality and community, and its structural balance.

An edge joins two sides that dealt with each other; its weight is the summed
Goldstein score of their events and its sign that of the mean. A triad of three
linked sides is balanced when the product of its signs is positive ("the friend
of my friend", "the enemy of my enemy")."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import combinations
from typing import Any

import duckdb
import networkx as nx

from detente.store.counting import DEFAULT_RULE, CountRule, dyad_totals
from detente.store.series import window_clause


@dataclass
class Node:
    side: str
    events: int
    strength: float          # summed |weight| of its edges
    degree_centrality: float
    betweenness: float
    community: int


@dataclass
class Edge:
    side_a: str
    side_b: str
    events: int
    cooperative: int
    conflictual: int
    goldstein_mean: float
    weight: float            # summed Goldstein
    sign: int                # +1 friendly, -1 hostile, 0 neutral


@dataclass
class Triad:
    sides: tuple[str, str, str]
    signs: tuple[int, int, int]
    balanced: bool
    tension: float           # how strongly unbalanced: product of the three |mean Goldstein|


@dataclass
class RelationNetwork:
    start: str | None
    end: str | None
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    triads: int = 0
    balanced_share: float | None = None
    most_unbalanced: list[Triad] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["balance"] = {"triads": record.pop("triads"),
                             "balanced_share": record.pop("balanced_share"),
                             "most_unbalanced": record.pop("most_unbalanced")}
        return record


def relation_edges(connection: duckdb.DuckDBPyConnection, start: str | None, end: str | None,
                   min_events: int, rule: CountRule = DEFAULT_RULE) -> list[Edge]:
    """One signed edge per pair of sides with at least ``min_events`` events counted by
    ``rule`` in the window."""
    totals = dyad_totals(connection, rule, window=window_clause("count_day", start, end),
                         min_events=min_events)
    return [Edge(total.side_a, total.side_b, total.events, total.cooperative,
                 total.conflictual, total.goldstein_mean, total.goldstein_sum,
                 (total.goldstein_mean > 0) - (total.goldstein_mean < 0))
            for total in sorted(totals, key=lambda total: (total.side_a, total.side_b))]


def balance(graph: nx.Graph, limit: int = 10) -> tuple[int, float | None, list[Triad]]:
    """(closed triads, share balanced, the most unbalanced ones) over signed edges."""
    signed = nx.Graph((a, b, data) for a, b, data in graph.edges(data=True) if data["sign"])
    triads: list[Triad] = []
    for a in signed:
        for b, c in combinations(sorted(signed[a]), 2):
            if not (a < b and a < c and signed.has_edge(b, c)):
                continue  # each triangle once, from its smallest side
            edges = (signed[a][b], signed[a][c], signed[b][c])
            signs = tuple(edge["sign"] for edge in edges)
            tension = abs(edges[0]["mean"] * edges[1]["mean"] * edges[2]["mean"])
            triads.append(Triad((a, b, c), signs, signs[0] * signs[1] * signs[2] > 0,
                                round(tension, 3)))
    if not triads:
        return 0, None, []
    balanced = sum(triad.balanced for triad in triads)
    unbalanced = sorted((t for t in triads if not t.balanced), key=lambda t: -t.tension)
    return len(triads), round(balanced / len(triads), 3), unbalanced[:limit]


def relation_network(connection: duckdb.DuckDBPyConnection, start: str | None = None,
                     end: str | None = None, min_events: int = 1,
                     rule: CountRule = DEFAULT_RULE) -> RelationNetwork:
    """The signed relation graph of the window, its centralities, communities and balance.

    Communities are found on the friendly edges alone (greedy modularity), so a
    community is a bloc of states on good terms."""
    edges = relation_edges(connection, start, end, min_events, rule)
    graph = nx.Graph()
    for edge in edges:
        graph.add_edge(edge.side_a, edge.side_b, weight=edge.weight, sign=edge.sign,
                       mean=edge.goldstein_mean, events=edge.events,
                       distance=1.0 / (1.0 + abs(edge.weight)))
    network = RelationNetwork(start, end, edges=edges)
    if not graph:
        return network
    friendly = nx.Graph()
    friendly.add_nodes_from(graph)
    friendly.add_weighted_edges_from((e.side_a, e.side_b, e.weight) for e in edges if e.sign > 0)
    blocs = nx.community.greedy_modularity_communities(friendly, weight="weight") \
        if friendly.number_of_edges() else [{node} for node in friendly]
    community = {node: index for index, bloc in enumerate(
        sorted(blocs, key=lambda bloc: (-len(bloc), min(bloc)))) for node in bloc}
    degree = nx.degree_centrality(graph)
    betweenness = nx.betweenness_centrality(graph, weight="distance")
    network.nodes = sorted(
        (Node(side, sum(data["events"] for data in graph[side].values()),
              round(sum(abs(data["weight"]) for data in graph[side].values()), 3),
              round(degree[side], 3), round(betweenness[side], 3), community[side])
         for side in graph), key=lambda node: (-node.events, node.side))
    network.triads, network.balanced_share, network.most_unbalanced = balance(graph)
    return network
