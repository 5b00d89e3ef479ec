"""The road to 2030 (targets/road.py) on hand-built series, and its chart ({% road_chart %}).

Indicators, phases and targets are built in memory, as the plan loads them: no queries."""

import datetime
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import translation

from targets import road as roads
from targets.indicators import Figure
from targets.models import Indicator, Phase, Target

START = datetime.date(2023, 7, 6)  # the plan's start: the baseline's day
PHASES = [
    Phase(number=1, starts_on=datetime.date(2023, 1, 1), ends_on=datetime.date(2025, 12, 31)),
    Phase(number=2, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2030, 12, 31)),
]
SVG = "{http://www.w3.org/2000/svg}"


def day(text):
    return datetime.date.fromisoformat(text)


def indicator(code, kind="count"):
    return Indicator(code=code, name=f"Chỉ tiêu {code}", name_en=code, kind=kind)


def target(ind, comparison, value, upper=None):
    upper = None if upper is None else Decimal(upper)
    return Target(indicator=ind, comparison=comparison, value=Decimal(value), upper=upper)


def targets_of(ind, phase1=None, phase2=None):
    """Return {(code, phase): Target} from (comparison, value[, upper]) tuples."""
    pairs = [(1, phase1), (2, phase2)]
    return {(ind.code, n): target(ind, *spec) for n, spec in pairs if spec is not None}


HTX = indicator("HTX_SUPPORTED")
HTX_TARGETS = targets_of(HTX, ("at_least", 13), ("at_least", 20))


def road_of(ind, points, targets, today=None, language="vi"):
    today = today or points[-1][0]
    with translation.override(language):
        return roads.road(ind, points, targets=targets, phases=PHASES, today=today)


def htx_road(*values, today=None, language="vi"):
    """The HTX_SUPPORTED road from the baseline (06/07/2023), year ends, then today."""
    days = [START, day("2023-12-31"), day("2024-12-31"), day("2025-12-31")]
    today = today or day("2026-07-06")
    points = list(zip(days[: len(values) - 1], values[:-1], strict=True)) + [(today, values[-1])]
    return road_of(HTX, points, HTX_TARGETS, today, language)


def test_met_when_today_meets_the_2030_target():
    road = htx_road(13, 15, 18, 19, 21)
    assert road.state == roads.MET
    assert road.pace_words == "Đã đạt chỉ tiêu năm 2030."


def test_at_risk_says_how_much_is_needed_in_how_long_at_what_pace():
    # 13 → 15 in three years: 0.67 a year; 4.49 years left; 15 + 3 = 18 < 20.
    road = htx_road(13, 13, 14, 14, 15)
    assert road.state == roads.AT_RISK
    assert road.pace_words == "Cần thêm 5 HTX trong 4,5 năm; tốc độ hiện nay 0,7 HTX/năm."
    assert road.judgement.label == "Có nguy cơ không đạt"
    english = htx_road(13, 13, 14, 14, 15, language="en")
    assert english.pace_words == (
        "Needs 5 more cooperatives in 4.5 years; current pace 0.7 cooperatives a year."
    )


def test_on_track_when_the_pace_reaches_the_target_in_time():
    # 13 → 17 in two years: 2 a year; 5.5 years left, 17 + 11 = 28 ≥ 20.
    road = htx_road(13, 14, 17, today=day("2025-07-06"))
    assert road.state == roads.ON_TRACK
    assert road.pace_words == (
        "Đúng hướng: tốc độ hiện nay 2 HTX/năm, dự kiến đạt 28 HTX vào cuối năm 2030."
    )


def test_road_has_both_goals_with_the_straight_path_from_the_baseline():
    road = htx_road(13, 13, 14, 14, 15)
    assert road.target_2025.describe() == "≥ 13"
    assert road.target_2030.describe() == "≥ 20"
    first, last = road.goals
    assert (first.ends_on, last.ends_on) == (day("2025-12-31"), day("2030-12-31"))
    assert last.path == ((START, 13), (day("2030-12-31"), 20.0))


