{{ config(severity='error') }}
-- Without a single customer the data cannot mean anything: every mart is
-- about customers. Unlike the row-level rules (data_quality_issues, which
-- only warn by default), this stops the build: dbt build skips everything
-- downstream of staging customers. Returns one row naming the problem when
-- the raw customers table is empty (check var raw_path / raw_schema).
with

counted as (
    select count(*) as customers
    from {{ ref('stg_billing__customers') }}
)

select 'the raw customers table is empty: nothing can be reported' as problem
from counted
where customers = 0
