{#
  The trailing-twelve-month retention cohort at customer level (metrics.md
  "NRR and GRR, trailing twelve months"): one row per month M and customer
  active in M-12, with its MRR then and now. Summed over a month it gives
  revenue_retention_monthly's cohort figures, so the semantic layer's
  nrr_12m and grr_12m can be cut by customer attributes. GRR caps each
  customer at its M-12 MRR.
#}
with

customer_months as (
    select
        customer_id,
        month,
        mrr,
        is_active
    from {{ ref('customer_mrr_monthly') }}
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

cohort_members as (
    select
        base.customer_id,
        {{ add_months('base.month', 12) }} as month,
        base.month as cohort_month,
        base.mrr as cohort_mrr,
        coalesce(later.mrr, 0) as mrr
    from customer_months as base
    left join customer_months as later
        on
            base.customer_id = later.customer_id
            and later.month = {{ add_months('base.month', 12) }}
    where base.is_active
)

select
    cohort_members.customer_id,
    cohort_members.month,
    cohort_members.cohort_month,
    cohort_members.cohort_mrr,
    cohort_members.mrr,
    case
        when cohort_members.mrr < cohort_members.cohort_mrr then cohort_members.mrr
        else cohort_members.cohort_mrr
    end as retained_mrr,
    cohort_members.mrr > 0 as is_retained
from cohort_members
inner join reporting_months on cohort_members.month = reporting_months.month
