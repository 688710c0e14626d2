{{
    config(
        materialized=incremental_materialization(),
        incremental_strategy='delete+insert',
        unique_key=['record_id'],
        on_schema_change='fail',
        pre_hook="{{ usage_events_release_orphans() }}",
    )
}}
{#
  Data-quality issues of the raw table `usage_events`: the contract checks
  (keys, duplicates, customer, required and unparseable values, accepted
  values), one row per record and rule.

  Incremental like the usage models (macros usage_reload, usage_reload_rows):
  a run re-checks every record (event_id) with a raw row loaded after (the
  latest loaded_at already checked, int_usage_events_checked_loads, minus
  var `usage_lookback_days`) or without a valid loaded_at, from all the raw
  rows of that record, old ones included, and replaces its issues
  (delete+insert on record_id): a late row that shares the key of an old
  event makes both a duplicate_key. Its pre-hook drops the orphan_customer
  issues whose customer is in customers now (it arrived after its events,
  macro usage_events_release_orphans); no other rule depends on another
  table. A full refresh gives the same rows as long as raw events are only
  appended and customers only added: a customer removed from the export
  leaves its checked events valid until a full refresh.

  Tens of millions of rows: the distinct raw rows are grouped only for
  records found on more than one raw row, and one pass keeps the rows that
  may break a rule (`rows_breaking_a_rule`, usually none) for the checks, so
  the table is never materialised (50,000 customers: 352 s -> 23 s).
#}
{#- Every raw row with its record_id; a query, not a CTE, so that it is scanned, not held. -#}
{%- set events -%}
    (
        select
            raw_events.*,
            {{ data_quality_record_id('usage_events', 'raw_events') }} as record_id
        from {{ source('product', 'usage_events') }} as raw_events
    )
{%- endset %}

{%- if is_incremental() %}
    {%- set watermark = adapter.get_relation(this.database, this.schema, 'int_usage_events_checked_loads') %}
    {%- set condition = usage_reload(
        cast_raw('loaded_at', 'timestamp'), watermark_relation=watermark, watermark_column='checked_through'
    ).condition %}
    {%- set reload = {
        'touched_keys': 'select distinct record_id from ' ~ events ~ ' as reloaded_rows where ' ~ condition
    } %}
{%- endif %}

with

{% if is_incremental() -%}
    {{ usage_reload_rows(events, 'events_to_check', reload, keys=['record_id']) }}
{%- endif %}

raw_rows as (
    {#- a full build reads the raw table as a query: a CTE read three times would be materialised -#}
    {{ data_quality_raw_rows('usage_events', 'events_to_check' if is_incremental() else events) }}
),

rows_breaking_a_rule as (
    select *
    from raw_rows
    where
        {{ data_quality_contract_suspects('usage_events') }}
),

violations as (
    {{ data_quality_contract_violations('usage_events', 'rows_breaking_a_rule') }}
)

{{ data_quality_issue_rows('violations') }}
