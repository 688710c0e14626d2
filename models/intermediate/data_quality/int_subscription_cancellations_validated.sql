{{ config(materialized='view') }}
{#
  The staged `subscription_cancellations` rows that passed every data-quality check:
  stg_billing__subscription_cancellations minus the records quarantined in int_subscription_cancellations_issues.
  Every row of a customer in `int_revenue_quarantined_customers` is left out too: a
  customer's revenue is reported whole or not at all (DECISIONLOG.md "Data
  quality").
  Same columns as stg_billing__subscription_cancellations; read this model, not staging.
#}
{{ data_quality_validated_rows(
    'stg_billing__subscription_cancellations', 'subscription_cancellations', 'int_revenue_quarantined_customers'
) }}
