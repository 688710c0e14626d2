"""Deterministic, vectorised simulator of a SaaS customer base that writes the raw data contract.

Usage: `python -m saas_retention.generate --customers N --seed S --out DIR`, or
`generate(SimulationConfig(...), out_dir)` from Python.
"""

from saas_retention.generate.config import SimulationConfig
from saas_retention.generate.pipeline import generate

__all__ = ["SimulationConfig", "generate"]
