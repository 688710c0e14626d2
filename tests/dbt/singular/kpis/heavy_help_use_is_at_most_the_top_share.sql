-- Heavy help use is the month's top share (var help_heavy_use_top_share) of
-- paying customers: with percent ranks (rank - 1) / (n - 1) and ties on the
-- lower rank, at most share x (n - 1) + 1 customers of a month can reach
-- 1 - share. Returns the months that flag more.
{%- set top_share = var('help_heavy_use_top_share') %}

with

months as (
    select
        month,
        count(*) as customers,
        count(case when is_heavy_help_use then 1 end) as heavy_customers
    from {{ ref('help_content_usage_monthly') }}
    group by month
)

select *
from months
where heavy_customers > {{ top_share }} * (customers - 1) + 1 + 0.000001
