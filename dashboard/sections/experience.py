"""NPS and CSAT by month (by segment) and the support KPIs."""

from __future__ import annotations

import altair as alt
import streamlit as st

from dashboard import formatting
from dashboard.sections import Context

SUPPORT_KPIS = {
    "tickets_per_active_customer": ("Tickets per active customer", ",.2f"),
    "median_first_response_hours": ("Median first response (hours)", ",.1f"),
    "median_resolution_hours": ("Median resolution (hours)", ",.1f"),
    "first_contact_resolution_rate": ("First-contact resolution", ".0%"),
}


def _line(frame, column: str, title: str, axis_format: str) -> alt.Chart:
    return alt.Chart(frame.dropna(subset=[column])).mark_line(point=True).encode(
        x=alt.X("month:T", title=None),
        y=alt.Y(f"{column}:Q", title=None, axis=alt.Axis(format=axis_format)),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip(f"{column}:Q", format=axis_format)],
    ).properties(title=title, height=220)


def render(context: Context) -> None:
    if context.has("survey_scores_monthly"):
        scores = context.in_period(context.fetch("survey_scores", context.segment))
        left, right = st.columns(2)
        for column, field, label, formatter in ((left, "nps", "NPS", formatting.score),
                                                (right, "csat", "CSAT", formatting.percent)):
            rated = scores.dropna(subset=[field])
            if not rated.empty:
                column.metric(f"{label} ({rated['month'].iloc[-1]:%B %Y})", formatter(rated[field].iloc[-1]))
        left.altair_chart(_line(scores, "nps", "NPS (-100 to 100)", ".0f"), width="stretch")
        right.altair_chart(_line(scores, "csat", "CSAT (share positive)", ".0%"), width="stretch")
    if context.has("support_kpis_monthly"):
        st.caption("Support KPIs by month of ticket creation, all customers (the segment filter does not apply).")
        support = context.in_period(context.fetch("support_kpis"))
        columns = st.columns(2)
        for index, (column, (title, axis_format)) in enumerate(SUPPORT_KPIS.items()):
            columns[index % 2].altair_chart(_line(support, column, title, axis_format), width="stretch")
