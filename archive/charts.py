"""Charts drawn on the server as inline SVG: readable without JavaScript, styled by site.css.

Every chart comes with a text alternative: a ``<title>``/``<desc>`` pair for screen readers,
a tooltip per bar, and the pages show the same numbers in a table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .selectors_reader import MonthCount

# Drawing area in SVG user units; the SVG scales to the width of its container.
WIDTH, HEIGHT = 560, 190
LEFT, RIGHT, TOP, BOTTOM = 34, 8, 12, 26
FONT_SIZE = 12


def month_label(month: date) -> str:
    return month.strftime("%b %Y")


def _nice_ceiling(value: int) -> int:
    """A round top for the y axis at or above ``value`` whose half is a whole number too."""
    step = 1
    while True:
        for factor in (2, 4, 6, 8, 10):
            if step * factor >= value:
                return step * factor
        step *= 10


def counts_text(mentions: int, articles: int) -> str:
    return (f"{mentions} mention{'' if mentions == 1 else 's'} "
            f"in {articles} article{'' if articles == 1 else 's'}")


def timeline_summary(months: Sequence[MonthCount]) -> str:
    mentions = sum(m.mentions for m in months)
    articles = sum(m.articles for m in months)
    busiest = max(months, key=lambda m: (m.mentions, m.month))
    return (
        f"From {month_label(months[0].month)} to {month_label(months[-1].month)}: "
        f"{counts_text(mentions, articles)}; busiest month {month_label(busiest.month)} "
        f"with {counts_text(busiest.mentions, busiest.articles)}."
    )


def timeline_svg(months: Sequence[MonthCount], *, chart_id: str, subject: str) -> SafeString:
    """A bar chart of mentions per month; ``months`` is consecutive, as ``family_timeline`` returns."""
    if not months:
        return SafeString("")
    top = _nice_ceiling(max(m.mentions for m in months) or 1)
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / len(months)
    bar = max(slot * 0.8, 0.5)
    parts = [
        format_html(
            '<svg class="chart timeline" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc" '
            'focusable="false" font-size="{}">',
            WIDTH, HEIGHT, chart_id, chart_id, FONT_SIZE,
        ),
        format_html('<title id="{}-title">Mentions per month: {}</title>', chart_id, subject),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, timeline_summary(months)),
    ]
    for fraction in (0, 0.5, 1):
        y = TOP + plot_height * (1 - fraction)
        parts.append(
            format_html(
                '<line class="grid" x1="{}" x2="{}" y1="{}" y2="{}"/>'
                '<text class="axis" x="{}" y="{}" text-anchor="end" dominant-baseline="middle">{}</text>',
                LEFT, WIDTH - RIGHT, _num(y), _num(y), LEFT - 4, _num(y), _axis_value(top * fraction),
            )
        )
    label_every = _label_step(len(months))
    for index, month in enumerate(months):
        x = LEFT + index * slot + (slot - bar) / 2
        height = plot_height * month.mentions / top
        parts.append(
            format_html(
                '<rect class="bar" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
                _num(x), _num(TOP + plot_height - height), _num(bar), _num(height),
                month_label(month.month), counts_text(month.mentions, month.articles),
            )
        )
        if _labelled(index, month.month, label_every, len(months)):
            text = month.month.strftime("%Y") if label_every >= 12 else month.month.strftime("%b %y")
            parts.append(
                format_html(
                    '<text class="axis" x="{}" y="{}" text-anchor="middle">{}</text>',
                    _num(LEFT + (index + 0.5) * slot), HEIGHT - 8, text,
                )
            )
    parts.append(SafeString("</svg>"))
    # Every part above went through format_html, which escapes its arguments.
    return mark_safe("".join(parts))  # noqa: S308


def _label_step(count: int) -> int:
    """Months between two x-axis labels, so the labels never crowd each other."""
    for step in (1, 2, 3, 6, 12, 24, 60):
        if count / step <= 6:
            return step
    return 120


def _labelled(index: int, month: date, step: int, count: int) -> bool:
    if step >= 12:
        return month.month == 1 and (month.year % (step // 12) == 0)
    return index % step == 0


def _axis_value(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.1f}"


def _num(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def bar_svg(value: int, maximum: int) -> SafeString:
    """A small horizontal bar for a count next to its number (decorative: the number is the text)."""
    share = 0 if maximum <= 0 else max(2.0, 100 * value / maximum)
    return format_html(
        '<svg class="minibar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true" '
        'focusable="false"><rect width="{}" height="8"/></svg>',
        _num(share),
    )

