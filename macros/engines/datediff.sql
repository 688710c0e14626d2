{#
  dbt.datediff as a bigint on every engine. DuckDB's date_diff returns a
  bigint, and the marts' contracts and unit tests are written against it;
  dbt-postgres computes months and seconds with date_part (double precision)
  and days as an integer, and Spark's datediff returns an int. The counts are
  whole numbers everywhere, so a cast changes the type only.
#}
{% macro postgres__datediff(first_date, second_date, datepart) -%}
    cast({{ dbt.postgres__datediff(first_date, second_date, datepart) }} as bigint)
{%- endmacro %}

{% macro spark__datediff(first_date, second_date, datepart) -%}
    cast({{ dbt.spark__datediff(first_date, second_date, datepart) }} as bigint)
{%- endmacro %}
