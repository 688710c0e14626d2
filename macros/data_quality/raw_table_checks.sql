{#
  Building blocks of the models in models/intermediate/data_quality/.

  A raw table is checked row by row as delivered: `data_quality_raw_rows`
  reads the source (text on DuckDB CSV, typed on a warehouse), keeps each
  distinct raw row once with the number of copies, and puts every contract
  column next to its cast value (`raw_<column>` and `<column>`, cast with
  `cast_raw`, the cast staging uses). Checks are selects from that relation
  (named `raw_rows`, or the `rows` they are given: a large table passes only
  the rows `data_quality_contract_suspects` keeps) returning source_table,
  record_id, customer_id, rule and detail; `data_quality_issue_rows` sums them
  up to one row per record and rule.

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


{#-
  `relation`: read these rows of the raw table instead of the whole source (an
  incremental model's selection). `is_repeated_record`: the record_id is on
  more than one raw row (copies or different rows sharing a primary key).
-#}
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
            distinct_raw_rows.raw_copies,
            distinct_raw_rows.is_repeated_record
        from (
            {{ data_quality_distinct_raw_rows(table_name, relation or source(spec.source, table_name)) }}
        ) as distinct_raw_rows
    ) as typed_rows
{% endmacro %}


{#-
  Each distinct raw row of `rows` once, with its number of copies
  (`raw_copies`) and `is_repeated_record`. With a primary key, only the rows
  of keys found on more than one raw row are grouped: a key delivered once is
  one distinct row, and grouping every column of a table of tens of millions
  of events costs more than counting its keys.
-#}
{% macro data_quality_distinct_raw_rows(table_name, rows) %}
    {%- set spec = data_quality_table(table_name) -%}
    {%- set column_list = data_quality_source_columns(table_name) | map(attribute=0) | join(', ') -%}
    {%- if spec.primary_key %}
    with repeated_records as (
        select {{ data_quality_record_id(table_name, 'keyed_rows') }} as record_id
        from {{ rows }} as keyed_rows
        group by {{ data_quality_record_id(table_name, 'keyed_rows') }}
        having count(*) > 1
    )

    select {{ column_list }}, 1 as raw_copies, false as is_repeated_record
    from {{ rows }} as single_rows
    where {{ data_quality_record_id(table_name, 'single_rows') }} not in (select record_id from repeated_records)

    union all

    select {{ column_list }}, count(*) as raw_copies, true as is_repeated_record
    from {{ rows }} as repeated_rows
    where {{ data_quality_record_id(table_name, 'repeated_rows') }} in (select record_id from repeated_records)
    group by {{ column_list }}
    {%- else %}
    select {{ column_list }}, count(*) as raw_copies, count(*) > 1 as is_repeated_record
    from {{ rows }} as raw_table_rows
    group by {{ column_list }}
    {%- endif %}
{% endmacro %}


{#- Rows of `rows` that break `rule`: where `condition` holds, described by the SQL expression `detail`. -#}
{% macro data_quality_violation(rule, condition, detail, rows='raw_rows') %}
    select
        source_table,
        record_id,
        customer_id,
        '{{ rule }}' as rule,
        {{ detail }} as detail
    from {{ rows }}
    where {{ condition }}
{% endmacro %}


{#-
  Whether the table's duplicate_key check can look at repeated records only:
  its key is its primary key, made of text columns, so two rows sharing the
  key share the record_id (`is_repeated_record` of data_quality_raw_rows).
-#}
{% macro data_quality_has_text_key(table_name) %}
    {%- set spec = data_quality_table(table_name) -%}
    {%- set key_types = data_quality_source_columns(table_name)
        | selectattr(0, 'in', spec.unique_key) | map(attribute=1) | list -%}
    {{ return(spec.unique_key == spec.primary_key and key_types | reject('equalto', 'varchar') | list | length == 0) }}
{% endmacro %}


{#-
  The contract's single-row rules of a table (every check but duplicate_key),
  as {rule, condition, detail} on the columns of data_quality_raw_rows:
  null_key, exact_duplicate_row, missing_customer, orphan_customer,
  missing_required_value, unparseable_value, value_not_accepted.
-#}
{% macro data_quality_row_rules(table_name) %}
    {%- set spec = data_quality_table(table_name) -%}
    {%- set columns = data_quality_source_columns(table_name) -%}
    {#- From the static spec, not the graph, so that dbt sees the ref() below while parsing. -#}
    {%- set has_customer = 'customer_id' in spec.required and table_name != 'customers' -%}
    {%- set key_columns = spec.unique_key | reject('equalto', 'customer_id' if has_customer else '') | list -%}
    {%- set rules = [] -%}

    {%- if key_columns -%}
        {%- set conditions = [] -%}
        {%- for column_name in key_columns -%}
            {%- do conditions.append('raw_' ~ column_name ~ ' is null') -%}
        {%- endfor -%}
        {%- do rules.append({'rule': 'null_key', 'condition': conditions | join(' or '),
            'detail': "'" ~ key_columns | join(', ') ~ " is empty'"}) -%}
    {%- endif -%}

    {%- do rules.append({'rule': 'exact_duplicate_row', 'condition': 'raw_copies > 1',
        'detail': dbt.concat(["'the same row appears '", data_quality_text('raw_copies'), "' times in the raw table; kept once'"])}) -%}

    {%- if has_customer -%}
        {%- do rules.append({'rule': 'missing_customer', 'condition': 'raw_customer_id is null',
            'detail': "'customer_id is empty'"}) -%}
        {%- do rules.append({'rule': 'orphan_customer',
            'condition': 'customer_id is not null and customer_id not in (select known.customer_id from '
                ~ ref('stg_billing__customers') ~ ' as known where known.customer_id is not null)',
            'detail': dbt.concat(["'customer_id \"'", 'customer_id', "'\" is not in customers'"])}) -%}
    {%- endif -%}

    {%- for column_name in spec.required if column_name not in spec.unique_key and column_name != 'customer_id' -%}
        {%- do rules.append({'rule': 'missing_required_value', 'condition': 'raw_' ~ column_name ~ ' is null',
            'detail': "'" ~ column_name ~ " is empty'"}) -%}
    {%- endfor -%}

    {%- for column_name, contract_type in columns if contract_type.split('(')[0] != 'varchar' -%}
        {%- do rules.append({'rule': 'unparseable_value',
            'condition': 'raw_' ~ column_name ~ ' is not null and ' ~ column_name ~ ' is null',
            'detail': dbt.concat(["'" ~ column_name ~ " = \"'", 'raw_' ~ column_name, "'\" is not a valid " ~ contract_type ~ "'"])}) -%}
    {%- endfor -%}

    {%- for column_name, accepted in spec.accepted_values.items() -%}
        {%- do rules.append({'rule': 'value_not_accepted',
            'condition': column_name ~ " is not null and " ~ column_name ~ " not in ('" ~ accepted | join("', '") ~ "')",
            'detail': dbt.concat(["'" ~ column_name ~ " = \"'", column_name, "'\" is not one of " ~ accepted | join(', ') ~ "'"])}) -%}
    {%- endfor -%}
    {{ return(rules) }}
{% endmacro %}


{#-
  The checks every table gets from the contract: data_quality_row_rules and
  duplicate_key (see models/intermediate/data_quality/_data_quality__models.yml),
  on the rows of `rows` (columns of data_quality_raw_rows).
-#}
{% macro data_quality_contract_violations(table_name, rows='raw_rows') %}
    {%- set spec = data_quality_table(table_name) -%}
    {%- set checks = [] -%}
    {%- for check in data_quality_row_rules(table_name) -%}
        {%- do checks.append(data_quality_violation(check.rule, check.condition, check.detail, rows)) -%}
    {%- endfor -%}

    {%- if spec.unique_key -%}
        {#- With a text primary key, only repeated records can share a key, so only they are grouped. -#}
        {%- set key_candidates = 'is_repeated_record and ' if data_quality_has_text_key(table_name) else '' -%}
        {%- set key_matches = [] -%}
        {%- for column_name in spec.unique_key -%}
            {%- do key_matches.append(rows ~ '.' ~ column_name ~ ' = shared_keys.' ~ column_name) -%}
        {%- endfor -%}
        {%- do checks.append(
            "select " ~ rows ~ ".source_table, " ~ rows ~ ".record_id, " ~ rows ~ ".customer_id, 'duplicate_key' as rule, "
            ~ dbt.concat([data_quality_text('shared_keys.key_rows'), "' different rows share this " ~ spec.unique_key | join(', ') ~ "'"])
            ~ " as detail from " ~ rows ~ " inner join (select " ~ spec.unique_key | join(', ') ~ ", count(*) as key_rows"
            ~ " from " ~ rows ~ " where " ~ key_candidates ~ spec.unique_key | join(' is not null and ') ~ " is not null"
            ~ " group by " ~ spec.unique_key | join(', ') ~ " having count(*) > 1) as shared_keys on "
            ~ key_matches | join(' and ')
        ) -%}
    {%- endif -%}

    {{ checks | join('\n    union all\n') }}
{% endmacro %}


{#-
  Condition on the columns of data_quality_raw_rows that holds for every row
  that may break a contract check of the table: one pass over a large table
  keeps only these rows (a handful), and the checks run on them instead of
  each scanning the whole table. Needs a text primary key (duplicate_key then
  only concerns repeated records).
-#}
{% macro data_quality_contract_suspects(table_name) %}
    {%- if not data_quality_has_text_key(table_name) -%}
        {{ exceptions.raise_compiler_error("data_quality_contract_suspects: " ~ table_name ~ " has no text primary key") }}
    {%- endif -%}
    {%- set conditions = ['is_repeated_record'] -%}
    {%- for check in data_quality_row_rules(table_name) -%}
        {%- do conditions.append('(' ~ check.condition ~ ')') -%}
    {%- endfor -%}
    {{ return(conditions | join('\n        or ')) }}
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
  in `excluded_customers_model` when given. Anti-joins (a row matching
  several issues is dropped all the same) rather than correlated `not
  exists`, which DuckDB decorrelates by first collecting the distinct
  record_id of every staged row.
-#}
{% macro data_quality_validated_rows(staging_model, table_name, excluded_customers_model=none) %}
    select staged.*
    from {{ ref(staging_model) }} as staged
    left join (
        select record_id
        from {{ ref('int_' ~ table_name ~ '_issues') }}
        where is_quarantined
    ) as quarantined
        on {{ data_quality_record_id(table_name, 'staged') }} = quarantined.record_id
    {%- if excluded_customers_model %}
    left join {{ ref(excluded_customers_model) }} as excluded
        on staged.customer_id = excluded.customer_id
    {%- endif %}
    where
        quarantined.record_id is null
        {%- if excluded_customers_model %}
        and excluded.customer_id is null
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
