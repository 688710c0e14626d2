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
#}
{%- set record_id = data_quality_record_id('usage_events', 'raw_events') %}

with

issues as (
    select
        record_id,
        is_quarantined
    from {{ ref('int_usage_events_issues') }}
),

events_without_issues as (
    select {{ cast_raw_columns('usage_events', 'raw_events') }}
    from {{ source('product', 'usage_events') }} as raw_events
    where not exists (
        select 1
        from issues
        where issues.record_id = {{ record_id }}
    )
),

copied_events as (
    select distinct {{ cast_raw_columns('usage_events', 'raw_events') }}
    from {{ source('product', 'usage_events') }} as raw_events
    where
        exists (
            select 1
            from issues
            where issues.record_id = {{ record_id }}
        )
        and not exists (
            select 1
            from issues
            where
                issues.is_quarantined
                and issues.record_id = {{ record_id }}
        )
),

validated_events as (
    select * from events_without_issues
    union all
    select * from copied_events
)

select * from validated_events
