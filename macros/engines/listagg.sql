{#
  dbt.listagg on Spark with its order. dbt-spark's version ignores
  order_by_clause (it only warns: collect_list has no order), so a list such
  as revenue_reconciliation_monthly's quarantine_rules came out in any order.
  Spark 4 has listagg(...) within group (order by ...) like PostgreSQL; a
  limit_num still goes to dbt-spark's version.
#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        {{ dbt.spark__listagg(measure, delimiter_text, order_by_clause, limit_num) }}
    {%- else -%}
        listagg({{ measure }}, {{ delimiter_text }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
    {%- endif -%}
{%- endmacro %}
