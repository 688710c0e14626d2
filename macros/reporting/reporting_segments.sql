{#
  The segments a per-segment reporting mart has a row for in every month:
  `all` (every customer) and the segments of customer_segments (metrics.md
  "Segments"). One list, so the marts that report by segment
  (health_bands_monthly, mrr_movements_by_segment_monthly,
  survey_scores_monthly) cannot drift apart.
#}
{% macro reporting_segments() -%}
    {{ return(['all', 'vip', 'core', 'potential', 'secondary']) }}
{%- endmacro %}
