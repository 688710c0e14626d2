-- expression_is_true must flag the false row and the null row, not the true one.
with

literal_rows as (
    select 1 as amount
    union all
    select -1 as amount
    union all
    select cast(null as integer) as amount
),

flagged as (
    {{ test_expression_is_true('literal_rows', 'amount > 0') }}
)

select count(*) as flagged_rows
from flagged
having count(*) != 2 or max(amount) != -1
