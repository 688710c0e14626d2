{#
  The rows customer health scores: one per active customer (MRR > 0 at the
  end of the month) and reporting month, with the instant every health input
  is measured at. `measured_at` is the first instant after the month's end,
  or after the as-of date in the as-of month, so a month's inputs are the
  events strictly before it (no look-ahead); `measured_through_date` is the
  last day included.
#}
with

customer_months as (
    select
        customer_id,
        month,
        mrr
    from {{ ref('int_customer_mrr_by_month') }}
    where mrr > 0
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

reporting_period as (
    select as_of_date from {{ ref('int_reporting_period') }}
),

measured as (
    select
        customer_months.customer_id,
        customer_months.month,
        customer_months.mrr,
        {{ measured_through_date('customer_months.month', 'reporting_period.as_of_date') }} as measured_through_date
    from customer_months
    inner join reporting_months on customer_months.month = reporting_months.month
    cross join reporting_period
)

select
    customer_id,
    month,
    mrr,
    measured_through_date,
    cast({{ dbt.dateadd('day', 1, 'measured_through_date') }} as {{ dbt.type_timestamp() }}) as measured_at
from measured
