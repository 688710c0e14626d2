"""Writing contract tables as CSV and/or Parquet, whole or streamed in chunks.

CSV: header row in contract order, timestamps `YYYY-MM-DD HH:MM:SS`, dates
`YYYY-MM-DD`, booleans `true`/`false`, NULL as an empty field, decimals plain.
Parquet: the contract's Arrow types (timestamp[us], date32, decimal128, int32,
int64), zstd-compressed, one row group per written chunk.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from saas_retention.generate.arrow_columns import contract_schema, timestamp_text

FORMATS = ("csv", "parquet")
_CSV_SPECIAL_BYTES = np.frombuffer(b'",\r\n', dtype=np.uint8)


def _may_need_quotes(text: pa.StringArray) -> bool:
    """Cheap whole-column check: does any value contain a quote, comma or line break?"""
    data = text.buffers()[2]
    return data is not None and bool(np.isin(np.frombuffer(data, dtype=np.uint8), _CSV_SPECIAL_BYTES).any())


def _csv_field(column: pa.Array) -> pa.Array:
    """Text of one column as CSV fields: quoted only when needed, NULL as an empty field."""
    if pa.types.is_timestamp(column.type):
        seconds = column.cast(pa.int64()).fill_null(0).to_numpy() // 1_000_000
        text = timestamp_text(seconds, column.is_null().to_numpy(zero_copy_only=False))
    else:
        text = column.cast(pa.string())
    if pa.types.is_string(column.type) and _may_need_quotes(text):
        quoted = pc.binary_join_element_wise('"', pc.replace_substring(text, '"', '""'), '"', "")
        text = pc.if_else(pc.match_substring_regex(text, '[",\r\n]'), quoted, text)
    return text.fill_null("")


def _csv_lines(chunk: pa.Table) -> memoryview:
    """The CSV body of a chunk (one line per row, each ending in a newline)."""
    fields = [_csv_field(column.combine_chunks()) for column in chunk.columns]
    lines = pc.binary_join_element_wise(pc.binary_join_element_wise(*fields, ","), "", "\n")
    offsets = np.frombuffer(lines.buffers()[1], dtype=np.int32)[lines.offset: lines.offset + len(lines) + 1]
    return memoryview(lines.buffers()[2])[offsets[0]: offsets[-1]]


class TableWriter:
    """Streams chunks of one contract table into `<out_dir>/<table>.<format>` files."""

    def __init__(self, out_dir: Path, table_name: str, formats: tuple[str, ...]) -> None:
        unknown = set(formats) - set(FORMATS)
        if unknown:
            raise ValueError(f"unknown formats {sorted(unknown)}")
        self.schema = contract_schema(table_name)
        self.rows = 0
        self._csv = None
        self._parquet = None
        if "csv" in formats:
            self._csv = open(out_dir / f"{table_name}.csv", "wb")
            self._csv.write((",".join(self.schema.names) + "\n").encode())
        if "parquet" in formats:
            self._parquet = pq.ParquetWriter(out_dir / f"{table_name}.parquet", self.schema, compression="zstd")

    def write(self, chunk: pa.Table) -> None:
        if not chunk.schema.equals(self.schema):
            raise ValueError(f"chunk schema differs from the contract:\n{chunk.schema}")
        if chunk.num_rows == 0:
            return
        self.rows += chunk.num_rows
        if self._csv is not None:
            self._csv.write(_csv_lines(chunk))
        if self._parquet is not None:
            self._parquet.write_table(chunk, row_group_size=chunk.num_rows)

    def close(self) -> None:
        if self._csv is not None:
            self._csv.close()
        if self._parquet is not None:
            self._parquet.close()

    def __enter__(self) -> "TableWriter":
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def write_table(out_dir: Path, table_name: str, table: pa.Table, formats: tuple[str, ...]) -> int:
    """Write one whole table; returns its row count."""
    with TableWriter(out_dir, table_name, formats) as writer:
        writer.write(table)
    return writer.rows
