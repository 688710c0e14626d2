{{ config(materialized='view') }}
{#
  The staged `survey_invitations` rows that passed every data-quality check:
  stg_surveys__survey_invitations minus the records quarantined in int_survey_invitations_issues.
  Same columns as stg_surveys__survey_invitations; read this model, not staging.
#}
{{ data_quality_validated_rows('stg_surveys__survey_invitations', 'survey_invitations') }}
