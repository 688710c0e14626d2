"""The Streamlit dashboard, tested for real in headless Chromium.

A module fixture starts `streamlit run dashboard/app.py` headless on a free
loopback port over the demo marts (built once, see demo_marts.py). The page
test drives Debian's `chromium` through the DevTools protocol: it loads the
page, waits until Streamlit has finished the run, checks the headline KPIs
against the marts (formatted as the page formats them), opens every tab,
checks the tab's own figures (at-risk count and MRR, the NRR forecast and
its interval, the latest NPS and CSAT) and saves screenshots under
target/dashboard_test/. Installs nothing: `make
test` installs chromium (`make dashboard-deps`); without it the browser
test is skipped.
"""

from __future__ import annotations

import base64
import json
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import ExitStack
from pathlib import Path

import duckdb
import pytest
from dbt_project_runner import PROJECT_DIR
from demo_marts import demo_marts
from websockets.sync.client import connect

# demo_marts puts the project on sys.path, so the dashboard package imports.
from dashboard import data, formatting

APP = PROJECT_DIR / "dashboard" / "app.py"
STREAMLIT = str(Path(sys.executable).with_name("streamlit"))
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]
SCREENSHOT_DIR = PROJECT_DIR / "target" / "dashboard_test"
WINDOW = (1600, 2800)

# The page's KPI label -> (mart query of the latest month, formatter)
LATEST_KPIS = {
    "MRR": ("select ending_mrr from marts.mrr_movements_monthly order by month desc limit 1", formatting.money),
    "ARR": ("select ending_arr from marts.mrr_movements_monthly order by month desc limit 1", formatting.money),
    "Active customers": (
        "select ending_customers from marts.mrr_movements_monthly order by month desc limit 1", formatting.count
    ),
    "NRR (12 months)": (
        "select nrr_12m from marts.revenue_retention_monthly order by month desc limit 1", formatting.percent
    ),
    "GRR (12 months)": (
        "select grr_12m from marts.revenue_retention_monthly order by month desc limit 1", formatting.percent
    ),
}



def tab_figures(marts) -> dict[str, tuple[dict[str, str], list[str]]]:
    """Per tab: the metrics (label -> value) and the texts it must show, from the marts (segment `all`)."""
    (at_risk, mrr_at_risk), = marts.query("select count(*), sum(mrr_at_risk) from marts.customers_at_risk")
    (forecast_month, target_month, forecast, lower, upper), = marts.query(
        """select forecast_month, target_month, forecast_nrr, lower_80, upper_80 from marts.nrr_forecast
           where segment = 'all' order by forecast_month desc limit 1"""
    )
    (nps_month, nps), (csat_month, csat) = (
        marts.query(f"""select month, {score} from marts.survey_scores_monthly
                        where segment = 'all' and {score} is not null order by month desc limit 1""")[0]
        for score in ("nps", "csat")
    )
    return {
        "Health & risk": (
            {}, [f"At-risk customers ({formatting.count(at_risk)}, MRR at risk {formatting.money(mrr_at_risk)})"]
        ),
        "NRR forecast": (
            {f"NRR forecast for {target_month:%B %Y} (cohort of {forecast_month:%B %Y})": formatting.percent(forecast)},
            [f"80 % interval {formatting.percent(lower)} to {formatting.percent(upper)}."],
        ),
        "Surveys & support": (
            {f"NPS ({nps_month:%B %Y})": formatting.score(nps), f"CSAT ({csat_month:%B %Y})": formatting.percent(csat)},
            [],
        ),
    }


PAGE_STATE_JS = """JSON.stringify({
    labels: [...document.querySelectorAll('[data-testid="stMetricLabel"]')].map(e => e.innerText.trim()),
    values: [...document.querySelectorAll('[data-testid="stMetricValue"]')].map(e => e.innerText.trim()),
    ready: window.prerenderReady === true,
    running: document.querySelector('[data-testid="stStatusWidget"]') !== null,
    exceptions: document.querySelectorAll('[data-testid="stException"]').length,
    charts: document.querySelectorAll('[data-testid="stVegaLiteChart"] canvas, [data-testid="stVegaLiteChart"] svg').length,
    text: document.body.innerText,
})"""


