{#
  The MRR rules of one subscription item state, shared by the revenue chain
  (int_subscription_items_priced) and the revenue reconciliation, which
  prices every raw item the same way (int_subscription_item_mrr_monthly_raw).
#}

{#-
  MRR in the item's own currency, major units:
  quantity x unit_price_cents x (100 - discount_percent)
  / (interval_count x (12 for yearly plans, else 1) x 10000),
  one division at the end (DECISIONLOG.md "MRR").
-#}
{% macro subscription_item_mrr_local(items, plans) -%}
    cast({{ items }}.quantity * {{ items }}.unit_price_cents as {{ type_double() }})
    * (100 - cast({{ items }}.discount_percent as {{ type_double() }}))
    / ({{ plans }}.interval_count * case when {{ plans }}.interval_unit = 'year' then 12 else 1 end * 10000)
{%- endmacro %}


{#- Service ends at the earlier of valid_to and the subscription's cancellation effective_at. -#}
{% macro subscription_item_service_end(valid_to, effective_at) -%}
    case
        when {{ effective_at }} is null then {{ valid_to }}
        when {{ valid_to }} is null then {{ effective_at }}
        when {{ effective_at }} < {{ valid_to }} then {{ effective_at }}
        else {{ valid_to }}
    end
{%- endmacro %}


{#-
  An item counts in `month` when it is active at the end of it: from the
  month of valid_from (`first_month`) to the month before its end's month
  (`last_month`, null while open).
-#}
{% macro subscription_item_counts_in_month(first_month, last_month, month) -%}
    {{ first_month }} <= {{ month }}
    and ({{ last_month }} is null or {{ last_month }} >= {{ month }})
{%- endmacro %}


{#- The last month an item counts in: the month before its service end's month (null while open). -#}
{% macro subscription_item_last_month(service_end_at) -%}
    case
        when {{ service_end_at }} is not null
            then {{ add_months(month_start(service_end_at), -1) }}
    end
{%- endmacro %}
