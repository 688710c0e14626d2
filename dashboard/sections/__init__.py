"""One module per dashboard section; each has `render(context)`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

BAND_COLOURS = {"red": "#d62728", "yellow": "#f2c744", "green": "#2ca02c"}


@dataclass(frozen=True)
class Context:
    """What every section gets: the filters, the marts that exist, and a cached loader.

    `fetch(name, *args)` calls `dashboard.data.Marts.<name>(*args)` (cached).
    """

    segment: str
    start: date
    end: date
    available: frozenset[str]
    fetch: Callable[..., pd.DataFrame]

    def in_period(self, frame: pd.DataFrame, column: str = "month") -> pd.DataFrame:
        """Rows whose month lies in the selected period."""
        months = pd.to_datetime(frame[column]).dt.date
        return frame[(months >= self.start) & (months <= self.end)]

    def has(self, *marts: str) -> bool:
        """True when every mart exists; otherwise a visible "not built" note."""
        missing = [mart for mart in marts if mart not in self.available]
        if missing:
            names = ", ".join(f"`marts.{mart}`" for mart in missing)
            st.info(f"Not built yet: {names}. This section appears once the mart is built (`make demo`).")
        return not missing
