"""NRR and GRR trend (trailing twelve months), churn rates and churn by reason."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard.sections import Context

CHURN_RATES = {
    "logo_churn_rate": "Logo churn",
    "gross_mrr_churn_rate": "Gross MRR churn",
    "net_mrr_churn_rate": "Net MRR churn",
}


def _lines(frame: pd.DataFrame, columns: dict[str, str], title: str, rule_at: float | None = None) -> alt.Chart:
    long = frame.melt(id_vars="month", value_vars=list(columns), var_name="metric", value_name="value").dropna()
    long["metric"] = long["metric"].map(columns)
    chart = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("month:T", title=None),
        y=alt.Y("value:Q", title=None, axis=alt.Axis(format="%")),
        color=alt.Color("metric:N", title=None),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), "metric:N", alt.Tooltip("value:Q", format=".2%")],
    )
    if rule_at is not None:
        chart = chart + alt.Chart(pd.DataFrame({"y": [rule_at]})).mark_rule(strokeDash=[4, 4]).encode(y="y:Q")
    return chart.properties(title=title, height=280)


def render(context: Context) -> None:
    left, right = st.columns(2)
    with left:
        if context.has("revenue_retention_monthly"):
            retention = context.in_period(context.fetch("retention_monthly", context.segment))
            if retention["nrr_12m"].isna().all():
                st.info("NRR and GRR need twelve months of history before the period's months.")
            st.altair_chart(
                _lines(retention, {"nrr_12m": "NRR (12 months)", "grr_12m": "GRR (12 months)"},
                       "Net and gross revenue retention, trailing twelve months", rule_at=1.0),
                width="stretch",
            )
    with right:
        if context.has("mrr_movements_monthly"):
            revenue = context.in_period(context.fetch("revenue_monthly", context.segment))
            st.altair_chart(_lines(revenue, CHURN_RATES, "Monthly churn rates"), width="stretch")
    if context.has("churn_reasons_monthly"):
        reasons = context.in_period(context.fetch("churn_reasons"))
        st.altair_chart(
            alt.Chart(reasons).mark_bar(width=alt.RelativeBandSize(0.8)).encode(
                x=alt.X("yearmonth(month):T", title=None),
                y=alt.Y("churned_mrr:Q", title="Churned MRR"),
                color=alt.Color("churn_reason:N", title="Reason"),
                tooltip=[alt.Tooltip("month:T", format="%b %Y"), "churn_reason:N", "churned_customers:Q",
                         alt.Tooltip("churned_mrr:Q", format=",.2f")],
            ).properties(title="Churned MRR by churn reason (all segments)", height=260),
            width="stretch",
        )
