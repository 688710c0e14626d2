with

source as (
    select * from {{ source('product', 'usage_events') }}
),

typed as (
    select {{ cast_raw_columns('usage_events', 'source') }}
    from source
)

select distinct * from typed