class Chromium:
    """Headless Chromium driven over the DevTools protocol (one page)."""

    def __init__(self, profile_dir: Path):
        self.process = subprocess.Popen(
            [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile_dir}", "--remote-debugging-port=0",
             f"--window-size={WINDOW[0]},{WINDOW[1]}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        )
        port = self._devtools_port()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list", timeout=10) as response:
            page = next(target for target in json.load(response) if target["type"] == "page")
        self.connections = ExitStack()
        self.socket = self.connections.enter_context(connect(page["webSocketDebuggerUrl"], max_size=None))
        self.last_id = 0
        self.call("Emulation.setDeviceMetricsOverride", width=WINDOW[0], height=WINDOW[1], deviceScaleFactor=1,
                  mobile=False)

    def _devtools_port(self) -> int:
        for line in self.process.stderr:
            match = re.search(r"DevTools listening on ws://[^:]+:(\d+)/", line)
            if match:
                return int(match.group(1))
        raise RuntimeError("chromium exited before opening its DevTools port")

    def call(self, method: str, **params) -> dict:
        self.last_id += 1
        self.socket.send(json.dumps({"id": self.last_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv(timeout=60))
            if message.get("id") == self.last_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression: str):
        return self.call("Runtime.evaluate", expression=expression, returnByValue=True)["result"].get("value")

    def wait_for(self, condition, timeout: float = 120.0) -> dict:
        """Poll the page state until `condition(state)` holds; returns the state."""
        deadline = time.monotonic() + timeout
        state = {}
        while True:
            raw = self.evaluate(PAGE_STATE_JS)  # None while a navigation replaces the document
            state = json.loads(raw) if raw else state
            if state and condition(state):
                return state
            if time.monotonic() > deadline:
                raise AssertionError(f"page never got ready: {({k: v for k, v in state.items() if k != 'text'})}")
            time.sleep(0.5)

    def click(self, selector: str, index: int) -> None:
        """A real mouse click (Streamlit's tabs ignore element.click())."""
        rect = self.evaluate(f"JSON.stringify(document.querySelectorAll('{selector}')[{index}].getBoundingClientRect())")
        box = json.loads(rect)
        x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
        for event in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=event, x=x, y=y, button="left", clickCount=1)

    def screenshot(self, path: Path) -> Path:
        path.write_bytes(base64.b64decode(self.call("Page.captureScreenshot", format="png")["data"]))
        return path

    def close(self) -> None:
        self.connections.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()


def page_ready(state: dict) -> bool:
    return state["ready"] and not state["running"] and len(state["values"]) == len(state["labels"]) > 0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def marts():
    return demo_marts()


@pytest.fixture(scope="module")
def dashboard_url(marts):
    port = free_port()
    server = subprocess.Popen(
        [STREAMLIT, "run", str(APP), "--server.headless", "true", "--server.address", "127.0.0.1",
         "--server.port", str(port), "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
         "--", "--database", str(marts.database)],
        cwd=PROJECT_DIR, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{url}_stcore/health", timeout=5) as response:
                    if response.read().strip() == b"ok":
                        break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"streamlit did not start:\n{server.stdout.read()}") from None
                time.sleep(0.5)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


@pytest.fixture
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed; `make dashboard-deps` (part of `make test`) installs it")
    with tempfile.TemporaryDirectory(prefix="chromium_profile_") as profile_dir:
        chromium = Chromium(Path(profile_dir))
        try:
            yield chromium
        finally:
            chromium.close()


def test_page_shows_the_marts_latest_kpis_and_every_tab_renders(dashboard_url, browser, marts):
    browser.call("Page.navigate", url=dashboard_url)
    state = browser.wait_for(page_ready)
    shown = dict(zip(state["labels"], state["values"]))
    for label, (sql, formatter) in LATEST_KPIS.items():
        (value,) = marts.query(sql)[0]
        assert shown[label] == formatter(value), f"{label}: page {shown[label]!r}, mart {formatter(value)!r}"
    assert state["exceptions"] == 0

    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    screenshots = []
    tabs = json.loads(browser.evaluate("""JSON.stringify([...document.querySelectorAll('[role="tab"]')]
                                          .map(e => e.innerText.trim()))"""))
    assert tabs == ["Revenue", "Retention & churn", "Health & risk", "NRR forecast", "Surveys & support"]
    figures = tab_figures(marts)
    for index, tab in enumerate(tabs):
        browser.click('[role="tab"]', index)
        browser.wait_for(lambda s: page_ready(s) and s["charts"] > 0 or "Not built yet" in s["text"])
        time.sleep(1.5)  # let Vega finish drawing before the picture
        tab_state = browser.wait_for(page_ready)
        assert tab_state["exceptions"] == 0, tab
        assert "Not built yet" not in tab_state["text"], tab
        metrics, texts = figures.get(tab, ({}, []))
        shown = dict(zip(tab_state["labels"], tab_state["values"]))
        for label, value in metrics.items():
            assert shown.get(label) == value, f"{tab}: {label} page {shown.get(label)!r}, mart {value!r}"
        for text in texts:
            assert text in tab_state["text"], f"{tab}: {text!r} not on the page"
        name = re.sub(r"\W+", "_", tab.lower()).strip("_")
        screenshots.append(browser.screenshot(SCREENSHOT_DIR / f"dashboard_{index}_{name}.png"))

    for screenshot in screenshots:
        png = screenshot.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == WINDOW
        assert len(png) > 60_000, f"{screenshot} looks empty ({len(png)} bytes)"


def test_segments_add_up_to_the_company_figures(marts):
    warehouse = data.Marts(marts.database)
    company = warehouse.revenue_monthly().set_index("month")
    segments = sum(warehouse.revenue_monthly(segment).set_index("month") for segment in data.SEGMENTS)
    for column in ("starting_mrr", "new_mrr", "reactivation_mrr", "expansion_mrr", "contraction_mrr",
                   "churned_mrr", "ending_mrr"):
        assert (segments[column] - company[column]).abs().max() < 0.005, column
    for column in ("starting_customers", "new_customers", "churned_customers", "ending_customers"):
        assert (segments[column] == company[column]).all(), column
    vip = warehouse.retention_monthly("vip").dropna()
    assert len(vip) > 0 and (vip["grr_12m"] <= 1 + 1e-9).all() and (vip["grr_12m"] <= vip["nrr_12m"] + 1e-9).all()


def test_missing_marts_get_a_not_built_note(marts, tmp_path, monkeypatch):
    from streamlit.testing.v1 import AppTest

    partial = tmp_path / "revenue_only.duckdb"
    with duckdb.connect(str(partial)) as connection:
        connection.execute(f"attach '{marts.database}' as demo (read_only)")
        connection.execute("create schema marts")
        for mart in ("mrr_movements_monthly", "revenue_retention_monthly"):
            connection.execute(f"create table marts.{mart} as select * from demo.marts.{mart}")
    monkeypatch.setenv("DBT_DUCKDB_PATH", str(partial))
    app = AppTest.from_file(str(APP), default_timeout=120).run()
    assert not app.exception
    assert [metric.value for metric in app.metric][:3] == [
        formatting.money(marts.query(LATEST_KPIS["MRR"][0])[0][0]),
        formatting.money(marts.query(LATEST_KPIS["ARR"][0])[0][0]),
        formatting.count(marts.query(LATEST_KPIS["Active customers"][0])[0][0]),
    ]
    notes = " ".join(info.value for info in app.info)
    for mart in ("churn_reasons_monthly", "health_bands_monthly", "customers_at_risk", "nrr_forecast",
                 "survey_scores_monthly", "support_kpis_monthly"):
        assert f"marts.{mart}" in notes
    assert [box.options for box in app.selectbox if box.label == "Segment"] == [["All segments"]]


def test_at_risk_reasons_explain_every_flag():
    row = {"is_red": True, "is_falling_fast": True, "health_trend_3m": -18.24, "weakest_component": "adoption",
           "weakest_component_score": 23.0, "biggest_drop_component": "engagement", "biggest_drop_points": -30.0}
    assert formatting.risk_reasons(row) == (
        "red band; falling fast (-18.2 pts in 3 months); weakest: adoption (23.0); "
        "biggest drop: engagement (-30.0 pts)"
    )
    quiet = {"is_red": False, "is_falling_fast": False, "weakest_component": "roi", "weakest_component_score": 40.0,
             "biggest_drop_component": None}
    assert formatting.risk_reasons(quiet) == "weakest: roi (40.0)"


def test_segment_filter_shows_the_segments_own_figures(marts, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("DBT_DUCKDB_PATH", str(marts.database))
    app = AppTest.from_file(str(APP), default_timeout=120).run()
    segment_box = next(box for box in app.selectbox if box.label == "Segment")
    app = segment_box.select("vip").run()
    assert not app.exception
    vip = data.Marts(marts.database).revenue_monthly("vip").iloc[-1]
    shown = {metric.label: metric.value for metric in app.metric}
    assert shown["MRR"] == formatting.money(vip["ending_mrr"])
    assert shown["Active customers"] == formatting.count(vip["ending_customers"])
    assert 0 < vip["ending_mrr"] < marts.query(LATEST_KPIS["MRR"][0])[0][0]
