"""The case summary's vector charts (ferritin, HScore, anakinra dose), drawn from the
Evaluation alone: `drawing.py` the charts, `axes.py` their fitted axes and key."""

from hlhdesk.reports.charts.drawing import dose_chart, ferritin_chart, hscore_chart

__all__ = ["dose_chart", "ferritin_chart", "hscore_chart"]
