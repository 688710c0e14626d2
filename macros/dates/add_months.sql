{# A date expression moved by a whole number of months, as a date. #}
{% macro add_months(expression, months) -%}
    cast({{ dbt.dateadd('month', months, expression) }} as date)
{%- endmacro %}
