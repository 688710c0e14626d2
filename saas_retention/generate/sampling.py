"""Vectorised sampling helpers shared by the generator modules."""

from __future__ import annotations

import numpy as np


def categorical(rng: np.random.Generator, weights: np.ndarray) -> np.ndarray:
    """One draw per row of a (rows x categories) weight matrix; -1 for rows whose weights are all 0."""
    weights = np.asarray(weights, dtype=float)
    cumulative = np.cumsum(weights, axis=1)
    total = cumulative[:, -1]
    picks = (rng.random(weights.shape[0]) * total)[:, None] >= cumulative
    return np.where(total > 0, np.minimum(picks.sum(axis=1), weights.shape[1] - 1), -1)


def weighted_choice(rng: np.random.Generator, weights: np.ndarray, size: int) -> np.ndarray:
    """`size` draws of category indices with fixed weights."""
    weights = np.asarray(weights, dtype=float)
    return rng.choice(weights.size, size=size, p=weights / weights.sum())


def uniform_times(rng: np.random.Generator, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Whole-second timestamps uniformly in [start, end) (start itself when the interval is empty)."""
    span = np.maximum(np.asarray(end) - np.asarray(start), 1)
    return np.asarray(start) + (rng.random(span.shape) * span).astype(np.int64)


def lognormal_seconds(rng: np.random.Generator, median_seconds: np.ndarray, sigma: float) -> np.ndarray:
    """Positive durations in whole seconds with the given medians."""
    median_seconds = np.asarray(median_seconds, dtype=float)
    return np.maximum(1, (median_seconds * np.exp(rng.normal(0.0, sigma, median_seconds.shape)))).astype(np.int64)


def expand(counts: np.ndarray) -> np.ndarray:
    """Indices 0..len(counts)-1, index i repeated counts[i] times."""
    return np.repeat(np.arange(counts.size), counts)


def categorical_by_group(rng: np.random.Generator, group_weights: np.ndarray, group: np.ndarray) -> np.ndarray:
    """One draw per row from the weights of its group (rows x categories never materialised)."""
    cumulative = np.cumsum(group_weights, axis=1)
    cumulative /= cumulative[:, -1:]
    draw = rng.random(group.size)
    picks = np.zeros(group.size, dtype=np.int64)
    for category in range(group_weights.shape[1] - 1):
        picks += draw >= cumulative[group, category]
    return picks
