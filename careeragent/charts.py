"""The parts every server-rendered SVG chart shares (tracker dashboard, market insights).

A chart is a <figure> holding an <svg role="img"> named by its <title> and summarised by its <desc>, followed by a
visually hidden table of the same numbers for screen readers. Everything goes through format_html, so every string
(source names, resume labels, skill names) is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString


def figure(
    *, css: str, chart_id: str, title: str, summary: str, width: int, height: int, body: SafeString, table: SafeString
) -> SafeString:
    return format_html(
        '<figure class="{css}" id="{id}">'
        '<svg class="{css}-svg" viewBox="0 0 {w} {h}" role="img" aria-labelledby="{id}-title {id}-desc" '
        'preserveAspectRatio="xMinYMin meet" focusable="false">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{summary}</desc>{body}</svg>'
        "{table}</figure>",
        css=css,
        id=chart_id,
        w=width,
        h=height,
        title=title,
        summary=summary,
        body=body,
        table=table,
    )


def join(parts: Sequence[SafeString]) -> SafeString:
    """Concatenate markup that format_html already built (and escaped)."""
    return format_html_join("", "{}", ((part,) for part in parts))


def data_table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[object]]) -> SafeString:
    """The chart's numbers as a table only screen readers get (clipped in a box so it never widens the page)."""
    head = format_html_join("", '<th scope="col">{}</th>', ((h,) for h in headers))
    body = format_html_join(
        "",
        "<tr>{}</tr>",
        ((format_html_join("", "<td>{}</td>", ((cell,) for cell in row)),) for row in rows),
    )
    return format_html(
        '<div class="visually-hidden"><table><caption>{}</caption><thead><tr>{}</tr></thead>'
        "<tbody>{}</tbody></table></div>",
        caption,
        head,
        body,
    )
