{#
  Support KPIs per month of ticket creation (metrics.md "Surveys and
  support"), overall (priority and category `all`), by priority (category
  `all`) and by category (priority `all`), every combination present in every
  reporting month (zeros when no ticket). Durations are those known at the
  as-of date.
    tickets_per_active_customer = tickets of customers active in the month
      (MRR > 0) / active customers;
    median first-response and resolution hours over the tickets answered /
      resolved;
    first-contact resolution rate = resolved tickets with agent_replies = 1 /
      resolved tickets.
#}
{%- set priorities = ['low', 'normal', 'high', 'urgent'] -%}
{%- set categories = ['bug', 'how_to', 'billing', 'feature_request', 'outage'] -%}

with

tickets as (
    select * from {{ ref('int_support_tickets_enriched') }}
),

active_customers as (
    select
        customer_id,
        month
    from {{ ref('customer_mrr_monthly') }}
    where is_active
),

reporting_months as (
    select month from {{ ref('int_reporting_months') }}
),

rollups as (
    select 'overall' as rollup_level
    union all
    select 'priority' as rollup_level
    union all
    select 'category' as rollup_level
),

ticket_rows as (
    select
        tickets.created_month as month,
        tickets.first_response_hours,
        tickets.resolution_hours,
        tickets.is_resolved,
        tickets.is_first_contact_resolution,
        case when rollups.rollup_level = 'priority' then tickets.priority else 'all' end as priority,
        case when rollups.rollup_level = 'category' then tickets.category else 'all' end as category,
        active_customers.customer_id is not null as is_from_active_customer
    from tickets
    cross join rollups
    left join active_customers
        on tickets.customer_id = active_customers.customer_id and tickets.created_month = active_customers.month
),

ticket_kpis as (
    select
        month,
        priority,
        category,
        count(*) as tickets,
        count(case when is_from_active_customer then 1 end) as tickets_from_active_customers,
        count(first_response_hours) as responded_tickets,
        percentile_cont(0.5) within group (order by first_response_hours) as median_first_response_hours,
        count(case when is_resolved then 1 end) as resolved_tickets,
        percentile_cont(0.5) within group (order by resolution_hours) as median_resolution_hours,
        count(case when is_first_contact_resolution then 1 end) as first_contact_resolutions
    from ticket_rows
    group by month, priority, category
),

customer_counts as (
    select
        month,
        count(*) as active_customers
    from active_customers
    group by month
),

dimensions as (
    select
        'all' as priority,
        'all' as category
    {%- for priority in priorities %}
        union all
        select
            '{{ priority }}' as priority,
            'all' as category
    {%- endfor %}
    {%- for category in categories %}
        union all
        select
            'all' as priority,
            '{{ category }}' as category
    {%- endfor %}
),

grid as (
    select
        reporting_months.month,
        dimensions.priority,
        dimensions.category
    from reporting_months
    cross join dimensions
),

filled as (
    select
        grid.month,
        grid.priority,
        grid.category,
        ticket_kpis.median_first_response_hours,
        ticket_kpis.median_resolution_hours,
        coalesce(customer_counts.active_customers, 0) as active_customers,
        coalesce(ticket_kpis.tickets, 0) as tickets,
        coalesce(ticket_kpis.tickets_from_active_customers, 0) as tickets_from_active_customers,
        coalesce(ticket_kpis.responded_tickets, 0) as responded_tickets,
        coalesce(ticket_kpis.resolved_tickets, 0) as resolved_tickets,
        coalesce(ticket_kpis.first_contact_resolutions, 0) as first_contact_resolutions
    from grid
    left join ticket_kpis
        on
            grid.month = ticket_kpis.month
            and grid.priority = ticket_kpis.priority
            and grid.category = ticket_kpis.category
    left join customer_counts on grid.month = customer_counts.month
)

select
    month,
    priority,
    category,
    tickets,
    active_customers,
    tickets_from_active_customers,
    {{ safe_divide('tickets_from_active_customers', 'active_customers') }} as tickets_per_active_customer,
    responded_tickets,
    median_first_response_hours,
    resolved_tickets,
    median_resolution_hours,
    first_contact_resolutions,
    {{ safe_divide('first_contact_resolutions', 'resolved_tickets') }} as first_contact_resolution_rate
from filled
