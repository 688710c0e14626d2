-- Macro anchored_score on literal values placed relative to the configured
-- anchors of active_seat_share (default 0 -> 0, 0.6 -> 100) and of
-- support_issues_90d (default 4 -> 0, 0 -> 100: less is better), so the
-- test holds for any anchors: halfway scores 50, one span beyond `full`
-- is capped at 100, one span before `zero` at 0, and a null value gives a
-- null score. Returns the rows that differ from the expected score.
{%- set share = var('health_anchors')['active_seat_share'] -%}
{%- set issues = var('health_anchors')['support_issues_90d'] -%}
{%- set share_span = share['full'] - share['zero'] -%}
{%- set issues_span = issues['full'] - issues['zero'] %}

with

literal_rows as (
    select
        {{ share['zero'] + 0.5 * share_span }} as seat_share,
        {{ issues['zero'] + 0.5 * issues_span }} as issue_count,
        50.0 as expected_score
    union all
    select
        {{ share['full'] + share_span }} as seat_share,
        {{ issues['full'] + issues_span }} as issue_count,
        100.0 as expected_score
    union all
    select
        {{ share['zero'] - share_span }} as seat_share,
        {{ issues['zero'] - issues_span }} as issue_count,
        0.0 as expected_score
    union all
    select
        cast(null as {{ type_double() }}) as seat_share,
        cast(null as {{ type_double() }}) as issue_count,
        cast(null as {{ type_double() }}) as expected_score
),

scored as (
    select
        expected_score,
        {{ anchored_score('seat_share', 'active_seat_share') }} as share_score,
        {{ anchored_score('issue_count', 'support_issues_90d') }} as issues_score
    from literal_rows
)

select *
from scored
where
    not coalesce(abs(share_score - expected_score) < 0.000001, share_score is null and expected_score is null)
    or not coalesce(abs(issues_score - expected_score) < 0.000001, issues_score is null and expected_score is null)
