"""Small server-rendered SVG charts for the tracker's dashboard: no JavaScript, no chart library.

Each chart is a <figure> holding an <svg role="img"> named by its <title> and summarised by its <desc>, followed
by a visually hidden table of the same numbers for screen readers. Every string that can come from a user
(source names, resume labels) goes through format_html, so it is escaped; colours come from tracker.css classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from careeragent.charts import data_table, figure, join

BAR_HEIGHT = 26
GAP = 8
LABEL_WIDTH = 180  # room on the left of horizontal bars for their labels
WIDTH = 600


def _figure(chart_id: str, title: str, summary: str, width: int, height: int, body: SafeString, table: SafeString):
    return figure(
        css="chart", chart_id=chart_id, title=title, summary=summary, width=width, height=height, body=body, table=table
    )


_join = join
_table = data_table


def _scale(value: float, top: float, length: float) -> float:
    return 0.0 if not top else round(length * value / top, 1)


def _pct_text(pct: int | None) -> str:
    return "" if pct is None else f"{pct}%"


def funnel_chart(stages: Sequence[dict], *, chart_id: str = "chart-funnel") -> SafeString:
    """Bars for applied -> screening -> interviewing -> offer, with counts and conversion from the stage before."""
    top = max((s["count"] for s in stages), default=0)
    bar_room = WIDTH - LABEL_WIDTH - 90
    height = len(stages) * (BAR_HEIGHT + GAP) + GAP
    parts = []
    for i, stage in enumerate(stages):
        y = GAP + i * (BAR_HEIGHT + GAP)
        width = max(_scale(stage["count"], top, bar_room), 2)
        conversion = "" if stage.get("pct") is None else f"\u2192 {stage['pct']}%"
        parts.append(
            format_html(
                '<g class="funnel-stage"><text class="chart-label" x="{lx}" y="{ty}" text-anchor="end">{label}</text>'
                '<rect class="chart-bar" x="{x}" y="{y}" width="{w}" height="{h}" rx="3"></rect>'
                '<text class="chart-value" x="{vx}" y="{ty}">{count} <tspan class="chart-muted">{conv}</tspan></text>'
                "</g>",
                lx=LABEL_WIDTH - 8,
                ty=y + BAR_HEIGHT / 2 + 5,
                label=stage["label"],
                x=LABEL_WIDTH,
                y=y,
                w=width,
                h=BAR_HEIGHT,
                vx=LABEL_WIDTH + width + 6,
                count=stage["count"],
                conv=conversion,
            )
        )
    summary = ", ".join(
        f"{s['label']} {s['count']}" + (f" ({s['pct']}% of the stage before)" if s.get("pct") is not None else "")
        for s in stages
    )
    table = _table(
        "Funnel",
        ["Stage", "Applications", "From the stage before", "From applied"],
        [(s["label"], s["count"], _pct_text(s.get("pct")), _pct_text(s.get("overall_pct"))) for s in stages],
    )
    return _figure(chart_id, "Application funnel", summary, WIDTH, height, _join(parts), table)


def _short_date(day: date) -> str:
    return f"{day.day} {day:%b}"


def week_bars(weeks: Sequence[dict], *, chart_id: str = "chart-weeks", title: str = "Applications per week"):
    """A vertical bar per week (oldest first), labelled every other week."""
    height, bottom, top_pad = 180, 24, 18
    room = height - bottom - top_pad
    slot = WIDTH / max(len(weeks), 1)
    top = max((w["count"] for w in weeks), default=0)
    parts = []
    for i, week in enumerate(weeks):
        bar = _scale(week["count"], top, room)
        x = round(i * slot + slot * 0.15, 1)
        parts.append(
            format_html(
                '<rect class="chart-bar" x="{x}" y="{y}" width="{w}" height="{h}" rx="2"></rect>',
                x=x,
                y=round(height - bottom - bar, 1),
                w=round(slot * 0.7, 1),
                h=bar,
            )
        )
        if week["count"]:
            parts.append(
                format_html(
                    '<text class="chart-value" x="{x}" y="{y}" text-anchor="middle">{n}</text>',
                    x=round(x + slot * 0.35, 1),
                    y=round(height - bottom - bar - 4, 1),
                    n=week["count"],
                )
            )
        if (len(weeks) - 1 - i) % 2 == 0:  # every other week, ending on this one
            parts.append(
                format_html(
                    '<text class="chart-axis" x="{x}" y="{y}" text-anchor="middle">{label}</text>',
                    x=round(x + slot * 0.35, 1),
                    y=height - 6,
                    label=_short_date(week["week_start"]),
                )
            )
    total = sum(w["count"] for w in weeks)
    summary = f"{total} in the last {len(weeks)} weeks; the busiest week had {top}."
    table = _table(title, ["Week of", "Applications"], [(w["week_start"].isoformat(), w["count"]) for w in weeks])
    return _figure(chart_id, title, summary, WIDTH, height, _join(parts), table)


def outcome_bars(rows: Sequence[dict], *, chart_id: str, title: str) -> SafeString:
    """A horizontal bar per group (source or resume): the applications sent, with the share that got a reply."""
    top = max((r["applied"] for r in rows), default=0)
    bar_room = WIDTH - LABEL_WIDTH - 120
    height = max(len(rows), 1) * (BAR_HEIGHT + GAP) + GAP
    parts = []
    for i, row in enumerate(rows):
        y = GAP + i * (BAR_HEIGHT + GAP)
        applied = max(_scale(row["applied"], top, bar_room), 2)
        replied = _scale(row["responses"], top, bar_room)
        rate = "too few" if row["too_few"] else f"{row['response_pct']}% replied"
        name = row["name"] if len(row["name"]) <= 26 else row["name"][:25] + "\u2026"
        parts.append(
            format_html(
                '<g><title>{full}</title><text class="chart-label" x="{lx}" y="{ty}" text-anchor="end">{name}</text>'
                '<rect class="chart-bar chart-bar-muted" x="{x}" y="{y}" width="{aw}" height="{h}" rx="3"></rect>'
                '<rect class="chart-bar" x="{x}" y="{y}" width="{rw}" height="{h}" rx="3"></rect>'
                '<text class="chart-value" x="{vx}" y="{ty}">{applied} <tspan class="chart-muted">{rate}</tspan></text>'
                "</g>",
                full=row["name"],
                lx=LABEL_WIDTH - 8,
                ty=y + BAR_HEIGHT / 2 + 5,
                name=name,
                x=LABEL_WIDTH,
                y=y,
                aw=applied,
                rw=replied,
                h=BAR_HEIGHT,
                vx=LABEL_WIDTH + applied + 6,
                applied=row["applied"],
                rate=rate,
            )
        )
    summary = "; ".join(
        f"{r['name']}: {r['applied']} applied, {r['responses']} replies"
        + ("" if r["too_few"] else f" ({r['response_pct']}%)")
        for r in rows
    )
    table = _table(
        title,
        ["Name", "Applied", "Replies", "Interviews", "Offers", "Reply rate"],
        [
            (r["name"], r["applied"], r["responses"], r["interviews"], r["offers"],
             "too few" if r["too_few"] else _pct_text(r["response_pct"]))
            for r in rows
        ],
    )  # fmt: skip
    return _figure(chart_id, title, summary or "Nothing yet.", WIDTH, height, _join(parts), table)


def sparkline(points: Sequence[dict], *, key: str, chart_id: str, title: str) -> SafeString:
    """A small line over the weekly snapshots (oldest first); weeks without a snapshot are left as gaps."""
    width, height, pad = 240, 48, 4
    values = [p[key] if p.get("taken") else None for p in points]
    known = [v for v in values if v is not None]
    top = max(known, default=0) or 1
    step = (width - 2 * pad) / max(len(points) - 1, 1)
    segments, current = [], []
    for i, value in enumerate(values):
        if value is None:
            if current:
                segments.append(current)
            current = []
            continue
        current.append(f"{round(pad + i * step, 1)},{round(height - pad - (height - 2 * pad) * value / top, 1)}")
    if current:
        segments.append(current)
    body = format_html_join(
        "",
        '<polyline class="chart-line" points="{}"></polyline>{}',
        (
            (
                " ".join(seg),
                format_html('<circle class="chart-dot" cx="{}" cy="{}" r="2.5"></circle>', *seg[-1].split(",")),
            )
            for seg in segments
        ),
    )
    summary = (
        ", ".join(f"week of {p['week_start'].isoformat()}: {p[key]}" for p in points if p.get("taken"))
        or "No weekly snapshots yet."
    )
    table = _table(title, ["Week of", title], [(p["week_start"].isoformat(), p[key]) for p in points if p.get("taken")])
    return _figure(chart_id, title, summary, width, height, body, table)
