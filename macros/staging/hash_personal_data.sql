{#
  Pseudonymise a personal-data column (emails). The value is trimmed and
  lower-cased so the same address always hashes the same, and salted with the
  environment variable PII_HASH_SALT (empty by default; set it in production
  so hashes cannot be reversed with a dictionary of known addresses).
#}
{% macro hash_personal_data(column_name) -%}
    case
        when {{ column_name }} is not null
            then {{ dbt.hash(dbt.concat(["'" ~ env_var('PII_HASH_SALT', '') ~ "'", "lower(trim(" ~ column_name ~ "))"])) }}
    end
{%- endmacro %}
