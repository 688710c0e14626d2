{{ config(materialized='view') }}
{#
  The staged `support_tickets` rows that passed every data-quality check:
  stg_support__support_tickets minus the records quarantined in int_support_tickets_issues.
  Same columns as stg_support__support_tickets; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_support__support_tickets', 'support_tickets') }}
