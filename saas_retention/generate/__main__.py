"""Command line: `python -m saas_retention.generate --customers N --seed S --out DIR [options]`."""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from saas_retention.generate.config import SimulationConfig
from saas_retention.generate.pipeline import generate
from saas_retention.generate.writer import FORMATS


def _month_start(text: str) -> date:
    value = date.fromisoformat(text)
    if value.day != 1:
        raise argparse.ArgumentTypeError("--start must be the first day of a month (YYYY-MM-01)")
    return value


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m saas_retention.generate",
        description="Simulate a SaaS customer base and write every raw table of the data contract.",
    )
    parser.add_argument("--customers", type=int, required=True, help="number of customer accounts")
    parser.add_argument("--seed", type=int, required=True, help="random seed (same seed, same bytes)")
    parser.add_argument("--out", type=Path, required=True, help="output directory")
    parser.add_argument("--format", choices=(*FORMATS, "both"), default="csv", help="file format (default csv)")
    parser.add_argument("--start", type=_month_start, default=date(2023, 11, 1),
                        help="first simulated month, YYYY-MM-01 (default 2023-11-01)")
    parser.add_argument("--months", type=int, default=36, help="number of simulated months (default 36)")
    parser.add_argument("--event-scale", type=float, default=1.0,
                        help="multiplier of product usage volume (usage_events only; default 1.0)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    config = SimulationConfig(customers=args.customers, seed=args.seed, start=args.start, months=args.months,
                              event_scale=args.event_scale)
    formats = FORMATS if args.format == "both" else (args.format,)
    began = time.perf_counter()
    row_counts = generate(config, args.out, formats)
    for name, rows in row_counts.items():
        print(f"{name:28s} {rows:>12,d}")
    print(f"wrote {len(row_counts)} tables to {args.out} in {time.perf_counter() - began:.1f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
