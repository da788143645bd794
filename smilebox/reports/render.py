"""The Jinja environment for report templates: autoescape always on, undefined names are errors.

Everything a customer or colleague wrote reaches the page only through autoescaping; the one value
marked safe is a chart's data URI, which this package generates itself.
"""

from __future__ import annotations

from functools import lru_cache

from jinja2 import Environment, PackageLoader, StrictUndefined


def _number(value, kind: str = "count") -> str:
    if value is None:
        return "–"
    if kind == "rate":
        return f"{value:.0%}"
    return f"{value:,.0f}"


def _delta(metric) -> str:
    d = metric.delta
    if d is None:
        return "no comparison"
    if metric.kind == "rate":
        points = round(d * 100)
        return "±0 pts" if points == 0 else f"{'+' if points > 0 else '−'}{abs(points)} pts"
    return "±0" if d == 0 else f"{'+' if d > 0 else '−'}{abs(d):,.0f}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("smilebox.reports", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.filters["delta"] = _delta
    return env


def render(template: str, **context) -> str:
    return environment().get_template(template).render(**context)
