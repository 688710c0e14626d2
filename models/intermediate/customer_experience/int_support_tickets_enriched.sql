{#
  One row per support ticket created up to the as-of date, with the
  durations and flags of the support metrics (metrics.md "Surveys and
  support"), as known at the as-of date (a response or resolution after it
  is not known yet):
    first_response_hours = first_response_at - created_at, in hours;
    resolution_hours = resolved_at - created_at, in hours;
    is_first_contact_resolution = resolved with agent_replies = 1;
    first_response_target_hours from var support_first_response_target_hours
    by priority (null for a priority the var does not name).
  Health judges tickets again as of each month's end from the timestamps.
#}
{%- set targets = var('support_first_response_target_hours') -%}

with

tickets as (
    select * from {{ ref('int_support_tickets_validated') }}
),

reporting_period as (
    select
        cast({{ dbt.dateadd('day', 1, 'as_of_date') }} as {{ dbt.type_timestamp() }}) as as_of_end_at
    from {{ ref('int_reporting_period') }}
),

known_at_as_of as (
    select
        tickets.ticket_id,
        tickets.customer_id,
        tickets.created_at,
        tickets.agent_replies,
        tickets.priority,
        tickets.category,
        case when tickets.first_response_at < reporting_period.as_of_end_at then tickets.first_response_at end
            as first_response_at,
        case when tickets.resolved_at < reporting_period.as_of_end_at then tickets.resolved_at end
            as resolved_at
    from tickets
    cross join reporting_period
    where tickets.created_at < reporting_period.as_of_end_at
)

select
    ticket_id,
    customer_id,
    created_at,
    {{ month_start('created_at') }} as created_month,
    first_response_at,
    resolved_at,
    agent_replies,
    priority,
    category,
    cast({{ dbt.datediff('created_at', 'first_response_at', 'second') }} as {{ type_double() }}) / 3600 as first_response_hours, -- noqa: LT05
    cast({{ dbt.datediff('created_at', 'resolved_at', 'second') }} as {{ type_double() }}) / 3600 as resolution_hours, -- noqa: LT05
    resolved_at is not null as is_resolved,
    resolved_at is not null and agent_replies = 1 as is_first_contact_resolution,
    case priority
        {%- for priority, hours in targets.items() %}
            when '{{ priority }}' then {{ hours }}
        {%- endfor %}
    end as first_response_target_hours
from known_at_as_of
