{#
  What the data-quality checks need to know about each raw contract table,
  beyond the column types declared in the sources' YAML:
  - source: the dbt source that declares it;
  - primary_key: the declared primary key ([] when the contract has none);
  - unique_key: columns that must identify a row (the primary key, or a
    natural key where the contract implies one: one rate per currency and
    month, one milestone of each kind per customer); [] = none;
  - required: every column the contract does not mark `null`;
  - accepted_values: the contract's closed value sets.
  tests/python/test_quality_contract.py checks this against
  saas_retention.contract, the Python definition of the same contract.
#}
{% macro data_quality_tables() %}
    {%- set survey_types = ['nps', 'csat', 'ces'] -%}
    {%- set survey_channels = ['email', 'sms', 'in_app'] -%}
    {{ return({
        'customers': {
            'source': 'billing', 'primary_key': ['customer_id'],
            'required': ['customer_id', 'customer_name', 'created_at', 'country'],
            'accepted_values': {},
        },
        'plans': {
            'source': 'billing', 'primary_key': ['plan_id'],
            'required': ['plan_id', 'plan_name', 'product_tier', 'interval_unit', 'interval_count', 'is_seat_based'],
            'accepted_values': {'interval_unit': ['month', 'year']},
        },
        'subscription_items': {
            'source': 'billing', 'primary_key': ['subscription_item_id'],
            'required': [
                'subscription_item_id', 'subscription_id', 'customer_id', 'plan_id', 'quantity',
                'unit_price_cents', 'discount_percent', 'currency', 'valid_from',
            ],
            'accepted_values': {},
        },
        'subscription_cancellations': {
            'source': 'billing', 'primary_key': [],
            'required': ['subscription_id', 'customer_id', 'cancelled_at', 'effective_at'],
            'accepted_values': {
                'reason': ['price', 'missing_features', 'switched_competitor', 'no_longer_needed', 'payment_failed', 'other'],
            },
        },
        'invoices': {
            'source': 'billing', 'primary_key': ['invoice_id'],
            'required': [
                'invoice_id', 'customer_id', 'issued_at', 'currency', 'status',
                'subtotal_cents', 'tax_cents', 'one_time_cents',
            ],
            'accepted_values': {'status': ['paid', 'open', 'void', 'uncollectible']},
        },
        'payments': {
            'source': 'billing', 'primary_key': ['payment_id'],
            'required': ['payment_id', 'invoice_id', 'customer_id', 'attempted_at', 'amount_cents', 'currency', 'outcome'],
            'accepted_values': {'outcome': ['succeeded', 'failed', 'refunded']},
        },
        'fx_rates': {
            'source': 'billing', 'primary_key': [], 'unique_key': ['currency', 'rate_month'],
            'required': ['currency', 'rate_month', 'rate_to_reporting'],
            'accepted_values': {},
        },
        'users': {
            'source': 'product', 'primary_key': ['user_id'],
            'required': ['user_id', 'customer_id', 'created_at', 'role'],
            'accepted_values': {'role': ['admin', 'member', 'viewer']},
        },
        'usage_events': {
            'source': 'product', 'primary_key': ['event_id'],
            'required': ['event_id', 'customer_id', 'user_id', 'feature', 'occurred_at', 'loaded_at'],
            'accepted_values': {},
        },
        'onboarding_milestones': {
            'source': 'customer_success', 'primary_key': [], 'unique_key': ['customer_id', 'milestone'],
            'required': ['customer_id', 'milestone', 'target_date'],
            'accepted_values': {
                'milestone': ['kickoff', 'sso_configured', 'integration_connected', 'data_imported', 'go_live'],
            },
        },
        'cs_activities': {
            'source': 'customer_success', 'primary_key': ['activity_id'],
            'required': ['activity_id', 'customer_id', 'activity_type', 'occurred_at', 'attended'],
            'accepted_values': {
                'activity_type': ['check_in', 'qbr', 'training', 'exec_sponsor_meeting', 'escalation'],
            },
        },
        'success_outcomes': {
            'source': 'customer_success', 'primary_key': [],
            'required': ['outcome_id', 'customer_id', 'outcome_name', 'target_value', 'target_date'],
            'accepted_values': {},
        },
        'survey_invitations': {
            'source': 'surveys', 'primary_key': ['invitation_id'],
            'required': ['invitation_id', 'customer_id', 'survey_type', 'channel', 'sent_at'],
            'accepted_values': {'survey_type': survey_types, 'channel': survey_channels},
        },
        'survey_responses': {
            'source': 'surveys', 'primary_key': ['response_id'],
            'required': [
                'response_id', 'customer_id', 'survey_type', 'score', 'scale_min', 'scale_max',
                'channel', 'responded_at',
            ],
            'accepted_values': {'survey_type': survey_types, 'channel': survey_channels},
        },
        'support_tickets': {
            'source': 'support', 'primary_key': ['ticket_id'],
            'required': ['ticket_id', 'customer_id', 'created_at', 'agent_replies', 'priority', 'category'],
            'accepted_values': {
                'priority': ['low', 'normal', 'high', 'urgent'],
                'category': ['bug', 'how_to', 'billing', 'feature_request', 'outage'],
            },
        },
        'marketing_spend': {
            'source': 'finance', 'primary_key': [],
            'required': ['spend_month', 'acquisition_channel', 'spend_cents', 'currency'],
            'accepted_values': {},
        },
        'cs_costs': {
            'source': 'finance', 'primary_key': [],
            'required': ['cost_month', 'cost_type', 'amount_cents', 'currency'],
            'accepted_values': {'cost_type': ['salaries', 'tools', 'programs']},
        },
    }) }}
{% endmacro %}


{#- The spec of one table, with `unique_key` defaulting to the primary key. -#}
{% macro data_quality_table(table_name) %}
    {%- set tables = data_quality_tables() -%}
    {%- if table_name not in tables -%}
        {{ exceptions.raise_compiler_error("data quality: unknown raw table '" ~ table_name ~ "'") }}
    {%- endif -%}
    {%- set spec = dict(tables[table_name]) -%}
    {%- do spec.update({'unique_key': spec.get('unique_key', spec['primary_key'])}) -%}
    {{ return(spec) }}
{% endmacro %}


{#-
  The contract columns of a raw table as (name, contract type) pairs, read
  from the source's YAML (the dbt side of the contract). Empty while dbt
  parses (the graph is not available yet); the SQL is only run compiled.
-#}
{% macro data_quality_source_columns(table_name) %}
    {%- set columns = [] -%}
    {%- if execute -%}
        {%- for node in graph.sources.values()
            if node.package_name == project_name and node.name == table_name -%}
            {%- for column in node.columns.values() -%}
                {%- do columns.append((column.name, column.data_type)) -%}
            {%- endfor -%}
        {%- endfor -%}
    {%- endif -%}
    {{ return(columns) }}
{% endmacro %}
