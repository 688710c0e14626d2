-- support_kpis_monthly: the tickets (and resolved tickets) of the priority
-- rows, and of the category rows, add up to the month's overall row, for
-- the priorities and categories of the raw contract. Returns the months and
-- breakdowns that do not.
with

kpis as (
    select * from {{ ref('support_kpis_monthly') }}
),

overall as (
    select
        month,
        tickets,
        resolved_tickets
    from kpis
    where priority = 'all' and category = 'all'
),

breakdowns as (
    select
        month,
        case when priority != 'all' then 'priority' else 'category' end as breakdown,
        sum(tickets) as tickets,
        sum(resolved_tickets) as resolved_tickets
    from kpis
    where priority != 'all' or category != 'all'
    group by month, case when priority != 'all' then 'priority' else 'category' end
)

select
    breakdowns.month,
    breakdowns.breakdown,
    breakdowns.tickets,
    overall.tickets as overall_tickets
from breakdowns
inner join overall on breakdowns.month = overall.month
where breakdowns.tickets != overall.tickets or breakdowns.resolved_tickets != overall.resolved_tickets
