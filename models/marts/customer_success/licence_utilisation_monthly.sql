{#
  Licence use per paying customer (MRR > 0 at month end) and month, as of
  the month's end: a BI-facing view of int_customer_seats_monthly (seats,
  users and their rules live there, shared with customer health).
    provisioned_to_licensed_ratio = provisioned users / licensed seats;
    active_to_licensed_ratio = users active in the last 30 days / licensed
      seats (health's seat_utilisation);
    active_to_provisioned_ratio = active / provisioned users (the depth
      measure for plans without seats).
  Ratios are null without a base and may exceed 1.
#}
with

active_months as (
    select
        customer_id,
        month
    from {{ ref('customer_mrr_monthly') }}
    where is_active
),

seats as (
    select * from {{ ref('int_customer_seats_monthly') }}
)

select
    active_months.customer_id,
    active_months.month,
    seats.licensed_seats,
    seats.provisioned_users,
    seats.active_users_30d,
    seats.licensed_seats > 0 as has_licensed_seats,
    seats.provisioned_seat_share as provisioned_to_licensed_ratio,
    seats.seat_utilisation as active_to_licensed_ratio,
    {{ safe_divide('seats.active_users_30d', 'seats.provisioned_users') }} as active_to_provisioned_ratio
from active_months
left join seats on active_months.customer_id = seats.customer_id and active_months.month = seats.month