@pytest.mark.parametrize(
    "points, words",
    [
        # No figure today: nothing to judge, whatever came before.
        ([(START, 13), (day("2026-07-06"), None)], "Chưa có số liệu hiện nay."),
        # No baseline and no earlier value: no pace to measure.
        ([(START, None), (day("2026-07-06"), 15)], "Mới có một số liệu, chưa tính được tốc độ."),
        # The first value two months before today: too early for a pace.
        (
            [(START, None), (day("2025-12-31"), 14), (day("2026-02-28"), 15)],
            "Số liệu chưa đủ ba tháng, chưa đánh giá được tốc độ.",
        ),
    ],
)
def test_no_data_when_no_pace_can_be_measured(points, words):
    road = road_of(HTX, points, HTX_TARGETS)
    assert road.state == roads.NO_DATA
    assert road.pace_words == words
    assert road.judgement.label == "Chưa đủ số liệu"


def test_met_is_judged_even_when_too_early_for_a_pace():
    road = road_of(HTX, [(START, None), (day("2025-12-31"), None), (day("2026-02-28"), 20)], {})
    assert road.state == roads.NO_TARGET
    road = road_of(
        HTX, [(START, None), (day("2025-12-31"), None), (day("2026-02-28"), 20)], HTX_TARGETS
    )
    assert road.state == roads.MET


def test_the_pace_starts_from_the_first_value_when_the_baseline_is_missing():
    # 12 on 31/12/2023 → 15 on 31/12/2025: 1.5 a year; 5 years left: 22.5 ≥ 20.
    points = [(START, None), (day("2023-12-31"), 12), (day("2025-12-31"), 15)]
    road = road_of(HTX, points, HTX_TARGETS)
    assert road.state == roads.ON_TRACK
    assert road.judgement.pace == pytest.approx(1.5, abs=0.01)
    assert road.goals[1].path[0] == (day("2023-12-31"), 12)


PCT = indicator("MANAGERS_TRAINED_PCT", "percent")


def test_a_percentage_is_projected_no_higher_than_100():
    # 0 → 90% in 365 days (90.1 points a year), but no more than 100% by 2030.
    road = road_of(
        PCT, [(START, 0), (day("2024-07-05"), 90)], targets_of(PCT, None, ("at_least", 100))
    )
    assert road.state == roads.ON_TRACK
    assert road.judgement.projected == 100
    assert road.pace_words == (
        "Đúng hướng: tốc độ hiện nay 90,1 điểm %/năm, dự kiến đạt 100% vào cuối năm 2030."
    )


def test_a_percentage_at_risk_counts_in_points():
    skills = indicator("STAFF_SKILLS_PCT", "percent")
    targets = targets_of(skills, ("at_least", 80), ("at_least", 90))
    road = road_of(skills, [(START, 40), (day("2026-07-06"), 46)], targets)
    assert road.state == roads.AT_RISK
    assert road.pace_words == "Cần thêm 44 điểm % trong 4,5 năm; tốc độ hiện nay 2 điểm %/năm."


def test_a_falling_percentage_is_projected_no_lower_than_0():
    road = road_of(
        PCT, [(START, 60), (day("2024-07-05"), 10)], targets_of(PCT, None, ("at_least", 100))
    )
    assert road.judgement.projected == 0
    assert road.pace_words.endswith("tốc độ hiện nay −50 điểm %/năm.")


NEW = indicator("NEW_HTX")


@pytest.mark.parametrize(
    "today_value, state",
    [
        (3, roads.MET),
        (4, roads.MET),
        # 1 → 2 in a year: 1 a year, 4.5 years left: 6.5, past the range's lower value.
        (2, roads.ON_TRACK),
        # The plan asked for 3 to 4.
        (5, roads.AT_RISK),
    ],
)
def test_a_range_target_is_reached_by_its_lower_value(today_value, state):
    targets = targets_of(NEW, None, ("range", 3, 4))
    road = road_of(NEW, [(day("2025-07-06"), 1), (day("2026-07-06"), today_value)], targets)
    assert road.state == state
    if state == roads.AT_RISK:
        assert road.pace_words == "Vượt quá chỉ tiêu (3–4)."


