"""Independent, reproducible random streams, one per named purpose.

Each generator module draws from its own stream, so changing one module's
draws never shifts the numbers another module sees.
"""

from __future__ import annotations

import zlib

import numpy as np


def rng_for(seed: int, stream: str, *keys: int) -> np.random.Generator:
    """A generator determined by the run seed, a stream name and optional integer keys."""
    return np.random.default_rng(np.random.SeedSequence([seed, zlib.crc32(stream.encode()), *keys]))
