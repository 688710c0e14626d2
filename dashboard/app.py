"""Revenue and customer-success dashboard over the marts.

Start it with `make dashboard` (builds the demo marts first when the
database is missing), or directly:

    streamlit run dashboard/app.py -- --database saas_retention.duckdb

It reads the `marts` schema of the DuckDB file read-only (default: env
DBT_DUCKDB_PATH, else saas_retention.duckdb in the project).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from dashboard import data  # noqa: E402
from dashboard.sections import Context, experience, forecast, health, overview, retention, revenue  # noqa: E402

SEGMENT_MARTS = {"mrr_movements_by_segment_monthly", "customer_attributes_monthly", "customer_retention_12m"}
TABS = {
    "Revenue": revenue,
    "Retention & churn": retention,
    "Health & risk": health,
    "NRR forecast": forecast,
    "Surveys & support": experience,
}


@st.cache_data(show_spinner=False, ttl=600)
def _load(database: str, modified: float, method: str, *args):
    """Cached mart reads; `modified` (the file's mtime) refreshes them after a rebuild."""
    return getattr(data.Marts(database), method)(*args)


def _database() -> Path:
    parser = argparse.ArgumentParser(allow_abbrev=False)
    parser.add_argument("--database", type=Path, default=data.default_database())
    return parser.parse_known_args(sys.argv[1:])[0].database


def main() -> None:
    st.set_page_config(page_title="SaaS retention", layout="wide")
    st.title("SaaS revenue and customer success")
    database = _database()
    if not database.exists():
        st.error(f"No database at {database}. Build the marts first: `make demo`.")
        st.stop()

    def fetch(method: str, *args):
        return _load(str(database), database.stat().st_mtime, method, *args)

    available = fetch("available")
    if "mrr_movements_monthly" not in available:
        st.error(f"{database} has no `marts.mrr_movements_monthly`. Build the marts first: `make demo`.")
        st.stop()

    months = list(fetch("revenue_monthly")["month"].dt.date)
    with st.sidebar:
        st.header("Filters")
        segments = [data.ALL_SEGMENTS, *data.SEGMENTS] if SEGMENT_MARTS <= available else [data.ALL_SEGMENTS]
        segment = st.selectbox("Segment", segments, format_func=lambda name: "All segments" if name == "all" else name)
        if len(segments) == 1:
            st.caption("Segments appear once the customer-success marts are built.")
        start, end = st.select_slider(
            "Period", options=months, value=(months[0], months[-1]), format_func=lambda month: f"{month:%b %Y}"
        )
        st.caption(f"Database: {database.name}. Amounts in the reporting currency, at month end.")

    context = Context(segment=segment, start=start, end=end, available=available, fetch=fetch)
    overview.render(context)
    for tab, section in zip(st.tabs(list(TABS)), TABS.values()):
        with tab:
            section.render(context)


if __name__ == "__main__":  # `streamlit run` executes the script as __main__
    main()
