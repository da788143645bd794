"""Charts for the Smile Report, drawn with matplotlib as SVG and embedded as data URIs.

Uses ``matplotlib.figure.Figure`` directly (no pyplot): no global state, safe in a web worker. Text is
drawn as paths, so names in a chart can never inject markup into the page and the PDF needs no fonts
for it. Output is deterministic (no date stamp, fixed hash salt) so the same data gives the same file.
"""

from __future__ import annotations

import base64
import io

import matplotlib
from matplotlib.figure import Figure

INK = "#1f2937"
MUTED = "#6b7280"
GRID = "#e5e7eb"
SMILE = "#f59e0b"
OPPORTUNITY = "#6366f1"
MAX_AGENTS = 15


def _style(ax) -> None:
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for side in ("left", "bottom"):
        ax.spines[side].set_color(GRID)
    ax.tick_params(colors=MUTED, labelsize=9)
    ax.set_axisbelow(True)


def _data_uri(fig: Figure) -> str:
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "smilebox", "svg.fonttype": "path"}):
        fig.savefig(buf, format="svg", bbox_inches="tight", metadata={"Date": None})
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode("ascii")


def smiles_per_agent(counts: list[tuple[str, int]]) -> str | None:
    """Horizontal bars, most smiles on top; the top ``MAX_AGENTS`` agents. None when there is nothing."""
    counts = [c for c in counts if c[1] > 0][:MAX_AGENTS]
    if not counts:
        return None
    names = [n for n, _ in reversed(counts)]
    values = [v for _, v in reversed(counts)]
    fig = Figure(figsize=(6.6, 0.27 * len(counts) + 0.7))
    ax = fig.add_subplot()
    bars = ax.barh(names, values, color=SMILE, height=0.66)
    ax.bar_label(bars, padding=3, color=INK, fontsize=9)
    ax.xaxis.grid(True, color=GRID, linewidth=0.8)
    ax.set_xlim(0, max(values) * 1.15 + 0.5)
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.tick_params(axis="y", labelcolor=INK, labelsize=9.5, length=0)
    _style(ax)
    return _data_uri(fig)


def trend(labels: list[str], smiles: list[int], opportunities: list[int]) -> str | None:
    """Smiles and opportunities per month, side by side, the report's month last."""
    if not labels or not any(smiles) and not any(opportunities):
        return None
    fig = Figure(figsize=(6.6, 2.3))
    ax = fig.add_subplot()
    x = list(range(len(labels)))
    width = 0.38
    ax.bar([i - width / 2 for i in x], smiles, width, color=SMILE, label="smiles")
    ax.bar([i + width / 2 for i in x], opportunities, width, color=OPPORTUNITY, label="opportunities")
    ax.set_xticks(x, labels)
    ax.yaxis.grid(True, color=GRID, linewidth=0.8)
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.legend(frameon=False, fontsize=9, loc="upper left", ncols=2, bbox_to_anchor=(0, 1.18))
    _style(ax)
    return _data_uri(fig)
