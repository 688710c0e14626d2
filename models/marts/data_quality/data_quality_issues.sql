{#
  Every data-quality issue found in the raw tables, one row per record and
  rule, from the checks in models/intermediate/data_quality. Severity comes
  from var `data_quality_rule_severity` (rules it does not name: warn).
#}
{%- set severities = var('data_quality_rule_severity') -%}
{%- for rule_name, severity in severities.items() if severity not in ['warn', 'error'] -%}
    {{ exceptions.raise_compiler_error(
        "var data_quality_rule_severity: rule '" ~ rule_name ~ "' has severity '" ~ severity
        ~ "'; use warn or error"
    ) }}
{%- endfor %}

with

issues as (
    {%- for table_name in data_quality_tables() %}
        select * from {{ ref('int_' ~ table_name ~ '_issues') }}
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
)

select
    source_table,
    record_id,
    customer_id,
    rule,
    case rule
        {%- for rule_name, severity in severities.items() %}
            when '{{ rule_name }}' then '{{ severity }}'
        {%- endfor %}
        else 'warn'
    end as severity,
    is_quarantined,
    violations,
    detail
from issues
