"""Turning numpy arrays into Arrow arrays typed exactly as the contract says.

Canonical numpy inputs: timestamps as int64 epoch seconds, dates as int days
since the epoch, decimals as unscaled integers (20.00 with scale 2 -> 2000).
A nullable column is given as `(values, null_mask)`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from saas_retention.contract import TABLES
from saas_retention.generate.sim_calendar import SECONDS_PER_DAY

_DECIMAL = re.compile(r"decimal\((\d+),(\d+)\)")
_SIMPLE_TYPES = {
    "varchar": pa.string(),
    "timestamp": pa.timestamp("us"),
    "date": pa.date32(),
    "integer": pa.int32(),
    "bigint": pa.int64(),
    "boolean": pa.bool_(),
    "double": pa.float64(),
}


def arrow_type(contract_type: str) -> pa.DataType:
    """The Arrow (and Parquet) type of a contract type string."""
    if contract_type in _SIMPLE_TYPES:
        return _SIMPLE_TYPES[contract_type]
    match = _DECIMAL.fullmatch(contract_type)
    if match is None:
        raise ValueError(f"unknown contract type {contract_type!r}")
    return pa.decimal128(int(match.group(1)), int(match.group(2)))


def contract_schema(table_name: str) -> pa.Schema:
    """Arrow schema of a contract table, nullability included."""
    return pa.schema(
        [pa.field(c.name, arrow_type(c.type), nullable=c.nullable) for c in TABLES[table_name].columns]
    )


def _digits(values: np.ndarray, width: int) -> np.ndarray:
    """ASCII digits of non-negative integers, zero-padded to `width`, as a (rows x width) uint8 matrix."""
    remaining = np.asarray(values, dtype=np.int64).copy()
    if remaining.size and (remaining.min() < 0 or remaining.max() >= 10**width):
        raise ValueError(f"values do not fit {width} digits")
    chars = np.empty((remaining.size, width), dtype=np.uint8)
    for position in range(width - 1, -1, -1):
        chars[:, position] = 48 + remaining % 10
        remaining //= 10
    return chars


def _strings_from_chars(chars: np.ndarray, null_mask: np.ndarray | None = None) -> pa.StringArray:
    """One string per row of a (rows x width) uint8 character matrix."""
    rows, width = chars.shape
    offsets = np.arange(rows + 1, dtype=np.int32) * width
    validity = None if null_mask is None or not null_mask.any() else pa.array(~null_mask).buffers()[1]
    return pa.StringArray.from_buffers(rows, pa.py_buffer(offsets), pa.py_buffer(np.ascontiguousarray(chars)),
                                       validity)


def prefixed_ids(prefix: str, numbers: np.ndarray, min_width: int) -> pa.StringArray:
    """String ids such as `cus_000123`: numbers zero-padded to `min_width` digits, or to the
    width of the largest number when wider, so that all ids of one call have the same length."""
    numbers = np.asarray(numbers, dtype=np.int64)
    width = max(min_width, len(str(int(numbers.max())))) if numbers.size else min_width
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    digits = _digits(numbers, width)
    return _strings_from_chars(np.hstack([np.broadcast_to(head, (digits.shape[0], head.size)), digits]))


def timestamp_text(seconds: np.ndarray, null_mask: np.ndarray | None = None) -> pa.StringArray:
    """`YYYY-MM-DD HH:MM:SS` strings of epoch seconds."""
    seconds = np.asarray(seconds, dtype=np.int64)
    days = seconds // SECONDS_PER_DAY
    moment = days.astype("datetime64[D]")
    year = moment.astype("datetime64[Y]")
    month_start = moment.astype("datetime64[M]")
    time_of_day = seconds - days * SECONDS_PER_DAY
    fields = [
        (year.astype(np.int64) + 1970, 4, b"-"),
        ((month_start - year.astype("datetime64[M]")).astype(np.int64) + 1, 2, b"-"),
        ((moment - month_start.astype("datetime64[D]")).astype(np.int64) + 1, 2, b" "),
        (time_of_day // 3600, 2, b":"),
        (time_of_day // 60 % 60, 2, b":"),
        (time_of_day % 60, 2, b""),
    ]
    parts = []
    for values, width, separator in fields:
        parts.append(_digits(values, width))
        if separator:
            parts.append(np.full((seconds.size, 1), separator[0], dtype=np.uint8))
    return _strings_from_chars(np.hstack(parts), null_mask)


def labels(values: Sequence[str], codes: np.ndarray, null_mask: np.ndarray | None = None) -> pa.Array:
    """Strings `values[code]` per row; rows in `null_mask` (or with a negative code) are null."""
    codes = np.asarray(codes, dtype=np.int64)
    mask = codes < 0 if null_mask is None else (np.asarray(null_mask) | (codes < 0))
    return pa.array(list(values), pa.string()).take(pa.array(np.where(mask, 0, codes), mask=mask))


def emails(local_prefix: str, numbers: np.ndarray, null_mask: np.ndarray | None = None) -> pa.Array:
    """Fake addresses `<prefix><number>@example.com`."""
    local = pc.cast(pa.array(np.asarray(numbers, dtype=np.int64)), pa.string())
    joined = pc.binary_join_element_wise(local_prefix, local, "@example.com", "")
    if null_mask is None:
        return joined
    return pc.if_else(pa.array(np.asarray(null_mask, dtype=bool)), pa.scalar(None, pa.string()), joined)


def _decimal_array(unscaled: np.ndarray, type_: pa.Decimal128Type, mask: np.ndarray | None) -> pa.Array:
    values = np.asarray(unscaled, dtype=np.int64)
    words = np.empty((values.size, 2), dtype=np.int64)
    words[:, 0] = values
    words[:, 1] = values >> 63
    validity = None
    if mask is not None and mask.any():
        validity = pa.array(~mask).buffers()[1]
    return pa.Array.from_buffers(type_, values.size, [validity, pa.py_buffer(words)])


def to_arrow(values: np.ndarray, contract_type: str, null_mask: np.ndarray | None = None) -> pa.Array:
    """One numpy column in canonical units as an Arrow array of the contract type."""
    type_ = arrow_type(contract_type)
    mask = None if null_mask is None else np.asarray(null_mask, dtype=bool)
    if isinstance(type_, pa.Decimal128Type):
        return _decimal_array(values, type_, mask)
    values = np.asarray(values)
    if contract_type == "timestamp":
        safe = values if mask is None else np.where(mask, 0, values)
        return pa.array(safe.astype("datetime64[s]").astype("datetime64[us]"), type_, mask=mask)
    if contract_type == "date":
        return pa.array(values.astype(np.int32), pa.int32(), mask=mask).cast(type_)
    return pa.array(values, type_, mask=mask)


def build_table(table_name: str, columns: dict[str, object]) -> pa.Table:
    """A contract table from columns given in contract order.

    Each value is an Arrow array, a numpy array in canonical units, or a
    `(numpy array, null_mask)` pair for a nullable column.
    """
    table = TABLES[table_name]
    if tuple(columns) != table.column_names:
        raise ValueError(f"{table_name}: columns {tuple(columns)} != contract {table.column_names}")
    arrays = []
    for column in table.columns:
        value = columns[column.name]
        if isinstance(value, tuple):
            value = to_arrow(value[0], column.type, value[1])
        elif isinstance(value, np.ndarray):
            value = to_arrow(value, column.type)
        arrays.append(value.cast(arrow_type(column.type)))
    return pa.Table.from_arrays(arrays, schema=contract_schema(table_name))