def test_more_than_a_count_needs_the_next_whole_number():
    targets = targets_of(NEW, None, ("more_than", 10))
    road = road_of(NEW, [(START, 8), (day("2026-07-06"), 8)], targets)
    assert road.state == roads.AT_RISK
    assert road.pace_words == "Cần thêm 3 HTX mới trong 4,5 năm; tốc độ hiện nay 0 HTX mới/năm."
    assert road_of(NEW, [(START, 8), (day("2026-07-06"), 11)], targets).state == roads.MET


def test_more_than_a_percentage_says_more_than():
    ecommerce = indicator("MEMBERS_ECOMMERCE_PCT", "percent")
    targets = targets_of(ecommerce, ("more_than", 50), ("more_than", 50))
    road = road_of(ecommerce, [(START, 36), (day("2026-07-06"), 40)], targets)
    assert road.state == roads.AT_RISK
    assert road.pace_words == (
        "Cần thêm hơn 10 điểm % trong 4,5 năm; tốc độ hiện nay 1,3 điểm %/năm."
    )
    # Exactly 50% is not more than 50%, and a flat pace gets no further.
    flat = road_of(ecommerce, [(START, 50), (day("2026-07-06"), 50)], targets)
    assert flat.state == roads.AT_RISK


JOBS = indicator("NEW_HTX_FEMALE_JOBS")
JOBS_TARGETS = targets_of(JOBS, ("at_least", 75), None)


def test_without_a_2030_target_the_2025_target_judges():
    road = road_of(JOBS, [(START, 0), (day("2024-12-31"), 60)], JOBS_TARGETS)
    assert road.target_2030 is None
    assert road.judgement.goal.phase == 1
    assert road.state == roads.ON_TRACK
    assert road.pace_words.endswith("vào cuối năm 2025.")


def test_a_2025_target_missed_once_its_day_has_passed():
    road = road_of(JOBS, [(START, 0), (day("2026-07-06"), 60)], JOBS_TARGETS)
    assert road.state == roads.AT_RISK
    assert road.pace_words == (
        "Không đạt chỉ tiêu năm 2025: còn thiếu 15 việc làm cho lao động nữ."
    )


def test_no_target_at_all_is_never_met():
    road = road_of(JOBS, [(START, 0), (day("2026-07-06"), 500)], {})
    assert road.state == roads.NO_TARGET
    assert road.judgement.label == "Không có chỉ tiêu"
    assert road.pace_words == (
        "Không có chỉ tiêu để đánh giá; tốc độ hiện nay 166,6 việc làm cho lao động nữ/năm."
    )


def test_a_unit_has_no_target_for_a_count():
    points = [(START, 1), (day("2026-07-06"), 4)]
    with translation.override("vi"):
        cell = roads.heat_state(
            HTX, points, targets=HTX_TARGETS, phases=PHASES, today=day("2026-07-06")
        )
    assert cell.state == roads.NO_TARGET
    assert cell.pace == pytest.approx(1.0, abs=0.01)
    assert cell.words == "Không có chỉ tiêu để đánh giá; tốc độ hiện nay 1 HTX/năm."


def test_a_unit_percentage_is_judged_by_the_province_target():
    points = [(START, 40), (day("2026-07-06"), 100)]
    targets = targets_of(PCT, ("at_least", 100), ("at_least", 100))
    cell = roads.heat_state(PCT, points, targets=targets, phases=PHASES, today=points[-1][0])
    assert cell.state == roads.MET
    province = roads.heat_state(
        HTX, [(START, 13), (day("2026-07-06"), 21)], targets=HTX_TARGETS, phases=PHASES,
        today=day("2026-07-06"), unit_level=False,
    )  # fmt: skip
    assert province.state == roads.MET


