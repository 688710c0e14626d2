-- depends_on: {{ ref('int_usage_events_issues') }}
{#
  How far int_usage_events_issues has checked the raw usage events: the
  latest valid loaded_at in the raw table when it last ran (one row). Built
  right after it (depends_on above) and read by its next incremental run as
  the watermark; not by ref, which would be a cycle. Its own table cannot
  hold it: a run that finds no issue adds no row. A run that builds the
  issues without this model only makes the next run re-check more rows.
#}
select max({{ cast_raw('loaded_at', 'timestamp') }}) as checked_through
from {{ source('product', 'usage_events') }}
