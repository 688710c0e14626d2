"""Turn benchmark measurements into figures: slowest models, chains, growth, a table."""

from __future__ import annotations

import json
import math
from pathlib import Path


def model_timings(target_path: Path) -> dict[str, float]:
    """Execution seconds per model (name) from dbt's run_results.json."""
    results = json.loads((target_path / "run_results.json").read_text())["results"]
    return {
        result["unique_id"].split(".")[-1]: result["execution_time"]
        for result in results
        if result["unique_id"].startswith("model.")
    }


def failed_nodes(target_path: Path) -> dict[str, list[str]]:
    """Names of the nodes that did not succeed in dbt's run_results.json, by kind:
    ``{"models": [...], "tests": [...]}`` (a failing data test is a finding, a failing model is not a run)."""
    results = json.loads((target_path / "run_results.json").read_text())["results"]
    failed = {"models": [], "tests": []}
    for result in results:
        if result["status"] in ("error", "fail", "runtime error"):
            kind = "tests" if result["unique_id"].startswith(("test.", "unit_test.")) else "models"
            failed[kind].append(result["unique_id"].split(".")[-1])
    return failed


def upstream_models(target_path: Path, model_name: str) -> set[str]:
    """The model and every model it depends on, from dbt's manifest.json."""
    manifest = json.loads((target_path / "manifest.json").read_text())
    nodes = manifest["nodes"]
    start = next(unique_id for unique_id in nodes if unique_id.startswith("model.") and unique_id.endswith(f".{model_name}"))
    seen, pending = set(), [start]
    while pending:
        unique_id = pending.pop()
        if unique_id in seen or not unique_id.startswith("model."):
            continue
        seen.add(unique_id)
        pending.extend(nodes[unique_id]["depends_on"]["nodes"])
    return {unique_id.split(".")[-1] for unique_id in seen}


def chain_seconds(timings: dict[str, float], models: set[str]) -> float:
    """Total execution time of a set of models."""
    return sum(seconds for name, seconds in timings.items() if name in models)


def slowest(timings: dict[str, float], count: int = 3) -> list[tuple[str, float]]:
    """The `count` slowest models, slowest first."""
    return sorted(timings.items(), key=lambda item: item[1], reverse=True)[:count]


def growth_exponent(sizes: list[float], seconds: list[float]) -> float | None:
    """Least-squares slope of log(seconds) on log(size): 1.0 is linear growth."""
    if len(sizes) < 2:
        return None
    xs = [math.log(size) for size in sizes]
    ys = [math.log(value) for value in seconds]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return None
    return sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys)) / spread


COLUMNS = (
    ("customers", "{:>9,d}"),
    ("rows_in", "{:>12,d}"),
    ("events", "{:>11,d}"),
    ("full_build_s", "{:>8.1f}"),
    ("full_peak_rss_mb", "{:>8,.0f}"),
    ("incremental_s", "{:>8.1f}"),
    ("incremental_pct_of_full", "{:>6.1f}%"),
    ("mrr_chain_s", "{:>7.2f}"),
    ("mrr_floor_s", "{:>7.2f}"),
    ("mrr_vs_floor", "{:>6.2f}x"),
    ("usage_chain_s", "{:>7.2f}"),
    ("usage_floor_s", "{:>7.2f}"),
    ("usage_vs_floor", "{:>6.2f}x"),
)
HEADERS = (
    "customers", "rows in", "events", "full s", "RSS MB", "incr s", "incr %",
    "MRR s", "floor s", "MRR/fl", "usage s", "floor s", "use/fl",
)


def format_table(rows: list[dict], exponent: float | None) -> str:
    """The benchmark table as printed."""
    cells = [[fmt.format(row[key]) for key, fmt in COLUMNS] for row in rows]
    widths = [max([len(header)] + [len(line[index]) for line in cells]) for index, header in enumerate(HEADERS)]
    lines = ["  ".join(header.rjust(width) for header, width in zip(HEADERS, widths))]
    lines += ["  ".join(cell.rjust(width) for cell, width in zip(line, widths)) for line in cells]
    for row in rows:
        models = ", ".join(f"{name} {seconds:.1f}s" for name, seconds in row["slowest_models"])
        lines.append(f"slowest models at {row['customers']:,} customers: {models}")
    for row in rows:
        if row["failed_tests"]:
            lines.append(f"data tests failing at {row['customers']:,} customers: {', '.join(row['failed_tests'])}")
    for row in rows:
        verdict = "same rows and total MRR" if row["floor_matches_model"] else "DIFFERENT result (see JSON)"
        lines.append(f"floor vs customer_mrr_monthly at {row['customers']:,} customers: {verdict}")
    growth = "n/a (one size)" if exponent is None else f"{exponent:.2f} (1.0 = linear)"
    lines.append(f"growth exponent of full-build time with rows in: {growth}")
    return "\n".join(lines)
