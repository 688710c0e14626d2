{#
  numerator / denominator as a float, null when the denominator is 0 or null
  (a rate with no base is unknown, not zero).
#}
{% macro safe_divide(numerator, denominator) -%}
    cast({{ numerator }} as {{ type_double() }}) / nullif({{ denominator }}, 0)
{%- endmacro %}
