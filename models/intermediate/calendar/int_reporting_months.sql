{#
  The months the revenue marts report: from the first month in which any
  customer has MRR > 0 to the as-of month (metrics.md "Calendar").
#}
with

first_paid_month as (
    select min(month) as month
    from {{ ref('int_customer_mrr_by_month') }}
    where mrr > 0
)

select calendar.month
from {{ ref('int_calendar_months') }} as calendar
cross join first_paid_month
where calendar.month >= first_paid_month.month
