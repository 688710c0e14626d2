{#
  A sub-measure of customer health scored 0-100 on a straight line between
  two anchors of the var `health_anchors`: the value `zero` scores 0, the
  value `full` scores 100, values beyond either end are capped. `zero` may be
  above `full` for measures where less is better (e.g. support issues).
  A null value gives a null score (no data, not a bad score; the explicit
  case matters: least/greatest skip nulls on some engines).

    anchored_score('active_seat_share', 'active_seat_share')
    -> 100 x least(greatest((active_seat_share - 0.0) / (0.6 - 0.0), 0), 1)
#}
{% macro anchored_score(value_expression, anchor_name) -%}
    {%- set anchors = var('health_anchors') -%}
    {%- if anchor_name not in anchors -%}
        {{ exceptions.raise_compiler_error("anchored_score: no '" ~ anchor_name ~ "' in var health_anchors") }}
    {%- endif -%}
    {%- set zero = anchors[anchor_name]['zero'] -%}
    {%- set full = anchors[anchor_name]['full'] -%}
    {%- if zero == full -%}
        {{ exceptions.raise_compiler_error("anchored_score: health_anchors." ~ anchor_name ~ " needs zero != full") }}
    {%- endif -%}
    case
        when {{ value_expression }} is not null
            then 100 * least(greatest(
                (cast({{ value_expression }} as {{ type_double() }}) - ({{ zero }})) / (({{ full }}) - ({{ zero }})),
                0), 1)
    end
{%- endmacro %}
