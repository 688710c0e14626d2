{#
  Weighted mean of the expressions that are not null, the weights of the
  others renormalised away; null when every expression is null.
  `weighted_expressions` is a list of [expression, weight] pairs:

    weighted_mean_of_available([['deployment_score', 0.2], ['adoption_score', 0.6]])
    -> (0.2 x deployment + 0.6 x adoption) / 0.8 when both are present,
       adoption alone when deployment is null.

  Equal weights (a plain mean of what is present) are [[expr, 1], ...].
#}
{% macro weighted_mean_of_available(weighted_expressions) -%}
    {%- set numerator = [] -%}
    {%- set denominator = [] -%}
    {%- for pair in weighted_expressions -%}
        {%- do numerator.append('coalesce(' ~ pair[1] ~ ' * ' ~ pair[0] ~ ', 0)') -%}
        {%- do denominator.append('case when ' ~ pair[0] ~ ' is not null then ' ~ pair[1] ~ ' else 0 end') -%}
    {%- endfor -%}
    cast(({{ numerator | join(' + ') }}) as {{ type_double() }})
    / nullif({{ denominator | join(' + ') }}, 0)
{%- endmacro %}


{#
  The `weighted_mean_of_available` pairs of a weights var (a mapping
  name -> weight), each name followed by `suffix` to give the column. The
  var must name exactly `expected_names`, with weights >= 0 and not all 0:

    weights_var_pairs('health_score_weights', ['outcome', 'experience'], '_score')
    -> [['outcome_score', 0.7], ['experience_score', 0.3]]
#}
{% macro weights_var_pairs(var_name, expected_names, suffix) -%}
    {%- set weights = var(var_name) -%}
    {%- if weights.keys() | sort | list != expected_names | sort | list -%}
        {{ exceptions.raise_compiler_error(
            "var " ~ var_name ~ " must name exactly " ~ expected_names | join(', ') ~ "; got "
            ~ weights.keys() | join(', ')) }}
    {%- endif -%}
    {%- set pairs = [] -%}
    {%- for name in expected_names -%}
        {%- if weights[name] < 0 -%}
            {{ exceptions.raise_compiler_error("var " ~ var_name ~ "." ~ name ~ " must be >= 0, got " ~ weights[name]) }}
        {%- endif -%}
        {%- do pairs.append([name ~ suffix, weights[name]]) -%}
    {%- endfor -%}
    {%- if weights.values() | sum <= 0 -%}
        {{ exceptions.raise_compiler_error("var " ~ var_name ~ " needs at least one weight > 0") }}
    {%- endif -%}
    {{- return(pairs) -}}
{%- endmacro %}
