{{ config(materialized='view') }}
{#
  The staged `users` rows that passed every data-quality check:
  stg_product__users minus the records quarantined in int_users_issues.
  Same columns as stg_product__users; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_product__users', 'users') }}