def test_roads_reads_each_indicator_from_the_series():
    series = [
        (START, {"HTX_SUPPORTED": Figure(13), "MANAGERS_TRAINED_PCT": Figure(None, 0, 0)}),
        (
            day("2026-07-06"),
            {"HTX_SUPPORTED": Figure(15), "MANAGERS_TRAINED_PCT": Figure(50.0, 1, 2)},
        ),
    ]
    found = roads.roads(
        series=series, targets=HTX_TARGETS, phases=PHASES, indicators=[HTX, PCT],
        today=day("2026-07-06"),
    )  # fmt: skip
    assert [road.points for road in found] == [
        [(START, 13), (day("2026-07-06"), 15)],
        [(START, None), (day("2026-07-06"), 50.0)],
    ]
    assert [road.state for road in found] == [roads.AT_RISK, roads.NO_TARGET]


# The chart.


def render(road, language="vi"):
    with translation.override(language):
        return Template("{% load road %}{% road_chart road %}").render(Context({"road": road}))


def svg_of(html):
    return ET.fromstring(html[html.index("<svg") : html.index("</svg>") + len("</svg>")])


def test_the_chart_is_an_image_named_and_described():
    road = htx_road(13, None, 14, 14, 15)
    svg = svg_of(render(road))
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "Chỉ tiêu HTX_SUPPORTED"
    assert desc.text == road.pace_words
    assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    # One dot per value, none for the missing one; the targets are a diamond and a square.
    assert len(svg.findall(f"{SVG}circle")) == 4
    assert len(svg.findall(f"{SVG}rect")) == 1
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert {"2025: ≥ 13", "2030: ≥ 20", "Hôm nay"} <= set(labels)
    assert [str(year) for year in range(2023, 2031)] == [x for x in labels if x.isdigit()][-8:]
    # The missing value breaks the line into two pieces.
    line = svg.find(f"{SVG}path[@stroke-width='2']").get("d")
    assert line.count("M") == 2


def test_the_chart_has_every_number_in_a_table():
    road = htx_road(13, None, 14, 14, 15)
    html = render(road)
    assert "<summary>Số liệu</summary>" in html
    assert '<span class="badge road-state road-at_risk">Có nguy cơ không đạt</span>' in html
    table = ET.fromstring(html[html.index("<table>") : html.index("</table>") + 8])
    rows = table.findall("tbody/tr")
    assert [(row.find("th").text, row.find("td").text) for row in rows] == [
        ("06/07/2023", "13"),
        ("31/12/2023", "chưa có số liệu"),
        ("31/12/2024", "14"),
        ("31/12/2025", "14"),
        ("06/07/2026", "15"),
    ]
    assert all(row.find("th").get("scope") == "row" for row in rows)
    assert [(row.find("th").text, row.find("td").text) for row in table.findall("tfoot/tr")] == [
        ("Chỉ tiêu 2025 (đến 31/12/2025)", "≥ 13"),
        ("Chỉ tiêu 2030 (đến 31/12/2030)", "≥ 20"),
    ]


def test_a_percentage_chart_runs_from_0_to_100_and_marks_a_range():
    road = road_of(
        PCT,
        [(START, 20.5), (day("2026-07-06"), 65.3)],
        targets_of(PCT, ("range", 30, 60), ("at_least", 100)),
    )
    svg = svg_of(render(road))
    labels = [text.text for text in svg.iter(f"{SVG}text")]
    assert {"0%", "100%", "2025: 30–60%", "2030: ≥ 100%"} <= set(labels)
    # SVG numbers keep their decimal point in Vietnamese.
    assert all(
        re.fullmatch(r"-?\d+(\.\d)?", circle.get(name))
        for circle in svg.iter(f"{SVG}circle")
        for name in ("cx", "cy")
    )
    assert "65,3%" in render(road)  # the table in the language's format


def test_the_chart_of_a_road_without_values_has_no_line():
    road = road_of(HTX, [(START, None), (day("2026-07-06"), None)], HTX_TARGETS)
    html = render(road)
    svg = svg_of(html)
    assert svg.findall(f"{SVG}circle") == []
    assert "Chưa đủ số liệu" in html
