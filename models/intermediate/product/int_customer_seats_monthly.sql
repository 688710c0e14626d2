{#
  Seats per customer and month, as of the month's end, for every month in
  which the customer has a subscription item active at month end (trial
  months included).

  licensed_seats = sum of `quantity` over the seat-based (plans.is_seat_based)
  items active at the end of the month, with the item activity rule of the
  revenue chain (int_subscription_items_priced: first_month..last_month);
  0 when no seat-based item is active.
  provisioned_users = users created before the month's end and not
  deactivated by then. active_users_30d = distinct users with an event in
  the last 30 days of the month (int_customer_usage_monthly).
  seat_utilisation = active_users_30d / licensed_seats;
  provisioned_seat_share = provisioned_users / licensed_seats; both null
  without licensed seats and may exceed 1 (more users than seats).
#}
with

items as (
    select * from {{ ref('int_subscription_items_priced') }}
),

item_quantities as (
    select
        subscription_item_id,
        quantity
    from {{ ref('int_subscription_items_validated') }}
),

plans as (
    select
        plan_id,
        is_seat_based
    from {{ ref('int_plans_validated') }}
),

customer_months as (
    select
        customer_id,
        month,
        cast({{ add_months('month', 1) }} as {{ dbt.type_timestamp() }}) as month_end_at
    from {{ ref('int_customer_mrr_by_month') }}
),

users as (
    select * from {{ ref('int_users_validated') }}
),

usage as (
    select
        customer_id,
        month,
        active_users_30d
    from {{ ref('int_customer_usage_monthly') }}
),

seat_items as (
    select
        items.customer_id,
        items.first_month,
        items.last_month,
        item_quantities.quantity
    from items
    inner join item_quantities on items.subscription_item_id = item_quantities.subscription_item_id
    inner join plans on items.plan_id = plans.plan_id
    where plans.is_seat_based
),

licensed as (
    select
        customer_months.customer_id,
        customer_months.month,
        cast(sum(seat_items.quantity) as {{ dbt.type_bigint() }}) as licensed_seats
    from customer_months
    inner join seat_items
        on
            customer_months.customer_id = seat_items.customer_id
            and customer_months.month >= seat_items.first_month
            and (seat_items.last_month is null or customer_months.month <= seat_items.last_month)
    group by customer_months.customer_id, customer_months.month
),

provisioned as (
    select
        customer_months.customer_id,
        customer_months.month,
        count(*) as provisioned_users
    from customer_months
    inner join users
        on
            customer_months.customer_id = users.customer_id
            and customer_months.month_end_at > users.created_at
            and (users.deactivated_at is null or customer_months.month_end_at <= users.deactivated_at)
    group by customer_months.customer_id, customer_months.month
),

combined as (
    select
        customer_months.customer_id,
        customer_months.month,
        coalesce(licensed.licensed_seats, 0) as licensed_seats,
        coalesce(provisioned.provisioned_users, 0) as provisioned_users,
        coalesce(usage.active_users_30d, 0) as active_users_30d
    from customer_months
    left join licensed
        on customer_months.customer_id = licensed.customer_id and customer_months.month = licensed.month
    left join provisioned
        on customer_months.customer_id = provisioned.customer_id and customer_months.month = provisioned.month
    left join usage
        on customer_months.customer_id = usage.customer_id and customer_months.month = usage.month
)

select
    customer_id,
    month,
    licensed_seats,
    provisioned_users,
    active_users_30d,
    {{ safe_divide('active_users_30d', 'licensed_seats') }} as seat_utilisation,
    {{ safe_divide('provisioned_users', 'licensed_seats') }} as provisioned_seat_share
from combined
