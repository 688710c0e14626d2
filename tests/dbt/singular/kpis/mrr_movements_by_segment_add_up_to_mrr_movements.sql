-- Every customer-month counts in exactly one segment: each month, the `all`
-- row of mrr_movements_by_segment_monthly equals mrr_movements_monthly, and
-- vip + core + potential + secondary add up to the `all` row, in every
-- amount (to the cent) and customer count. Returns the months that break it.
{%- set amounts = [
    'starting_mrr', 'new_mrr', 'reactivation_mrr', 'expansion_mrr', 'contraction_mrr', 'churned_mrr', 'ending_mrr'
] -%}
{%- set counts = [
    'starting_customers', 'new_customers', 'reactivated_customers', 'expanded_customers',
    'contracted_customers', 'churned_customers', 'ending_customers'
] %}
with

segment_rows as (
    select * from {{ ref('mrr_movements_by_segment_monthly') }}
),

movements as (
    select * from {{ ref('mrr_movements_monthly') }}
),

segment_sums as (
    select
        month,
        {%- for column in amounts + counts %}
            sum(case when segment = 'all' then {{ column }} else 0 end) as all_{{ column }},
            sum(case when segment != 'all' then {{ column }} else 0 end) as segments_{{ column }},
        {%- endfor %}
        count(*) as segment_rows
    from segment_rows
    group by month
),

compared as (
    select
        movements.month,
        segment_sums.segment_rows,
        {%- for column in amounts + counts %}
            movements.{{ column }},
            segment_sums.all_{{ column }},
            segment_sums.segments_{{ column }}{% if not loop.last %},{% endif %}
        {%- endfor %}
    from movements
    left join segment_sums on movements.month = segment_sums.month
)

select *
from compared
where
    segment_rows is null
    {%- for column in amounts %}
        or abs(all_{{ column }} - {{ column }}) >= 0.01
        or abs(segments_{{ column }} - all_{{ column }}) >= 0.01
    {%- endfor %}
    {%- for column in counts %}
        or all_{{ column }} != {{ column }}
        or segments_{{ column }} != all_{{ column }}
    {%- endfor %}
