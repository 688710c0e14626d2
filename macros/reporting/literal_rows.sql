{#
  A fixed list as rows: `select 'a' as column union all select 'b' as
  column ...`, one row per value, for the grids of reporting marts
  (segments, health bands...) that must show every value even without data.
#}
{% macro literal_rows(column, values) -%}
    {%- for value in values %}
        select '{{ value }}' as {{ column }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
