{#
  Onboarding per customer with milestones, as of the as-of date: the rows of
  int_customer_onboarding_milestones (statuses: on_time, late, overdue,
  not_due) pivoted to one set of columns per milestone of the raw contract
  (kickoff, sso_configured, integration_connected, data_imported, go_live):
  target date, completion time, status and late flag; then counts and the
  go-live date.
#}
{%- set milestones = ['kickoff', 'sso_configured', 'integration_connected', 'data_imported', 'go_live'] -%}

with

statuses as (
    select * from {{ ref('int_customer_onboarding_milestones') }}
),

per_customer as (
    select
        customer_id,
        {%- for milestone in milestones %}
            max(case when milestone = '{{ milestone }}' then target_date end) as {{ milestone }}_target_date,
            max(case when milestone = '{{ milestone }}' then completed_at end) as {{ milestone }}_completed_at,
            max(case when milestone = '{{ milestone }}' then status end) as {{ milestone }}_status,
        {%- endfor %}
        count(*) as milestones,
        count(case when status in ('on_time', 'late') then 1 end) as milestones_completed,
        count(case when status = 'on_time' then 1 end) as milestones_on_time,
        count(case when is_late then 1 end) as milestones_late,
        count(case when status = 'overdue' then 1 end) as milestones_overdue,
        max(completed_at) as last_milestone_completed_at
    from statuses
    group by customer_id
)

select
    customer_id,
    {%- for milestone in milestones %}
        {{ milestone }}_target_date,
        {{ milestone }}_completed_at,
        {{ milestone }}_status,
        {{ milestone }}_status in ('late', 'overdue') as {{ milestone }}_is_late,
    {%- endfor %}
    milestones,
    milestones_completed,
    milestones_on_time,
    milestones_late,
    milestones_overdue,
    go_live_completed_at as go_live_at,
    cast(go_live_completed_at as date) as go_live_date,
    go_live_completed_at is not null as has_gone_live,
    milestones_completed = milestones as is_onboarding_complete,
    last_milestone_completed_at
from per_customer
