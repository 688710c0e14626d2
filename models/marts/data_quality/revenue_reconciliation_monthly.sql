{#
  Where every cent of raw recurring revenue went, per calendar month: the MRR
  of all raw subscription items (each distinct raw row once, priced by the
  revenue chain's rules), the MRR in the revenue marts (customer_mrr_monthly)
  and the MRR quarantined by data quality, with the rules that caught it.
    unreconciled_mrr = raw_mrr - mrr_in_marts - quarantined_mrr   (tested: 0 to the cent)
  Quarantine rules are `<raw table>.<rule>`: the item's own rules and those
  of its customer (a customer with a quarantined billing row is held out
  whole, int_revenue_quarantined_customers).
#}
with

months as (
    select month from {{ ref('int_calendar_months') }}
),

item_months as (
    select * from {{ ref('int_subscription_item_mrr_monthly_raw') }}
),

item_issues as (
    select
        record_id,
        source_table,
        rule
    from {{ ref('int_subscription_items_issues') }}
    where is_quarantined
),

customer_issues as (
    select * from {{ ref('int_revenue_quarantined_customers') }}
),

marts_mrr as (
    select
        month,
        sum(mrr) as mrr
    from {{ ref('customer_mrr_monthly') }}
    group by month
),

item_totals as (
    select
        month,
        count(*) as raw_items,
        sum(mrr) as raw_mrr,
        count(case when is_quarantined then 1 end) as quarantined_items,
        count(distinct case when is_quarantined then customer_id end) as quarantined_customers,
        sum(case when is_quarantined then mrr end) as quarantined_mrr,
        count(case when mrr is null then 1 end) as quarantined_items_without_mrr
    from item_months
    group by month
),

quarantine_rules as (
    select
        item_months.month,
        {{ dbt.concat(['item_issues.source_table', "'.'", 'item_issues.rule']) }} as quarantine_rule
    from item_months
    inner join item_issues on item_months.record_id = item_issues.record_id
    where item_months.is_quarantined
    union
    select
        item_months.month,
        {{ dbt.concat(['customer_issues.source_table', "'.'", 'customer_issues.rule']) }} as quarantine_rule
    from item_months
    inner join customer_issues on item_months.customer_id = customer_issues.customer_id
    where item_months.is_quarantined
),

rules_by_month as (
    select
        month,
        {{ dbt.listagg('quarantine_rule', "', '", 'order by quarantine_rule') }} as quarantine_rules
    from quarantine_rules
    group by month
),

reconciled as (
    select
        months.month,
        rules_by_month.quarantine_rules,
        coalesce(item_totals.raw_items, 0) as raw_items,
        coalesce(item_totals.raw_mrr, 0) as raw_mrr,
        coalesce(marts_mrr.mrr, 0) as mrr_in_marts,
        coalesce(item_totals.quarantined_items, 0) as quarantined_items,
        coalesce(item_totals.quarantined_customers, 0) as quarantined_customers,
        coalesce(item_totals.quarantined_mrr, 0) as quarantined_mrr,
        coalesce(item_totals.quarantined_items_without_mrr, 0) as quarantined_items_without_mrr
    from months
    left join item_totals on months.month = item_totals.month
    left join marts_mrr on months.month = marts_mrr.month
    left join rules_by_month on months.month = rules_by_month.month
)

select
    month,
    raw_items,
    raw_mrr,
    mrr_in_marts,
    quarantined_items,
    quarantined_customers,
    quarantined_mrr,
    quarantined_items_without_mrr,
    quarantine_rules,
    raw_mrr - mrr_in_marts - quarantined_mrr as unreconciled_mrr
from reconciled
