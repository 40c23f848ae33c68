"""The charts sent with the figures: received and issued per month with the on-time share,
and the survey's answers per element.

matplotlib is imported when a chart is drawn, not when the bot starts, and draws with the Agg
backend (no display on a server). Figures are built with the object API rather than pyplot, so
no global figure state is left behind.
"""

from __future__ import annotations

import io
import threading

from bot.views.figures import month_label, period_label
from bot.views.satisfaction import decimal
from office.survey_settings import SurveySettings
from office.texts import text
from storage.statistics import OfficeFigures

# matplotlib is not thread-safe; charts are drawn in worker threads, one at a time.
_DRAWING = threading.Lock()
RECEIVED_COLOUR = "#4C72B0"
ISSUED_COLOUR = "#55A868"
ON_TIME_COLOUR = "#C44E52"
MAX_LABELS = 24
# Answers 1 (poor) to 4 (very good), red to green.
ANSWER_COLOURS = ("#C44E52", "#DD8452", "#8CB369", "#55A868")


def render_chart(figures: OfficeFigures, office: str, language: str) -> bytes:
    """A PNG: bars of received and issued per month, the on-time share as a line (right axis)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator, PercentFormatter

    months = figures.months
    positions = list(range(len(months)))
    width = 0.4
    with _DRAWING:
        figure = Figure(figsize=(9, 5), dpi=100, layout="constrained")
        FigureCanvasAgg(figure)
        counts = figure.add_subplot()
        counts.bar([x - width / 2 for x in positions], [m.received for m in months], width,
                   label=text(language, "staff.stats.chart.received"), color=RECEIVED_COLOUR)
        counts.bar([x + width / 2 for x in positions], [m.issued for m in months], width,
                   label=text(language, "staff.stats.chart.issued"), color=ISSUED_COLOUR)
        counts.set_ylabel(text(language, "staff.stats.chart.applications"))
        counts.yaxis.set_major_locator(MaxNLocator(integer=True))
        counts.set_ylim(bottom=0)
        step = -(-len(months) // MAX_LABELS)  # label every month, or every second…
        counts.set_xticks(positions[::step],
                          [month_label(m.month, language) for m in months[::step]],
                          rotation=45 if len(months) > 6 else 0,
                          ha="right" if len(months) > 6 else "center")
        shares = counts.twinx()
        shares.plot(positions,
                    [float("nan") if m.on_time_share is None else 100 * m.on_time_share
                     for m in months],
                    marker="o", color=ON_TIME_COLOUR,
                    label=text(language, "staff.stats.chart.on_time"))
        shares.set_ylim(0, 105)
        shares.yaxis.set_major_formatter(PercentFormatter(100))
        shares.set_ylabel(text(language, "staff.stats.chart.on_time"))
        handles = counts.get_legend_handles_labels()
        line = shares.get_legend_handles_labels()
        figure.legend(handles[0] + line[0], handles[1] + line[1], loc="outside lower center",
                      ncols=3, fontsize="small", frameon=False)
        figure.suptitle(f"{office} · {period_label(figures.period, language)}")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def render_survey_chart(figures: OfficeFigures, survey: SurveySettings, office: str,
                        language: str) -> bytes:
    """A PNG with one small bar chart per survey element: how many answered 1, 2, 3 and 4."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.ticker import MaxNLocator

    index = figures.survey
    tallest = max((max(score.counts) for score in index.elements), default=0)
    with _DRAWING:
        figure = Figure(figsize=(9, 7), dpi=100, layout="constrained")
        FigureCanvasAgg(figure)
        for position, score in enumerate(index.elements, start=1):
            chart = figure.add_subplot(3, 3, position)
            chart.bar(range(1, 5), score.counts, color=ANSWER_COLOURS)
            chart.set_xticks(range(1, 5))
            chart.set_ylim(0, max(tallest, 1) * 1.1)  # one scale, so elements compare by eye
            chart.yaxis.set_major_locator(MaxNLocator(integer=True))
            shown = "—" if score.index is None else decimal(score.index, language)
            chart.set_title(f"U{score.element} {survey.element(language, score.element)}\n"
                            f"IKM {shown}", fontsize="small")
        figure.supxlabel(text(language, "staff.stats.survey_chart.answers"), fontsize="small")
        overall = "—" if index.index is None else decimal(index.index, language)
        figure.suptitle(f"{office} · {period_label(figures.period, language)} · IKM {overall}")
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png")
    return buffer.getvalue()
