{#
  MetricFlow's time spine: one row per calendar day of the project's
  calendar (int_calendar_months, from the earliest billing or finance month
  to the end of the as-of month). MetricFlow joins metrics to it to fill
  periods and to resolve `metric_time`; see _semantic__models.yml.
#}
with

calendar_months as (
    select month from {{ ref('int_calendar_months') }}
),

day_offsets as (
    {{ dbt.generate_series(31) }}
),

candidate_days as (
    select
        calendar_months.month,
        cast({{ dbt.dateadd('day', 'day_offsets.generated_number - 1', 'calendar_months.month') }} as date)
            as date_day
    from calendar_months
    cross join day_offsets
)

select date_day
from candidate_days
where {{ month_start('date_day') }} = month
