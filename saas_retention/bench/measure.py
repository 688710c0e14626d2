"""Run a command and measure its wall time and peak resident memory."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass


@dataclass(frozen=True)
class Measurement:
    """Outcome of one measured command."""

    wall_seconds: float
    peak_rss_mb: float
    returncode: int
    output: str


def run_measured(command: list[str], env: dict[str, str], cwd: str) -> Measurement:
    """Run `command`, returning its wall time and the child's peak RSS.

    `os.wait4` reports the resource usage of exactly this child (dbt and
    DuckDB run in one process), unlike RUSAGE_CHILDREN, which accumulates the
    maximum over every child ever waited for.
    """
    started = time.perf_counter()
    with subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    ) as process:
        output = process.stdout.read()
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - started
    return Measurement(wall, usage.ru_maxrss / 1024, process.returncode, output)
