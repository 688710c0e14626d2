{{ config(materialized='view') }}
{#
  The staged `survey_responses` rows that passed every data-quality check:
  stg_surveys__survey_responses minus the records quarantined in int_survey_responses_issues.
  Same columns as stg_surveys__survey_responses; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_surveys__survey_responses', 'survey_responses') }}
