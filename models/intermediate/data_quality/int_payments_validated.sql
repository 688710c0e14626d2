{{ config(materialized='view') }}
{#
  The staged `payments` rows that passed every data-quality check:
  stg_billing__payments minus the records quarantined in int_payments_issues.
  Same columns as stg_billing__payments; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_billing__payments', 'payments') }}
