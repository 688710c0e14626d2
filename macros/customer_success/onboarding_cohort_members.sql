{#
  The rows of `relation` (a CTE with a first_paid_month column) twice: once
  in their acquisition cohort (cohort_start = first day of the first paid
  month's month, quarter or year, var onboarding_cohort_grain) and once in
  the overall group (is_overall true, cohort_start null), so one group by
  cohort_start, is_overall gives the cohort rows and the overall row of the
  onboarding cohort marts.
#}
{% macro onboarding_cohort_members(relation) -%}
    {%- set grain = var('onboarding_cohort_grain') -%}
    {%- if grain not in ['month', 'quarter', 'year'] -%}
        {{ exceptions.raise_compiler_error("var onboarding_cohort_grain must be month, quarter or year; got " ~ grain) }}
    {%- endif -%}
    select
        case
            when scopes.is_overall then null
            else cast({{ dbt.date_trunc(grain, relation ~ '.first_paid_month') }} as date)
        end as cohort_start,
        scopes.is_overall,
        {{ relation }}.*
    from {{ relation }}
    cross join (
        select false as is_overall
        union all
        select true as is_overall
    ) as scopes
{%- endmacro %}
