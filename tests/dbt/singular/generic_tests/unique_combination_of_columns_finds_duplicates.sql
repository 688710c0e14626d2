-- The grain test must flag exactly the one duplicated (a, b) pair below and
-- nothing else; this query returns rows (fails) when it does not.
with

literal_rows as (
    select
        1 as a,
        'x' as b
    union all
    select
        1 as a,
        'x' as b
    union all
    select
        1 as a,
        'y' as b
    union all
    select
        2 as a,
        'x' as b
),

flagged as (
    {{ test_unique_combination_of_columns('literal_rows', ['a', 'b']) }}
)

select count(*) as flagged_combinations
from flagged
having count(*) != 1 or min(a) != 1 or min(b) != 'x' or min(duplicate_rows) != 2
