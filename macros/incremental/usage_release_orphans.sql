{#
  Events that came before their customer. An event whose customer_id is not
  in customers is quarantined as orphan_customer; when the customer arrives
  later, a full refresh counts the event. An incremental run does the same:

    usage_events_release_orphans      pre-hook of int_usage_events_issues:
                                      drop the orphan_customer issues whose
                                      customer is in customers now, i.e.
                                      for which the rule's own condition
                                      (data_quality_row_rules) no longer
                                      holds (no other rule depends on
                                      another table, so the record's other
                                      issues stand);
    usage_reload_released_customers   the customers so released since the
                                      usage models last ran, whose events
                                      they place on their days again
                                      (usage_reload_touched_days).

    config(pre_hook="{{ usage_events_release_orphans() }}")
#}
{% macro usage_events_release_orphans() %}
    {%- if is_incremental() %}
        {%- set orphan_rule = data_quality_row_rules('usage_events')
            | selectattr('rule', 'equalto', 'orphan_customer') | first %}
        delete from {{ this }}
        where rule = 'orphan_customer' and not ({{ orphan_rule.condition }})
    {%- endif %}
{% endmacro %}


{#
  Condition on `customer_id_column` that holds for the customers whose
  orphan events int_usage_events_issues has released since the usage models
  last ran: in int_usage_events_orphan_customers (the orphans' customers as
  they saw them, read by name) and without an orphan_customer issue now.
  Written into the SQL as a list of constants, usually empty (`1 = 0`, so
  the engine skips the scan); none in a unit test, whose inputs do not hold
  that table, nor before the table is first built.
#}
{% macro usage_reload_released_customers(customer_id_column) %}
    {%- set released = [] -%}
    {%- if usage_reload_folds() -%}
        {%- set issues = ref('int_usage_events_issues') -%}
        {%- set orphans = adapter.get_relation(issues.database, issues.schema, 'int_usage_events_orphan_customers') -%}
        {%- if orphans is not none -%}
            {%- set released = run_query(
                'select customer_id from ' ~ orphans ~ ' except select customer_id from ' ~ issues
                ~ " where rule = 'orphan_customer' order by 1"
            ).columns[0].values() -%}
        {%- endif -%}
    {%- endif -%}
    {%- if released | length == 0 -%}
        {{ return('1 = 0') }}
    {%- endif -%}
    {%- set literals = [] -%}
    {%- for customer_id in released -%}
        {%- do literals.append("'" ~ customer_id | replace("'", "''") ~ "'") -%}
    {%- endfor -%}
    {{ return(customer_id_column ~ ' in (' ~ literals | join(', ') ~ ')') }}
{% endmacro %}
