"""No raw email reaches a mart: every text column of every mart and
intermediate table built on the demo data is scanned for an '@' and for the
raw emails themselves (customers.billing_email, users.email,
survey_responses.respondent_email). Staging hashes them
(macros/staging/hash_personal_data.sql); nothing downstream may undo that.
"""

from __future__ import annotations

import duckdb
import pytest

from dbt_project_runner import PROJECT_DIR, DbtProject

DEMO = PROJECT_DIR / "data" / "demo"
EMAIL_COLUMNS = {"customers": "billing_email", "users": "email", "survey_responses": "respondent_email"}


@pytest.fixture(scope="module")
def every_model(tmp_path_factory):
    project = DbtProject(tmp_path_factory.mktemp("personal_data"), DEMO)
    result = project.run("run")
    assert result.returncode == 0, result.stdout[-4000:]
    return project


def _raw_emails() -> set[str]:
    emails = set()
    for table, column in EMAIL_COLUMNS.items():
        rows = duckdb.sql(
            f"select distinct lower(trim({column})) from read_csv('{DEMO / (table + '.csv')}', all_varchar = true) "
            f"where {column} is not null"
        ).fetchall()
        emails |= {row[0] for row in rows}
    return emails


def test_the_demo_data_has_emails_to_leak():
    emails = _raw_emails()
    assert len(emails) > 1000
    assert all("@" in email for email in emails)


def test_no_mart_or_intermediate_column_holds_an_email(every_model):
    # Every raw email contains an '@' (checked above), so a value with an '@' is the test.
    columns = every_model.query(
        "select table_schema || '.\"' || table_name || '\"', column_name from information_schema.columns "
        "where table_schema in ('marts', 'intermediate') and data_type = 'VARCHAR' order by all"
    )
    assert len(columns) > 50
    by_table: dict[str, list[str]] = {}
    for table, column in columns:
        by_table.setdefault(table, []).append(column)
    leaks = []
    with duckdb.connect(str(every_model.database), read_only=True) as connection:
        for table, names in by_table.items():
            quoted = [f'"{name}"' for name in names]
            with_at = " or ".join(f"contains({name}, '@')" for name in quoted)
            found = connection.execute(f"select {', '.join(quoted)} from {table} where {with_at} limit 3").fetchall()
            if found:
                leaks.append((table, found))
    assert leaks == []


def test_staging_exposes_only_hashes(every_model):
    columns = {
        row[0]
        for row in every_model.query(
            "select column_name from information_schema.columns where table_schema = 'staging'"
        )
    }
    assert not {"billing_email", "email", "respondent_email"} & columns
    assert {"billing_email_hash", "email_hash", "respondent_email_hash"} <= columns
