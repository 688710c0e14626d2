-- depends_on: {{ ref('int_customer_usage_monthly') }}
{#
  The customers of the raw usage events that int_usage_events_issues holds
  as orphan_customer when the usage models last ran (one row per customer).
  Built after them (depends_on above) and read by their next incremental run
  by name, not by ref, which would be a cycle: a customer here that has no
  orphan_customer issue any more arrived late in customers, and its events,
  released by int_usage_events_issues, must be placed on their days
  (macro usage_reload_released_customers). A run that builds this model
  without the usage models makes them miss the release.
#}
select distinct customer_id
from {{ ref('int_usage_events_issues') }}
where rule = 'orphan_customer'
