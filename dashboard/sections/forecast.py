"""NRR forecast twelve months ahead with its 80 % interval, and its backtest against the naive forecast."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import formatting
from dashboard.sections import Context

# Columns the section reads (metrics.md "NRR forecast"): one row per forecast (cutoff) month and segment
# (`all` = overall); target_month is that month + 12.
FORECAST_COLUMNS = ("forecast_month", "target_month", "segment", "forecast_nrr", "lower_80", "upper_80")
BACKTEST_COLUMNS = ("cutoff_month", *FORECAST_COLUMNS[1:], "naive_nrr", "actual_nrr")


def _usable(frame: pd.DataFrame, mart: str, columns: tuple[str, ...]) -> bool:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        st.info(f"`marts.{mart}` has no column {', '.join(missing)} yet; this section reads {', '.join(columns)}.")
    return not missing


def _segment_rows(frame: pd.DataFrame, segment: str, month: str) -> pd.DataFrame:
    rows = frame[frame["segment"] == segment].copy()
    for column in (month, "target_month"):
        rows[column] = pd.to_datetime(rows[column])
    return rows.sort_values(month)


def _forecast(context: Context, forecast: pd.DataFrame) -> None:
    rows = _segment_rows(forecast, context.segment, "forecast_month")
    if rows.empty:
        st.info(f"No forecast for segment {context.segment}.")
        return
    latest = rows.iloc[-1]
    st.metric(
        f"NRR forecast for {latest['target_month']:%B %Y} (cohort of {latest['forecast_month']:%B %Y})",
        formatting.percent(latest["forecast_nrr"]),
        help="Expected MRR of today's customers in twelve months / their MRR today.",
    )
    st.caption(f"80 % interval {formatting.percent(latest['lower_80'])} to {formatting.percent(latest['upper_80'])}.")
    history = context.in_period(context.fetch("retention_monthly", context.segment)).dropna(subset=["nrr_12m"])
    actual = alt.Chart(history).mark_line(point=True).encode(
        x=alt.X("month:T", title=None),
        y=alt.Y("nrr_12m:Q", title="NRR (12 months)", axis=alt.Axis(format="%"), scale=alt.Scale(zero=False)),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip("nrr_12m:Q", format=".1%")],
    )
    point = alt.Chart(rows.tail(1)).encode(x="target_month:T")
    interval = point.mark_errorbar(ticks=True, color="#d62728").encode(
        y=alt.Y("lower_80:Q", title="NRR (12 months)"), y2="upper_80:Q"
    )
    expected = point.mark_point(filled=True, size=90, color="#d62728").encode(
        y="forecast_nrr:Q",
        tooltip=[alt.Tooltip("target_month:T", format="%b %Y"), alt.Tooltip("forecast_nrr:Q", format=".1%"),
                 alt.Tooltip("lower_80:Q", format=".1%"), alt.Tooltip("upper_80:Q", format=".1%")],
    )
    st.altair_chart((actual + interval + expected).properties(
        title="NRR (12 months): actual, and the forecast with its 80 % interval (red)", height=300), width="stretch")


def _backtest(context: Context, backtest: pd.DataFrame) -> None:
    rows = _segment_rows(backtest, context.segment, "cutoff_month").dropna(subset=["actual_nrr"])
    if rows.empty:
        st.info("No backtest cutoff has a known outcome yet.")
        return
    forecast_error = (rows["forecast_nrr"] - rows["actual_nrr"]).abs().mean()
    naive_error = (rows["naive_nrr"] - rows["actual_nrr"]).abs().mean()
    coverage = ((rows["actual_nrr"] >= rows["lower_80"]) & (rows["actual_nrr"] <= rows["upper_80"])).mean()
    columns = st.columns(3)
    columns[0].metric("Backtest mean absolute error", formatting.percent(forecast_error))
    columns[1].metric("Naive forecast error (last NRR)", formatting.percent(naive_error))
    columns[2].metric("Actuals inside the 80 % interval", formatting.percent(coverage, 0))
    long = rows.melt(id_vars="target_month", value_vars=["forecast_nrr", "naive_nrr", "actual_nrr"],
                     var_name="series", value_name="nrr")
    long["series"] = long["series"].map({"forecast_nrr": "Forecast", "naive_nrr": "Naive", "actual_nrr": "Actual"})
    band = alt.Chart(rows).mark_area(opacity=0.2).encode(
        x=alt.X("target_month:T", title="Month forecast (cutoff + 12)"), y=alt.Y("lower_80:Q"), y2="upper_80:Q"
    )
    lines = alt.Chart(long).mark_line(point=True).encode(
        x="target_month:T",
        y=alt.Y("nrr:Q", title="NRR (12 months)", axis=alt.Axis(format="%"), scale=alt.Scale(zero=False)),
        color=alt.Color("series:N", title=None),
        tooltip=[alt.Tooltip("target_month:T", format="%b %Y"), "series:N", alt.Tooltip("nrr:Q", format=".1%")],
    )
    st.altair_chart((band + lines).properties(title="Backtest: forecast (80 % band) vs naive vs actual", height=300),
                    width="stretch")


def render(context: Context) -> None:
    if not context.has("nrr_forecast", "nrr_forecast_backtest"):
        return
    forecast = context.fetch("table", "nrr_forecast")
    if _usable(forecast, "nrr_forecast", FORECAST_COLUMNS):
        _forecast(context, forecast)
    backtest = context.fetch("table", "nrr_forecast_backtest")
    if _usable(backtest, "nrr_forecast_backtest", BACKTEST_COLUMNS):
        _backtest(context, backtest)
