"""A drawn view (``fazhi.queries.browse.View``) as files: GraphML for Gephi/yEd, PNG for a report or a slide.

Colours by class are the vocabulary's (``fazhi.ontology.kinds``), shared with the app's legend, so the picture
and the screen agree.
"""
from __future__ import annotations

import io

import networkx as nx

from fazhi.ontology.kinds import shown
from fazhi.queries.browse import View


def colour(cls: str) -> str:
    """The colour of a class (grey for classes without their own; declared in ``fazhi.ontology.kinds``).

    >>> colour("Agency"), colour("Unheard")
    ('#2471a3', '#566573')
    """
    return shown(cls).colour


def to_networkx(view: View) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for n in view.nodes:
        g.add_node(n["id"], label=n["label"], **{"class": n["cls"]})
    for e in view.edges:
        g.add_edge(e["source"], e["target"], predicate=e["predicate"])
    return g


def graphml_bytes(view: View) -> bytes:
    """The view as GraphML (UTF-8): node label and class, edge predicate."""
    buf = io.BytesIO()
    nx.write_graphml(to_networkx(view), buf, encoding="utf-8")
    return buf.getvalue()


def _cjk_font() -> str | None:
    """A font that has Chinese glyphs (Noto CJK from Debian's fonts-noto-cjk), if installed."""
    from matplotlib import font_manager

    for f in font_manager.fontManager.ttflist:
        if "CJK" in f.name and ("SC" in f.name or "JP" in f.name):
            return f.name
    return None


def _layout(g: nx.DiGraph) -> dict:
    """Hubs in the middle, the rest on a ring around them: readable for neighbourhoods and short chains."""
    if g.number_of_nodes() <= 2:
        return nx.circular_layout(g)
    degree = dict(g.to_undirected().degree())
    ranked = sorted(g.nodes, key=lambda n: (-degree[n], str(n)))
    hubs = [n for n in ranked[:3] if degree[n] >= max(2, degree[ranked[0]] // 2)] or ranked[:1]
    return nx.shell_layout(g, [hubs, [n for n in ranked if n not in hubs]])


def png_bytes(view: View, *, width: float = 10, height: float = 7, dpi: int = 110,
              legend: dict[str, str] | None = None) -> bytes:
    """The view drawn with networkx + matplotlib (no browser needed): coloured nodes, labels, a legend naming
    each class by ``legend[cls]`` (the class's label in the reader's language), else by the class."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    font = _cjk_font()
    g = nx.DiGraph(to_networkx(view))
    fig, ax = plt.subplots(figsize=(width, height), dpi=dpi)
    try:
        if g.number_of_nodes():
            pos = _layout(g)
            nx.draw_networkx_edges(g, pos, ax=ax, edge_color="#aab7b8", arrows=True, arrowsize=10)
            nx.draw_networkx_nodes(g, pos, ax=ax, node_size=320,
                                   node_color=[colour(g.nodes[n]["class"]) for n in g.nodes])
            labels = {n: (g.nodes[n]["label"][:18] + ("…" if len(g.nodes[n]["label"]) > 18 else "")) for n in g}
            nx.draw_networkx_labels(g, pos, labels, ax=ax, font_size=7, font_family=font or "sans-serif")
            names = legend or {}
            # (the legend names classes in the reader's language: Chinese needs the CJK font too)
            ax.legend(handles=[Patch(color=colour(c), label=names.get(c, c)) for c in view.classes()], loc="upper left",
                      bbox_to_anchor=(1.0, 1.0), prop={"family": font or "sans-serif", "size": 8}, frameon=False)
            ax.margins(0.12)
        ax.set_axis_off()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", bbox_inches="tight")
        return buf.getvalue()
    finally:
        plt.close(fig)
