{#
  Layers land in schemas named after the layer (`staging`, `intermediate`,
  `marts`) rather than dbt's default `<target schema>_<layer>`, so BI tools
  and grants address one stable schema. Models without a custom schema use
  the target schema.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
