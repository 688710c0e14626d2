{#
  Help-centre and academy use per paying customer (MRR > 0 at month end) and
  month, in the calendar month (up to the as-of date in the as-of month),
  from int_customer_usage_monthly (features `help_article_view` and
  `academy_lesson_completed`, var usage_features).
    help_views_per_active_user = help article views / monthly active users;
    academy_lessons_per_active_user likewise; null without active users.
  Heavy help use: the customer's help views per active user are in the top
  var `help_heavy_use_top_share` (default 0.2, top quintile) of the month's
  paying customers (percent rank >= 1 - share; ties share the lower rank; a
  customer without active users ranks as 0), and it viewed at least one
  article. The flag reads only its own month: no look-ahead.
#}
{%- set top_share = var('help_heavy_use_top_share') -%}
{%- if not (top_share > 0 and top_share <= 1) -%}
    {{ exceptions.raise_compiler_error("var help_heavy_use_top_share must be in (0, 1]; got " ~ top_share) }}
{%- endif -%}

with

active_months as (
    select
        customer_id,
        month
    from {{ ref('customer_mrr_monthly') }}
    where is_active
),

usage as (
    select
        customer_id,
        month,
        monthly_active_users,
        help_article_views,
        academy_lessons_completed
    from {{ ref('int_customer_usage_monthly') }}
),

customer_months as (
    select
        active_months.customer_id,
        active_months.month,
        coalesce(usage.monthly_active_users, 0) as monthly_active_users,
        coalesce(usage.help_article_views, 0) as help_article_views,
        coalesce(usage.academy_lessons_completed, 0) as academy_lessons_completed
    from active_months
    left join usage on active_months.customer_id = usage.customer_id and active_months.month = usage.month
),

rates as (
    select
        *,
        {{ safe_divide('help_article_views', 'monthly_active_users') }} as help_views_per_active_user,
        {{ safe_divide('academy_lessons_completed', 'monthly_active_users') }} as academy_lessons_per_active_user
    from customer_months
),

ranked as (
    select
        *,
        percent_rank() over (
            partition by month order by coalesce(help_views_per_active_user, 0)
        ) as help_views_percent_rank
    from rates
)

select
    customer_id,
    month,
    monthly_active_users,
    help_article_views,
    academy_lessons_completed,
    help_views_per_active_user,
    academy_lessons_per_active_user,
    help_views_percent_rank,
    help_article_views > 0 and help_views_percent_rank >= 1 - {{ top_share }} as is_heavy_help_use
from ranked
