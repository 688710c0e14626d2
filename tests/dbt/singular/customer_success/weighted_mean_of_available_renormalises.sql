-- Macro weighted_mean_of_available on literal values, weights 1, 1, 2:
-- all present (10, 20, 40) -> (10 + 20 + 80) / 4 = 27.5; the third
-- missing -> (10 + 20) / 2 = 15; only the third -> 40; none -> null.
-- Returns the rows that differ from the hand-computed mean.
with

literal_rows as (
    select
        10.0 as first_value,
        20.0 as second_value,
        40.0 as third_value,
        27.5 as expected_mean
    union all
    select
        10.0 as first_value,
        20.0 as second_value,
        cast(null as {{ type_double() }}) as third_value,
        15.0 as expected_mean
    union all
    select
        cast(null as {{ type_double() }}) as first_value,
        cast(null as {{ type_double() }}) as second_value,
        40.0 as third_value,
        40.0 as expected_mean
    union all
    select
        cast(null as {{ type_double() }}) as first_value,
        cast(null as {{ type_double() }}) as second_value,
        cast(null as {{ type_double() }}) as third_value,
        cast(null as {{ type_double() }}) as expected_mean
),

averaged as (
    select
        expected_mean,
        {{ weighted_mean_of_available([['first_value', 1], ['second_value', 1], ['third_value', 2]]) }} as actual_mean
    from literal_rows
)

select *
from averaged
where not coalesce(abs(actual_mean - expected_mean) < 0.000001, actual_mean is null and expected_mean is null)
