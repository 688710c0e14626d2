{#
  Status of an onboarding milestone as of an exclusive timestamp `as_of_at`
  (e.g. the first instant after a month's end):
    on_time  completed before as_of_at, on or before its target date
    late     completed before as_of_at, after its target date
    overdue  not completed before as_of_at, target date already passed
    not_due  not completed, target date not passed yet
  A milestone completed after as_of_at is not known to be completed then.
#}
{% macro milestone_status(target_date, completed_at, as_of_at) -%}
    case
        when {{ completed_at }} < {{ as_of_at }} and cast({{ completed_at }} as date) <= {{ target_date }}
            then 'on_time'
        when {{ completed_at }} < {{ as_of_at }}
            then 'late'
        when {{ target_date }} < cast({{ as_of_at }} as date)
            then 'overdue'
        else 'not_due'
    end
{%- endmacro %}
