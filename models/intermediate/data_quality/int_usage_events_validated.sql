{{ config(materialized='view') }}
{#
  The staged `usage_events` rows that passed every data-quality check:
  stg_product__usage_events minus the records quarantined in int_usage_events_issues.
  Same columns as stg_product__usage_events; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_product__usage_events', 'usage_events') }}
