{#
  DEAR Adoption per active customer and month, as of the month's end:
  breadth and depth of product use (metrics.md "DEAR customer health").
  Sub-scores 0-100 on the lines of var `health_anchors`:

  depth_score = active seat share on `active_seat_share` (default 0 -> 0,
      60 % or more -> 100): users active in the last 30 days / licensed
      seats, or / provisioned users for plans without seats. Gainsight's
      green line for depth (50 %) scores 83.
  breadth_score = key features (var `key_features`) in healthy use in the
      last 30 days on `key_features_in_healthy_use` (default 0 -> 0,
      Gainsight's green line of 4 -> 100).
  trend_score = usage trend (key-feature events of the last 30 days vs the
      90 days before, per 30 days) on `usage_trend_ratio` (default halved
      -> 0, flat or growing -> 100); null without earlier usage.
  stickiness_score = DAU / MAU of the month on `stickiness` (default 0 -> 0,
      20 % -> 100); null without monthly active users.

  adoption_score = plain mean of the sub-scores present. A customer with no
  usage at all scores 0 on depth and breadth (no use is a fact, not missing
  data).
#}
with

customer_months as (
    select * from {{ ref('int_health_customer_months') }}
),

usage as (
    select * from {{ ref('int_customer_usage_monthly') }}
),

seats as (
    select * from {{ ref('int_customer_seats_monthly') }}
),

inputs as (
    select
        customer_months.customer_id,
        customer_months.month,
        coalesce(usage.monthly_active_users, 0) as monthly_active_users,
        coalesce(usage.active_users_30d, 0) as active_users_30d,
        usage.stickiness,
        coalesce(usage.key_features_used_30d, 0) as key_features_used_30d,
        coalesce(usage.key_features_in_healthy_use_30d, 0) as key_features_in_healthy_use_30d,
        coalesce(usage.key_feature_events_30d, 0) as key_feature_events_30d,
        usage.usage_trend,
        seats.licensed_seats,
        seats.provisioned_users,
        seats.seat_utilisation,
        coalesce(
            seats.seat_utilisation,
            {{ safe_divide('coalesce(usage.active_users_30d, 0)', 'seats.provisioned_users') }},
            0
        ) as active_seat_share
    from customer_months
    left join usage
        on customer_months.customer_id = usage.customer_id and customer_months.month = usage.month
    left join seats
        on customer_months.customer_id = seats.customer_id and customer_months.month = seats.month
),

sub_scores as (
    select
        *,
        {{ anchored_score('active_seat_share', 'active_seat_share') }} as depth_score,
        {{ anchored_score('key_features_in_healthy_use_30d', 'key_features_in_healthy_use') }} as breadth_score,
        {{ anchored_score('usage_trend', 'usage_trend_ratio') }} as trend_score,
        {{ anchored_score('stickiness', 'stickiness') }} as stickiness_score
    from inputs
)

select
    customer_id,
    month,
    monthly_active_users,
    active_users_30d,
    licensed_seats,
    provisioned_users,
    seat_utilisation,
    active_seat_share,
    key_features_used_30d,
    key_features_in_healthy_use_30d,
    key_feature_events_30d,
    usage_trend,
    stickiness,
    depth_score,
    breadth_score,
    trend_score,
    stickiness_score,
    {{ weighted_mean_of_available([
        ['depth_score', 1], ['breadth_score', 1], ['trend_score', 1], ['stickiness_score', 1]
    ]) }} as adoption_score
from sub_scores
