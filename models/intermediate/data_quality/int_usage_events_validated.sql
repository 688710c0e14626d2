{{ config(materialized='view') }}
{#
  The staged `usage_events` rows that passed every data-quality check:
  stg_product__usage_events minus the records quarantined in int_usage_events_issues.
  Same columns as stg_product__usage_events; read this model, not staging.

  Built from the raw rows without staging's de-duplication of every event:
  a record (event_id) with no issue at all has exactly one raw row (two
  copies would be an exact_duplicate_row, two different rows a
  duplicate_key), so only the records whose issues all keep them
  (exact_duplicate_row) are de-duplicated.

  The events are matched to their issues by joins, not by correlated
  `[not] exists` subqueries: DuckDB decorrelates those by first collecting
  the distinct record_id of every raw event (tens of millions), which made
  this view several times slower than the aggregation that reads it.
#}
{%- set record_id = data_quality_record_id('usage_events', 'raw_events') %}

with

issue_records as (
    select
        record_id,
        {{ dbt.bool_or('is_quarantined') }} as is_quarantined
    from {{ ref('int_usage_events_issues') }}
    group by record_id
),

events_without_issues as (
    select {{ cast_raw_columns('usage_events', 'raw_events') }}
    from {{ source('product', 'usage_events') }} as raw_events
    left join issue_records
        on {{ record_id }} = issue_records.record_id
    where issue_records.record_id is null
),

copied_events as (
    select distinct {{ cast_raw_columns('usage_events', 'raw_events') }}
    from {{ source('product', 'usage_events') }} as raw_events
    inner join issue_records
        on {{ record_id }} = issue_records.record_id
    where not issue_records.is_quarantined
),

validated_events as (
    select * from events_without_issues
    union all
    select * from copied_events
)

select * from validated_events
