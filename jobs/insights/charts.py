"""Server-rendered SVG charts of the insights page: no JavaScript, no chart library.

Each chart is a <figure> holding an <svg role="img"> named by its <title> and summarised by its <desc>, followed
by a visually hidden table of the same numbers. Every string (skill names come from postings and from what users
type) goes through format_html, so it is escaped; colours come from static/css/insights.css classes.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from django.utils.html import format_html
from django.utils.safestring import SafeString

from careeragent.charts import data_table, figure, join

WIDTH = 640
BAR = 22
GAP = 8
LABEL_WIDTH = 170
NAME_CHARS = 24


def _figure(chart_id: str, title: str, summary: str, height: int, body: SafeString, table: SafeString, width=WIDTH):
    return figure(
        css="ins-chart",
        chart_id=chart_id,
        title=title,
        summary=summary,
        width=width,
        height=height,
        body=body,
        table=table,
    )


_join = join
_table = data_table


def _short(name: str) -> str:
    return name if len(name) <= NAME_CHARS else name[: NAME_CHARS - 1] + "\u2026"


def money(value: float | None, currency: str = "") -> str:
    if value is None:
        return "\u2013"
    text = f"{value / 1000:,.0f}k" if value >= 1000 else f"{value:,.0f}"
    return f"{currency} {text}".strip()


def demand_chart(rows: Sequence[dict], *, window: int, chart_id: str = "ins-demand") -> SafeString:
    """A horizontal bar per skill: the share of the window's postings mentioning it; the user's skills marked."""
    title = f"Most requested skills, last {window} days"
    top = max((r["share"] for r in rows), default=0) or 1
    room = WIDTH - LABEL_WIDTH - 150
    height = max(len(rows), 1) * (BAR + GAP) + GAP
    parts = []
    for i, row in enumerate(rows):
        y = GAP + i * (BAR + GAP)
        width = max(round(room * row["share"] / top, 1), 2)
        parts.append(
            format_html(
                "<g><title>{full}</title>"
                '<text class="ins-label" x="{lx}" y="{ty}" text-anchor="end">{name}</text>'
                '<rect class="ins-bar{cls}" x="{x}" y="{y}" width="{w}" height="{h}" rx="3"></rect>'
                '<text class="ins-value" x="{vx}" y="{ty}">{share}% <tspan class="ins-muted">{mark}</tspan></text>'
                "</g>",
                full=f"{row['skill']}: {row['share']}% ({row['count']} postings)",
                lx=LABEL_WIDTH - 8,
                ty=y + BAR / 2 + 5,
                name=_short(row["skill"]),
                cls=" ins-bar-have" if row["have"] else "",
                x=LABEL_WIDTH,
                y=y,
                w=width,
                h=BAR,
                vx=LABEL_WIDTH + width + 6,
                share=row["share"],
                mark="\u2713 you have it" if row["have"] else "",
            )
        )
    summary = (
        "; ".join(f"{r['skill']} {r['share']}%" + (" (you have it)" if r["have"] else "") for r in rows)
        or "No skills found."
    )
    table = _table(
        title,
        ["Skill", "Share of postings", "Postings", "You have it"],
        [(r["skill"], f"{r['share']}%", r["count"], "yes" if r["have"] else "no") for r in rows],
    )
    return _figure(chart_id, title, summary, height, _join(parts), table)


def coverage_chart(cov: dict, *, window: int, chart_id: str = "ins-coverage") -> SafeString:
    """A donut: how many of the top demanded skills the user has."""
    size, radius, stroke = 160, 60, 22
    have, total = len(cov["have"]), cov["total"]
    circumference = 2 * math.pi * radius
    arc = round(circumference * have / total, 2) if total else 0
    title = f"Your coverage of the {total} most requested skills, last {window} days"
    body = format_html(
        '<circle class="ins-ring" cx="{c}" cy="{c}" r="{r}" stroke-width="{s}"></circle>'
        '<circle class="ins-ring-have" cx="{c}" cy="{c}" r="{r}" stroke-width="{s}" '
        'stroke-dasharray="{arc} {rest}" transform="rotate(-90 {c} {c})"></circle>'
        '<text class="ins-donut-figure" x="{c}" y="{ty}" text-anchor="middle">{have}/{total}</text>'
        '<text class="ins-muted" x="{c}" y="{ty2}" text-anchor="middle">{pct}%</text>',
        c=size // 2,
        r=radius,
        s=stroke,
        arc=arc,
        rest=round(circumference, 2),
        ty=size // 2 + 4,
        ty2=size // 2 + 22,
        have=have,
        total=total,
        pct=cov["pct"],
    )
    summary = f"You have {have} of {total} ({cov['pct']}%)."
    if cov["have"]:
        summary += " You have: " + ", ".join(cov["have"]) + "."
    if cov["missing"]:
        summary += " Missing: " + ", ".join(cov["missing"]) + "."
    table = _table(
        title,
        ["Skill", "You have it"],
        [(s, "yes") for s in cov["have"]] + [(s, "no") for s in cov["missing"]],
    )
    return _figure(chart_id, title, summary, size, body, table, width=size)


def salary_chart(rows: Sequence[dict], *, currency: str, title: str, chart_id: str) -> SafeString:
    """A box per row from p25 to p75 with a tick at the median, and n; rows under the minimum say so instead."""
    shown = [r for r in rows if r["median"] is not None]
    low = min((r["p25"] for r in shown), default=0)
    high = max((r["p75"] for r in shown), default=1)
    span = (high - low) or 1
    left, room = LABEL_WIDTH, WIDTH - LABEL_WIDTH - 150
    height = max(len(rows), 1) * (BAR + GAP) + GAP + 18

    def x_of(value: float) -> float:
        return round(left + room * (value - low) / span, 1)

    parts = []
    for i, row in enumerate(rows):
        y = GAP + i * (BAR + GAP)
        ty = y + BAR / 2 + 5
        parts.append(
            format_html(
                '<text class="ins-label" x="{lx}" y="{ty}" text-anchor="end">{name}</text>',
                lx=LABEL_WIDTH - 8,
                ty=ty,
                name=_short(row["label"]),
            )
        )
        if row["median"] is None:
            parts.append(
                format_html(
                    '<text class="ins-muted" x="{x}" y="{ty}">fewer than 5 postings (n={n})</text>',
                    x=left,
                    ty=ty,
                    n=row["n"],
                )
            )
            continue
        x1, x2, xm = x_of(row["p25"]), x_of(row["p75"]), x_of(row["median"])
        parts.append(
            format_html(
                "<g><title>{full}</title>"
                '<rect class="ins-box" x="{x}" y="{y}" width="{w}" height="{h}" rx="2"></rect>'
                '<line class="ins-median" x1="{xm}" x2="{xm}" y1="{y0}" y2="{y1}"></line>'
                '<text class="ins-value" x="{vx}" y="{ty}">{median} <tspan class="ins-muted">n={n}</tspan></text>'
                "</g>",
                full=(
                    f"{row['label']}: median {money(row['median'], currency)}, middle half "
                    f"{money(row['p25'], currency)} to {money(row['p75'], currency)}, {row['n']} postings"
                ),
                x=x1,
                y=y,
                w=max(round(x2 - x1, 1), 2),
                h=BAR,
                xm=xm,
                y0=y - 2,
                y1=y + BAR + 2,
                vx=max(x2, x1 + 2) + 6,
                ty=ty,
                median=money(row["median"]),
                n=row["n"],
            )
        )
    axis_y = height - 4
    parts.append(
        format_html(
            '<text class="ins-axis" x="{x1}" y="{y}">{lo}</text>'
            '<text class="ins-axis" x="{x2}" y="{y}" text-anchor="end">{hi}</text>',
            x1=left,
            x2=left + room,
            y=axis_y,
            lo=money(low, currency),
            hi=money(high, currency),
        )
    )
    summary = "; ".join(
        f"{r['label']}: fewer than 5 postings"
        if r["median"] is None
        else f"{r['label']}: median {money(r['median'], currency)} (n={r['n']})"
        for r in rows
    )
    table = _table(
        title,
        ["Group", "Postings", "25th percentile", "Median", "75th percentile"],
        [(r["label"], r["n"], *_spread_cells(r, currency)) for r in rows],
    )
    return _figure(chart_id, title, summary or "No salaries.", height, _join(parts), table)


def _spread_cells(row: dict, currency: str) -> tuple[str, str, str]:
    if row["median"] is None:
        return ("fewer than 5 postings", "", "")
    return money(row["p25"], currency), money(row["median"], currency), money(row["p75"], currency)
