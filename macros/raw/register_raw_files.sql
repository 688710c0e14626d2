{#
  on-run-start hook. When `raw_path` is set (DuckDB only), every source table
  declared in this project is registered as a view in `raw_schema` over
  `<raw_path>/<table>.parquet` or `<raw_path>/<table>.csv` (Parquet wins when
  both exist). CSV files are read as text so that one malformed value never
  stops the build: staging casts with `safe_cast`, data quality reports what
  did not parse. A missing file or a missing contract column stops the run
  with an error naming the table and column; extra columns are ignored.
#}
{% macro register_raw_files() %}
    {%- if execute and target.type == 'duckdb' and var('raw_path') -%}
        {%- set raw_schema = var('raw_schema') -%}
        {%- do run_query('create schema if not exists ' ~ raw_schema) -%}
        {%- for source_node in graph.sources.values() if source_node.package_name == project_name -%}
            {%- set file_path = raw_file_path(source_node.identifier) -%}
            {%- do run_query(
                'create or replace view ' ~ raw_schema ~ '.' ~ source_node.identifier
                ~ ' as select * from ' ~ raw_file_reader(file_path)
            ) -%}
            {%- do assert_raw_columns(source_node, raw_schema, file_path) -%}
        {%- endfor -%}
    {%- endif -%}
{% endmacro %}


{% macro raw_file_path(table_name) %}
    {%- set stem = var('raw_path') ~ '/' ~ table_name -%}
    {%- set found = run_query(
        "select file from glob('" ~ stem ~ ".*') where file in ('"
        ~ stem ~ ".parquet', '" ~ stem ~ ".csv') order by file desc"
    ) -%}
    {%- if found.rows | length == 0 -%}
        {{ exceptions.raise_compiler_error(
            "Raw table '" ~ table_name ~ "' not found: expected " ~ var('raw_path') ~ "/"
            ~ table_name ~ ".csv or .parquet (var raw_path = '" ~ var('raw_path') ~ "')"
        ) }}
    {%- endif -%}
    {{- return(found.rows[0][0]) -}}
{% endmacro %}


{% macro raw_file_reader(file_path) %}
    {%- if file_path.endswith('.parquet') -%}
        {{- return("read_parquet('" ~ file_path ~ "')") -}}
    {%- endif -%}
    {{- return("read_csv('" ~ file_path ~ "', header = true, all_varchar = true)") -}}
{% endmacro %}


{% macro assert_raw_columns(source_node, raw_schema, file_path) %}
    {%- set described = run_query('describe ' ~ raw_schema ~ '.' ~ source_node.identifier) -%}
    {%- set present = described.columns[0].values() | map('lower') | list -%}
    {%- set missing = [] -%}
    {%- for column_name in source_node.columns.keys() if column_name | lower not in present -%}
        {%- do missing.append(column_name) -%}
    {%- endfor -%}
    {%- if missing -%}
        {{ exceptions.raise_compiler_error(
            "Raw table '" ~ source_node.identifier ~ "' (" ~ file_path ~ ") is missing contract column(s): "
            ~ missing | join(', ')
        ) }}
    {%- endif -%}
{% endmacro %}
