"""Headline KPIs at the end of the selected period, with the change from the month before."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import formatting
from dashboard.sections import Context


def _two_percent(value: float | None) -> str:
    return formatting.percent(value, 2)


# (label, frame, column, formatter, delta colour: "inverse" when a rise is bad)
KPIS = (
    ("MRR", "revenue", "ending_mrr", formatting.money, "normal"),
    ("ARR", "revenue", "ending_arr", formatting.money, "normal"),
    ("Active customers", "revenue", "ending_customers", formatting.count, "normal"),
    ("NRR (12 months)", "retention", "nrr_12m", formatting.percent, "normal"),
    ("GRR (12 months)", "retention", "grr_12m", formatting.percent, "normal"),
    ("Logo churn (month)", "revenue", "logo_churn_rate", _two_percent, "inverse"),
)


def render(context: Context) -> None:
    if not context.has("mrr_movements_monthly", "revenue_retention_monthly"):
        return
    frames = {
        "revenue": context.in_period(context.fetch("revenue_monthly", context.segment)),
        "retention": context.in_period(context.fetch("retention_monthly", context.segment)),
    }
    if frames["revenue"].empty:
        st.warning("No month in the selected period.")
        return
    last_month = frames["revenue"]["month"].iloc[-1]
    st.caption(f"As of the end of {last_month:%B %Y} (the period's last month); change from the month before.")
    columns = [*st.columns(3), *st.columns(3)]
    for column, (label, frame_name, field, formatter, delta_colour) in zip(columns, KPIS):
        values = frames[frame_name][field]
        current = values.iloc[-1]
        previous = values.iloc[-2] if len(values) > 1 else None
        delta = None if previous is None or pd.isna(current) or pd.isna(previous) else formatter(current - previous)
        column.metric(label, formatter(current), delta, delta_color=delta_colour)
