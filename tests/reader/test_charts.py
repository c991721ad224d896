"""Server-side SVG charts."""

from datetime import date

from archive.charts import bar_svg, timeline_svg
from archive.selectors_reader import MonthCount


def test_timeline_has_one_bar_per_month_scaled_to_a_round_top():
    months = [MonthCount(date(2026, 1, 1), 1, 3), MonthCount(date(2026, 2, 1), 0, 0),
              MonthCount(date(2026, 3, 1), 2, 7)]
    svg = str(timeline_svg(months, chart_id="t", subject="Mi-24 & <b>"))
    assert svg.count('<rect class="bar"') == 3
    assert "Mar 2026: 7 mentions in 2 articles" in svg and "Jan 2026: 3 mentions in 1 article<" in svg
    assert ">8</text>" in svg and ">4</text>" in svg  # the y axis tops out at 8, the next round number
    assert "Mi-24 &amp; &lt;b&gt;" in svg
    assert 'aria-labelledby="t-title t-desc"' in svg


def test_a_long_timeline_labels_years_only():
    months = [MonthCount(date(2020 + i // 12, i % 12 + 1, 1), 1, 1) for i in range(60)]
    svg = str(timeline_svg(months, chart_id="t", subject="x"))
    assert svg.count('<rect class="bar"') == 60
    assert ">2021</text>" in svg and ">Jan 21</text>" not in svg


def test_empty_timeline_is_empty():
    assert str(timeline_svg([], chart_id="t", subject="x")) == ""


def test_bar_width_is_its_share_of_the_largest():
    assert 'width="50"' in str(bar_svg(5, 10))
    assert 'width="100"' in str(bar_svg(10, 10))
    assert 'aria-hidden="true"' in str(bar_svg(1, 10))
