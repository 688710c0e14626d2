"""Health band distribution over time and the at-risk list with its reasons."""

from __future__ import annotations

import altair as alt
import streamlit as st

from dashboard import formatting
from dashboard.sections import BAND_COLOURS, Context

AT_RISK_COLUMNS = {
    "customer_name": "Customer",
    "csm_owner": "CSM",
    "segment": "Segment",
    "mrr_at_risk": "MRR at risk",
    "health_score": "Health",
    "health_band": "Band",
    "health_trend_3m": "3-month trend",
    "reasons": "Why at risk",
}


def _band_chart(bands, value: str, title: str, axis_format: str) -> alt.Chart:
    return alt.Chart(bands).mark_bar(width=alt.RelativeBandSize(0.8)).encode(
        x=alt.X("yearmonth(month):T", title=None),
        y=alt.Y(f"{value}:Q", title=None, axis=alt.Axis(format=axis_format)),
        color=alt.Color("health_band:N", title="Band",
                        scale=alt.Scale(domain=list(BAND_COLOURS), range=list(BAND_COLOURS.values()))),
        order=alt.Order("band_order:Q"),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), "health_band:N", "customers:Q",
                 alt.Tooltip("mrr:Q", format=",.2f"), alt.Tooltip("share_of_customers:Q", format=".1%")],
    ).properties(title=title, height=280)


def render(context: Context) -> None:
    if context.has("health_bands_monthly"):
        bands = context.in_period(context.fetch("health_bands", context.segment))
        bands = bands.assign(band_order=bands["health_band"].map({name: i for i, name in enumerate(BAND_COLOURS)}))
        left, right = st.columns(2)
        left.altair_chart(_band_chart(bands, "share_of_customers", "Share of customers by health band", "%"),
                          width="stretch")
        right.altair_chart(_band_chart(bands, "mrr", "MRR by health band", ",.0f"), width="stretch")
    if context.has("customers_at_risk"):
        at_risk = context.fetch("at_risk", context.segment)
        st.subheader(f"At-risk customers ({formatting.count(len(at_risk))}, "
                     f"MRR at risk {formatting.money(at_risk['mrr_at_risk'].sum())})")
        st.caption("Current list (as-of month): red band or health falling 15+ points in 3 months; "
                   "the period filter does not apply.")
        at_risk = at_risk.assign(reasons=[formatting.risk_reasons(row) for row in at_risk.to_dict("records")])
        st.dataframe(
            at_risk[list(AT_RISK_COLUMNS)].rename(columns=AT_RISK_COLUMNS),
            hide_index=True,
            column_config={
                "MRR at risk": st.column_config.NumberColumn(format="%,.2f"),
                "Health": st.column_config.NumberColumn(format="%.1f"),
                "3-month trend": st.column_config.NumberColumn(format="%+.1f"),
            },
        )
