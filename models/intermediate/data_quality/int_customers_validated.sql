{{ config(materialized='view') }}
{#
  The staged `customers` rows that passed every data-quality check:
  stg_billing__customers minus the records quarantined in int_customers_issues.
  Every row of a customer in `int_revenue_quarantined_customers` is left out too: a
  customer's revenue is reported whole or not at all (DECISIONLOG.md "Data
  quality").
  Same columns as stg_billing__customers; read this model, not staging.
#}
{{ data_quality_validated_rows(
    'stg_billing__customers', 'customers', 'int_revenue_quarantined_customers'
) }}
