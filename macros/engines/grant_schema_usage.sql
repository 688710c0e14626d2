{#
  on-run-end hook. dbt's `grants` config grants `select` on each relation,
  but on Postgres a role can only reach a relation through `usage` on its
  schema. For every model built successfully in this run with a `select`
  grant, grant `usage` on the model's schema to the same grantees, so the
  `grants` config in dbt_project.yml stays the one place that names who reads
  what. Grantees are written as dbt writes them in its own grant statements
  (unquoted). Engines without roles and schema privileges (DuckDB, Spark) get no
  statement.
#}
{% macro grant_schema_usage(results) -%}
    {{ return(adapter.dispatch('grant_schema_usage', 'saas_retention')(results)) }}
{%- endmacro %}

{% macro default__grant_schema_usage(results) -%}
    {{ return('') }}
{%- endmacro %}

{% macro postgres__grant_schema_usage(results) -%}
    {%- set statements = [] -%}
    {%- for result in results if result.node.resource_type == 'model' and result.status == 'success' -%}
        {%- set grantees = (result.node.config.get('grants') or {}).get('select', []) -%}
        {%- for grantee in ([grantees] if grantees is string else grantees) -%}
            {%- do statements.append(
                'grant usage on schema ' ~ adapter.quote(result.node.schema) ~ ' to ' ~ grantee
            ) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return(statements | unique | join(';\n')) }}
{%- endmacro %}
