{#
  The MRR bridge of a set of customer_mrr_monthly rows, shared by
  mrr_movements_monthly (every customer) and mrr_movements_by_segment_monthly
  (the customers of a segment), so both follow one rule.
#}

{#-
  The bridge's amounts and customer counts, summed over `rows` (the alias
  of customer_mrr_monthly rows) in a query grouped by month (and segment).
  A group of one left-joined row without match (a month without movement)
  gives zeros. Contraction and churned amounts are positive.
-#}
{% macro mrr_bridge_totals(rows) -%}
    coalesce(sum({{ rows }}.previous_mrr), 0) as starting_mrr,
    sum(case when {{ rows }}.movement = 'new' then {{ rows }}.mrr_change else 0 end) as new_mrr,
    sum(case when {{ rows }}.movement = 'reactivation' then {{ rows }}.mrr_change else 0 end) as reactivation_mrr,
    sum(case when {{ rows }}.movement = 'expansion' then {{ rows }}.mrr_change else 0 end) as expansion_mrr,
    sum(case when {{ rows }}.movement = 'contraction' then -{{ rows }}.mrr_change else 0 end) as contraction_mrr,
    sum(case when {{ rows }}.movement = 'churn' then {{ rows }}.previous_mrr else 0 end) as churned_mrr,
    coalesce(sum({{ rows }}.mrr), 0) as ending_mrr,
    count(case when {{ rows }}.previous_mrr > 0 then 1 end) as starting_customers,
    count(case when {{ rows }}.movement = 'new' then 1 end) as new_customers,
    count(case when {{ rows }}.movement = 'reactivation' then 1 end) as reactivated_customers,
    count(case when {{ rows }}.movement = 'expansion' then 1 end) as expanded_customers,
    count(case when {{ rows }}.movement = 'contraction' then 1 end) as contracted_customers,
    count(case when {{ rows }}.movement = 'churn' then 1 end) as churned_customers,
    count(case when {{ rows }}.mrr > 0 then 1 end) as ending_customers
{%- endmacro %}


{#-
  The bridge's columns as published, from a relation holding the columns of
  mrr_bridge_totals: the amounts, net new MRR, ARR, the customer counts and
  the monthly rates of metrics.md "Rates (month M)" (null without a base).
-#}
{% macro mrr_bridge_columns() -%}
    starting_mrr,
    new_mrr,
    reactivation_mrr,
    expansion_mrr,
    contraction_mrr,
    churned_mrr,
    ending_mrr,
    new_mrr + reactivation_mrr + expansion_mrr - contraction_mrr - churned_mrr as net_new_mrr,
    12 * ending_mrr as ending_arr,
    starting_customers,
    new_customers,
    reactivated_customers,
    expanded_customers,
    contracted_customers,
    churned_customers,
    ending_customers,
    {{ safe_divide('ending_mrr', 'ending_customers') }} as arpa,
    {{ safe_divide('churned_customers', 'starting_customers') }} as logo_churn_rate,
    {{ safe_divide('churned_mrr + contraction_mrr', 'starting_mrr') }} as gross_mrr_churn_rate,
    {{ safe_divide('churned_mrr + contraction_mrr - expansion_mrr', 'starting_mrr') }} as net_mrr_churn_rate,
    {{ safe_divide('new_mrr + reactivation_mrr + expansion_mrr', 'churned_mrr + contraction_mrr') }} as quick_ratio,
    {{ safe_divide('starting_mrr + expansion_mrr - contraction_mrr - churned_mrr', 'starting_mrr') }} as nrr_monthly,
    {{ safe_divide('starting_mrr - contraction_mrr - churned_mrr', 'starting_mrr') }} as grr_monthly
{%- endmacro %}
