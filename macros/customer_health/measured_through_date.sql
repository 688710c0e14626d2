{#
  The last day a month's metrics include: the month's last day, or the
  as-of date in the as-of month (nothing after the as-of date is used).
#}
{% macro measured_through_date(month, as_of_date) -%}
    least(cast({{ dbt.dateadd('day', -1, add_months(month, 1)) }} as date), {{ as_of_date }})
{%- endmacro %}
