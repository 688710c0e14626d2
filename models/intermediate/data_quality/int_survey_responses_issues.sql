{#
  Data-quality issues of the raw table `survey_responses`: the contract
  checks and score_out_of_scale (score outside [scale_min, scale_max], or a
  scale whose minimum is not below its maximum).
#}
with

raw_rows as (
    {{ data_quality_raw_rows('survey_responses') }}
),

violations as (
    {{ data_quality_contract_violations('survey_responses') }}
    union all
    {{ data_quality_violation(
        'score_out_of_scale', 'score < scale_min or score > scale_max or scale_min >= scale_max',
        dbt.concat(["'score '", 'raw_score', "' is outside the scale '", 'raw_scale_min', "'-'", 'raw_scale_max'])
    ) }}
)

{{ data_quality_issue_rows('violations') }}
