{#
  Nothing is reported after the as-of month: every value of `column_name`
  (a month) is at or before int_reporting_period.as_of_month.
#}
{% test not_after_as_of_month(model, column_name) %}
    select model_rows.{{ column_name }}
    from {{ model }} as model_rows
    cross join {{ ref('int_reporting_period') }} as reporting_period
    where model_rows.{{ column_name }} > reporting_period.as_of_month
{% endtest %}
