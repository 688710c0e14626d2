{#
  One row per churn: a customer x month in which its MRR fell to 0
  (the `churn` rows of customer_mrr_monthly), with the cancellation that
  ended its service and whether the churn was involuntary.

  Service end: the paid subscription items active at the end of the month
  before the churn month all end during the churn month; the latest of their
  ends (valid_to or cancellation effective_at) is when paid service stopped.
  (`last_month >= first_month` keeps only items that counted in some month.)

  Cancellation that ended service: among the subscriptions of those items,
  the cancellation in force (the earliest effective_at of the subscription,
  the one that cuts its items) whose effective_at falls in the churn month;
  with several, the latest effective_at (it ended the last paid service).
  Reason `unknown` when there is none or it has no reason.

  Involuntary: the customer's last collection attempt (succeeded or failed
  payment, refunds excluded) at or before the service end failed, i.e. a
  payment failed and no payment succeeded after it before service ended.
#}
with

churns as (
    select
        customer_id,
        month,
        previous_mrr as churned_mrr
    from {{ ref('customer_mrr_monthly') }}
    where movement = 'churn'
),

ended_subscriptions as (
    select
        customer_id,
        subscription_id,
        {{ add_months('last_month', 1) }} as month,
        max(service_end_at) as service_ended_at
    from {{ ref('int_subscription_items_priced') }}
    where mrr_local > 0 and last_month >= first_month
    group by customer_id, subscription_id, last_month
),

cancellations_ranked as (
    select
        subscription_id,
        cancelled_at,
        effective_at,
        reason,
        row_number() over (
            partition by subscription_id order by effective_at asc, cancelled_at asc
        ) as cancellation_rank
    from {{ ref('int_subscription_cancellations_validated') }}
),

cancellations_in_force as (
    select
        subscription_id,
        cancelled_at,
        effective_at,
        reason
    from cancellations_ranked
    where cancellation_rank = 1
),

payment_attempts as (
    select
        customer_id,
        attempted_at,
        outcome
    from {{ ref('int_payment_attempts') }}
),

churn_service_ends as (
    select
        churns.customer_id,
        churns.month,
        churns.churned_mrr,
        max(ended_subscriptions.service_ended_at) as service_ended_at
    from churns
    left join ended_subscriptions
        on
            churns.customer_id = ended_subscriptions.customer_id
            and churns.month = ended_subscriptions.month
    group by churns.customer_id, churns.month, churns.churned_mrr
),

matched_cancellations as (
    select
        ended_subscriptions.customer_id,
        ended_subscriptions.month,
        cancellations_in_force.subscription_id,
        cancellations_in_force.cancelled_at,
        cancellations_in_force.effective_at,
        cancellations_in_force.reason,
        row_number() over (
            partition by ended_subscriptions.customer_id, ended_subscriptions.month
            order by
                cancellations_in_force.effective_at desc,
                cancellations_in_force.cancelled_at desc,
                cancellations_in_force.subscription_id desc
        ) as match_rank
    from ended_subscriptions
    inner join cancellations_in_force
        on
            ended_subscriptions.subscription_id = cancellations_in_force.subscription_id
            and ended_subscriptions.month = {{ month_start('cancellations_in_force.effective_at') }}
),

last_attempts_before_end as (
    select
        churn_service_ends.customer_id,
        churn_service_ends.month,
        payment_attempts.attempted_at,
        payment_attempts.outcome,
        row_number() over (
            partition by churn_service_ends.customer_id, churn_service_ends.month
            order by
                payment_attempts.attempted_at desc,
                case when payment_attempts.outcome = 'succeeded' then 1 else 0 end desc
        ) as recency_rank
    from churn_service_ends
    inner join payment_attempts
        on
            churn_service_ends.customer_id = payment_attempts.customer_id
            and churn_service_ends.service_ended_at >= payment_attempts.attempted_at
)

select
    churn_service_ends.customer_id,
    churn_service_ends.month,
    churn_service_ends.churned_mrr,
    churn_service_ends.service_ended_at,
    matched_cancellations.subscription_id as cancelled_subscription_id,
    matched_cancellations.cancelled_at,
    matched_cancellations.effective_at as cancellation_effective_at,
    last_attempts_before_end.attempted_at as last_payment_attempt_at,
    last_attempts_before_end.outcome as last_payment_outcome,
    matched_cancellations.subscription_id is not null as has_cancellation,
    coalesce(matched_cancellations.reason, 'unknown') as churn_reason,
    coalesce(last_attempts_before_end.outcome = 'failed', false) as is_involuntary
from churn_service_ends
left join matched_cancellations
    on
        churn_service_ends.customer_id = matched_cancellations.customer_id
        and churn_service_ends.month = matched_cancellations.month
        and matched_cancellations.match_rank = 1
left join last_attempts_before_end
    on
        churn_service_ends.customer_id = last_attempts_before_end.customer_id
        and churn_service_ends.month = last_attempts_before_end.month
        and last_attempts_before_end.recency_rank = 1
