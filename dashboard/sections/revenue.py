"""MRR and ARR trend, monthly MRR movements and the MRR waterfall of a month."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from dashboard import formatting
from dashboard.sections import Context

# Movement -> (label, sign in the bridge)
MOVEMENTS = {
    "new_mrr": ("New", 1),
    "reactivation_mrr": ("Reactivation", 1),
    "expansion_mrr": ("Expansion", 1),
    "contraction_mrr": ("Contraction", -1),
    "churned_mrr": ("Churned", -1),
}
MOVEMENT_COLOURS = ["#2ca02c", "#98df8a", "#1f77b4", "#ff9896", "#d62728"]


def waterfall_steps(month: pd.Series) -> pd.DataFrame:
    """The bridge of one month as bars from `start` to `end`: starting MRR, each movement, ending MRR.

    `amount` is the step's value as shown (movements signed). The two balance bars start at
    `floor`, a round level below the lowest point of the bridge, so the movements stay visible.
    """
    rows = [{"step": "Starting MRR", "start": 0.0, "end": month["starting_mrr"], "kind": "balance"}]
    level = month["starting_mrr"]
    for column, (label, sign) in MOVEMENTS.items():
        change = sign * month[column]
        rows.append({"step": label, "start": level, "end": level + change,
                     "kind": "increase" if sign > 0 else "decrease"})
        level += change
    rows.append({"step": "Ending MRR", "start": 0.0, "end": month["ending_mrr"], "kind": "balance"})
    steps = pd.DataFrame(rows)
    steps["amount"] = (steps["end"] - steps["start"]).map(formatting.money)
    lowest = steps.loc[steps["kind"] != "balance", ["start", "end"]].min().min()
    highest = steps[["start", "end"]].max().max()
    floor = max(0.0, lowest - 0.5 * (highest - lowest))
    steps.loc[steps["kind"] == "balance", "start"] = floor
    return steps


def _trend(revenue: pd.DataFrame) -> None:
    left, right = st.columns(2)
    base = alt.Chart(revenue).encode(x=alt.X("month:T", title=None))
    left.altair_chart(
        base.mark_area(opacity=0.7).encode(
            y=alt.Y("ending_mrr:Q", title="MRR"),
            tooltip=[alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip("ending_mrr:Q", format=",.2f", title="MRR")],
        ).properties(title="MRR at month end", height=260),
        width="stretch",
    )
    right.altair_chart(
        base.mark_line(point=True).encode(
            y=alt.Y("ending_arr:Q", title="ARR"),
            tooltip=[alt.Tooltip("month:T", format="%b %Y"), alt.Tooltip("ending_arr:Q", format=",.2f", title="ARR")],
        ).properties(title="ARR (12 x MRR)", height=260),
        width="stretch",
    )


def _movements(revenue: pd.DataFrame) -> None:
    long = revenue.melt(id_vars="month", value_vars=list(MOVEMENTS), var_name="movement", value_name="amount")
    long["label"] = long["movement"].map(lambda name: MOVEMENTS[name][0])
    long["signed_amount"] = long["amount"] * long["movement"].map(lambda name: MOVEMENTS[name][1])
    labels = [label for label, _ in MOVEMENTS.values()]
    bars = alt.Chart(long).mark_bar(width=alt.RelativeBandSize(0.8)).encode(
        x=alt.X("yearmonth(month):T", title=None),
        y=alt.Y("signed_amount:Q", title="MRR movement"),
        color=alt.Color("label:N", title=None, scale=alt.Scale(domain=labels, range=MOVEMENT_COLOURS)),
        tooltip=[alt.Tooltip("month:T", format="%b %Y"), "label:N", alt.Tooltip("amount:Q", format=",.2f")],
    )
    net = alt.Chart(revenue.assign(net_new_mrr=revenue["ending_mrr"] - revenue["starting_mrr"])).mark_line(
        color="black", point=True
    ).encode(
        x=alt.X("yearmonth(month):T", bandPosition=0.5),
        y="net_new_mrr:Q",
        tooltip=[alt.Tooltip("net_new_mrr:Q", format=",.2f", title="Net new")],
    )
    st.altair_chart((bars + net).properties(title="MRR movements per month (line: net new MRR)", height=300),
                    width="stretch")


def _waterfall(revenue: pd.DataFrame) -> None:
    months = list(revenue["month"].dt.date)
    chosen = st.selectbox("Waterfall month", months, index=len(months) - 1, format_func=lambda m: f"{m:%B %Y}")
    steps = waterfall_steps(revenue[revenue["month"].dt.date == chosen].iloc[0])
    order = list(steps["step"])
    chart = alt.Chart(steps).mark_bar().encode(
        x=alt.X("step:N", sort=order, title=None, axis=alt.Axis(labelAngle=0)),
        y=alt.Y("start:Q", title="MRR", scale=alt.Scale(zero=False)),
        y2="end:Q",
        color=alt.Color("kind:N", title=None, scale=alt.Scale(domain=["balance", "increase", "decrease"],
                                                              range=["#7f7f7f", "#2ca02c", "#d62728"])),
        tooltip=["step:N", "amount:N"],
    )
    text = alt.Chart(steps).mark_text(dy=-8).encode(x=alt.X("step:N", sort=order), y="end:Q", text="amount:N")
    st.altair_chart((chart + text).properties(title=f"MRR waterfall, {chosen:%B %Y}", height=320), width="stretch")


def render(context: Context) -> None:
    if not context.has("mrr_movements_monthly"):
        return
    revenue = context.in_period(context.fetch("revenue_monthly", context.segment))
    if revenue.empty:
        return
    _trend(revenue)
    _movements(revenue)
    _waterfall(revenue)
