{#
  Building blocks of the models in models/intermediate/data_quality/.

  A raw table is checked row by row as delivered: `data_quality_raw_rows`
  reads the source (text on DuckDB CSV, typed on a warehouse), keeps each
  distinct raw row once with the number of copies, and puts every contract
  column next to its cast value (`raw_<column>` and `<column>`, cast with
  `cast_raw`, the cast staging uses). Checks are selects from that relation
  (named `raw_rows`) returning source_table, record_id, customer_id, rule and
  detail; `data_quality_issue_rows` sums them up to one row per record and
  rule.

  record_id identifies a row the same way in the raw rows and in staging: the
  primary key when the contract declares one, otherwise the whole row (every
  column as text, joined with '|'). '<null>' stands for a null value. The
  validated models drop the staged rows whose record_id is quarantined.
#}

{% macro data_quality_text(expression) -%}
    cast({{ expression }} as {{ dbt.type_string() }})
{%- endmacro %}


{% macro data_quality_record_id(table_name, relation_alias) %}
    {%- set spec = data_quality_table(table_name) -%}
    {%- set identity = spec.primary_key or (data_quality_source_columns(table_name) | map(attribute=0) | list) -%}
    {%- set parts = [] -%}
    {%- for column_name in identity -%}
        {%- if not loop.first -%}{%- do parts.append("'|'") -%}{%- endif -%}
        {%- do parts.append(
            "coalesce(" ~ data_quality_text(relation_alias ~ '.' ~ column_name) ~ ", '<null>')"
        ) -%}
    {%- endfor -%}
    {{- return(parts[0] if parts | length == 1 else dbt.concat(parts)) -}}
{% endmacro %}


{#- `relation`: read these rows of the raw table instead of the whole source (an incremental model's selection). -#}
{% macro data_quality_raw_rows(table_name, relation=none) %}
    {%- set spec = data_quality_table(table_name) -%}
    {%- set columns = data_quality_source_columns(table_name) -%}
    {%- set column_names = columns | map(attribute=0) | list %}
    select
        '{{ table_name }}' as source_table,
        {{ data_quality_record_id(table_name, 'typed_rows') }} as record_id,
        {%- if 'customer_id' not in column_names %}
        cast(null as {{ dbt.type_string() }}) as customer_id,
        {%- endif %}
        typed_rows.*
    from (
        select
            {%- for column_name, contract_type in columns %}
            {{ data_quality_text('distinct_raw_rows.' ~ column_name) }} as raw_{{ column_name }},
            {{ cast_raw('distinct_raw_rows.' ~ column_name, contract_type) }} as {{ column_name }},
            {%- endfor %}
            distinct_raw_rows.raw_copies
        from (
            select
                {{ column_names | join(', ') }},
                count(*) as raw_copies
            from {{ relation or source(spec.source, table_name) }}
            group by {{ column_names | join(', ') }}
        ) as distinct_raw_rows
    ) as typed_rows
{% endmacro %}


{#- Rows of `raw_rows` that break `rule`: where `condition` holds, described by the SQL expression `detail`. -#}
{% macro data_quality_violation(rule, condition, detail) %}
    select
        source_table,
        record_id,
        customer_id,
        '{{ rule }}' as rule,
        {{ detail }} as detail
    from raw_rows
    where {{ condition }}
{% endmacro %}


{#-
  The checks every table gets from the contract:
  null_key, duplicate_key, exact_duplicate_row, missing_customer,
  orphan_customer, missing_required_value, unparseable_value,
  value_not_accepted (see models/intermediate/data_quality/_data_quality__models.yml).
-#}
{% macro data_quality_contract_violations(table_name) %}
    {%- set spec = data_quality_table(table_name) -%}
    {%- set columns = data_quality_source_columns(table_name) -%}
    {%- set column_names = columns | map(attribute=0) | list -%}
    {#- From the static spec, not the graph, so that dbt sees the ref() below while parsing. -#}
    {%- set has_customer = 'customer_id' in spec.required and table_name != 'customers' -%}
    {%- set key_columns = spec.unique_key | reject('equalto', 'customer_id' if has_customer else '') | list -%}
    {%- set checks = [] -%}

    {%- if key_columns -%}
        {%- set conditions = [] -%}
        {%- for column_name in key_columns -%}
            {%- do conditions.append('raw_' ~ column_name ~ ' is null') -%}
        {%- endfor -%}
        {%- do checks.append(data_quality_violation(
            'null_key', conditions | join(' or '), "'" ~ key_columns | join(', ') ~ " is empty'"
        )) -%}
    {%- endif -%}

    {%- if spec.unique_key -%}
        {%- set key_matches = [] -%}
        {%- for column_name in spec.unique_key -%}
            {%- do key_matches.append('raw_rows.' ~ column_name ~ ' = shared_keys.' ~ column_name) -%}
        {%- endfor -%}
        {%- do checks.append(
            "select raw_rows.source_table, raw_rows.record_id, raw_rows.customer_id, 'duplicate_key' as rule, "
            ~ dbt.concat([data_quality_text('shared_keys.key_rows'), "' different rows share this " ~ spec.unique_key | join(', ') ~ "'"])
            ~ " as detail from raw_rows inner join (select " ~ spec.unique_key | join(', ') ~ ", count(*) as key_rows"
            ~ " from raw_rows where " ~ spec.unique_key | join(' is not null and ') ~ " is not null"
            ~ " group by " ~ spec.unique_key | join(', ') ~ " having count(*) > 1) as shared_keys on "
            ~ key_matches | join(' and ')
        ) -%}
    {%- endif -%}

    {%- do checks.append(data_quality_violation(
        'exact_duplicate_row', 'raw_copies > 1',
        dbt.concat(["'the same row appears '", data_quality_text('raw_copies'), "' times in the raw table; kept once'"])
    )) -%}

    {%- if has_customer -%}
        {%- do checks.append(data_quality_violation('missing_customer', 'raw_customer_id is null', "'customer_id is empty'")) -%}
        {%- do checks.append(data_quality_violation(
            'orphan_customer',
            'customer_id is not null and customer_id not in (select known.customer_id from '
            ~ ref('stg_billing__customers') ~ ' as known where known.customer_id is not null)',
            dbt.concat(["'customer_id \"'", 'customer_id', "'\" is not in customers'"])
        )) -%}
    {%- endif -%}

    {%- for column_name in spec.required if column_name not in spec.unique_key and column_name != 'customer_id' -%}
        {%- do checks.append(data_quality_violation(
            'missing_required_value', 'raw_' ~ column_name ~ ' is null', "'" ~ column_name ~ " is empty'"
        )) -%}
    {%- endfor -%}

    {%- for column_name, contract_type in columns if contract_type.split('(')[0] != 'varchar' -%}
        {%- do checks.append(data_quality_violation(
            'unparseable_value',
            'raw_' ~ column_name ~ ' is not null and ' ~ column_name ~ ' is null',
            dbt.concat(["'" ~ column_name ~ " = \"'", 'raw_' ~ column_name, "'\" is not a valid " ~ contract_type ~ "'"])
        )) -%}
    {%- endfor -%}

    {%- for column_name, accepted in spec.accepted_values.items() -%}
        {%- do checks.append(data_quality_violation(
            'value_not_accepted',
            column_name ~ " is not null and " ~ column_name ~ " not in ('" ~ accepted | join("', '") ~ "')",
            dbt.concat(["'" ~ column_name ~ " = \"'", column_name, "'\" is not one of " ~ accepted | join(', ') ~ "'"])
        )) -%}
    {%- endfor -%}

    {{ checks | join('\n    union all\n') }}
{% endmacro %}


{#-
  One row per record and rule from the violations in `violations_relation`:
  the first detail (with how many more), the number of violations, and
  whether the rule quarantines the record (every rule except
  exact_duplicate_row, whose copies collapse into one row in staging).
-#}
{% macro data_quality_issue_rows(violations_relation) %}
    select
        source_table,
        record_id,
        rule,
        min(customer_id) as customer_id,
        rule != 'exact_duplicate_row' as is_quarantined,
        count(*) as violations,
        case
            when count(*) > 1
                then {{ dbt.concat(["min(detail)", "' (and '", data_quality_text('count(*) - 1'), "' more)'"]) }}
            else min(detail)
        end as detail
    from {{ violations_relation }}
    group by source_table, record_id, rule
{% endmacro %}


{#-
  Staged rows of `table_name` minus the quarantined ones (record_id in the
  table's issues with is_quarantined), and minus every row of the customers
  in `excluded_customers_model` when given.
-#}
{% macro data_quality_validated_rows(staging_model, table_name, excluded_customers_model=none) %}
    select staged.*
    from {{ ref(staging_model) }} as staged
    where
        not exists (
            select 1
            from {{ ref('int_' ~ table_name ~ '_issues') }} as issues
            where
                issues.is_quarantined
                and issues.record_id = {{ data_quality_record_id(table_name, 'staged') }}
        )
        {%- if excluded_customers_model %}
        and not exists (
            select 1
            from {{ ref(excluded_customers_model) }} as excluded
            where excluded.customer_id = staged.customer_id
        )
        {%- endif %}
{% endmacro %}


{#-
  Condition: an amount in `currency_column` dated in month `month_expression`
  (qualify both with the outer relation: the check is a correlated subquery)
  cannot be converted into the reporting currency (int_fx_rate_coverage).
-#}
{% macro data_quality_fx_rate_missing(currency_column, month_expression) -%}
    {{ currency_column }} is not null
    and {{ month_expression }} is not null
    and not exists (
        select 1
        from {{ ref('int_fx_rate_coverage') }} as coverage
        where
            coverage.currency = {{ currency_column }}
            and (coverage.converts_every_month or coverage.first_rate_month <= {{ month_expression }})
    )
{%- endmacro %}


{#- Detail of a currency_without_fx_rate issue. -#}
{% macro data_quality_fx_rate_missing_detail(currency_column) -%}
    {{ dbt.concat(["'no fx rate converts \"'", currency_column, "'\" into " ~ var('reporting_currency') ~ " for this month'"]) }}
{%- endmacro %}


{#-
  Staged rows of `table_name` that are quarantined, once per quarantining
  rule: the staged columns plus `source_table` and `rule`.
-#}
{% macro data_quality_quarantined_rows(staging_model, table_name) %}
    select
        staged.*,
        issues.source_table,
        issues.rule
    from {{ ref(staging_model) }} as staged
    inner join {{ ref('int_' ~ table_name ~ '_issues') }} as issues
        on issues.record_id = {{ data_quality_record_id(table_name, 'staged') }}
    where issues.is_quarantined
{% endmacro %}
