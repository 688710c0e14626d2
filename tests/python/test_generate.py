"""Tests of the synthetic data generator (saas_retention.generate) against the raw data contract."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import duckdb
import numpy as np
import pyarrow.parquet as pq
import pytest

from saas_retention.contract import ACCEPTED_VALUES, TABLES
from saas_retention.generate import SimulationConfig, generate
from saas_retention.generate.__main__ import main
from saas_retention.generate.arrow_columns import contract_schema

START = date(2024, 1, 1)
MONTHS = 24
END = "2026-01-01"  # START + MONTHS, exclusive
LAST_MONTH = "2025-12-01"
SMALL = dict(customers=400, start=START, months=MONTHS, event_scale=0.5)

# Uniqueness the generator guarantees for tables whose contract declares no primary key.
NATURAL_KEYS = {
    "subscription_cancellations": ("subscription_id",),
    "fx_rates": ("currency", "rate_month"),
    "onboarding_milestones": ("customer_id", "milestone"),
    "success_outcomes": ("outcome_id",),
    "marketing_spend": ("spend_month", "acquisition_channel", "currency"),
    "cs_costs": ("cost_month", "cost_type", "currency"),
}
TIMESTAMP_COLUMNS = [
    (table.name, column.name) for table in TABLES.values() for column in table.columns if column.type == "timestamp"
]


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen")
    generate(SimulationConfig(seed=11, **SMALL), path, ("csv", "parquet"))
    return path


@pytest.fixture(scope="module")
def db(out_dir: Path) -> duckdb.DuckDBPyConnection:
    """Each table from Parquet as `<table>`, and from CSV read with the contract types as `csv_<table>`."""
    con = duckdb.connect()
    for name, table in TABLES.items():
        con.execute(f"create view {name} as select * from read_parquet('{out_dir / name}.parquet')")
        columns = ", ".join(f"'{c.name}': '{c.type}'" for c in table.columns)
        con.execute(
            f"create table csv_{name} as select * from read_csv('{out_dir / name}.csv', header=true, "
            f"auto_detect=false, columns={{{columns}}}, timestampformat='%Y-%m-%d %H:%M:%S', "
            f"dateformat='%Y-%m-%d')"
        )
    return con


def scalar(con: duckdb.DuckDBPyConnection, sql: str):
    return con.execute(sql).fetchone()[0]


def file_bytes(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.iterdir())}


# ---- determinism -------------------------------------------------------------------------------

def test_same_seed_gives_identical_bytes_and_another_seed_differs(tmp_path: Path) -> None:
    args = dict(customers=60, start=START, months=6, event_scale=0.3)
    for name, seed in (("a", 5), ("b", 5), ("c", 6)):
        generate(SimulationConfig(seed=seed, **args), tmp_path / name, ("csv", "parquet"))
    first, again, other = (file_bytes(tmp_path / name) for name in "abc")
    assert len(first) == 2 * len(TABLES)
    assert first == again
    differing = {name for name in first if first[name] != other[name]}
    assert {"customers.csv", "usage_events.parquet", "subscription_items.csv"} <= differing


def test_cli_defaults_to_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--customers", "20", "--seed", "3", "--out", str(tmp_path), "--months", "3"]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{name}.csv" for name in TABLES)
    assert "usage_events" in capsys.readouterr().out


# ---- contract shape and types ------------------------------------------------------------------

@pytest.mark.parametrize("name", list(TABLES))
def test_files_follow_contract_columns_and_types(out_dir: Path, name: str) -> None:
    header = (out_dir / f"{name}.csv").read_text().split("\n", 1)[0]
    assert tuple(header.split(",")) == TABLES[name].column_names
    schema = pq.read_schema(out_dir / f"{name}.parquet")
    expected = contract_schema(name)
    assert schema.names == expected.names
    assert [f.type for f in schema] == [f.type for f in expected]


@pytest.mark.parametrize("name", list(TABLES))
def test_csv_parses_as_contract_types_and_equals_parquet(db: duckdb.DuckDBPyConnection, name: str) -> None:
    rows = scalar(db, f"select count(*) from {name}")
    assert scalar(db, f"select count(*) from csv_{name}") == rows
    assert scalar(db, f"select count(*) from (select * from {name} except all select * from csv_{name})") == 0
    assert rows > 0


def csv_column(out_dir: Path, table: str, column: str) -> list[str]:
    """Raw text of one column of a CSV without quoted fields."""
    lines = (out_dir / f"{table}.csv").read_text().splitlines()
    position = lines[0].split(",").index(column)
    return [line.split(",")[position] for line in lines[1:]]


def test_csv_text_format(out_dir: Path) -> None:
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}", v)
               for v in csv_column(out_dir, "subscription_items", "valid_from"))
    valid_to = csv_column(out_dir, "subscription_items", "valid_to")
    assert {v for v in valid_to if not re.fullmatch(r"[\d :-]{19}", v)} == {""}
    discounts = csv_column(out_dir, "subscription_items", "discount_percent")
    assert all(re.fullmatch(r"\d{1,3}\.\d{2}", v) for v in discounts)
    assert all(re.fullmatch(r"\d{4}-\d{2}-01", v) for v in csv_column(out_dir, "fx_rates", "rate_month"))
    assert set(csv_column(out_dir, "cs_activities", "attended")) == {"true", "false"}
    assert "" in csv_column(out_dir, "customers", "employee_count")
    quoted = [line for line in (out_dir / "survey_responses.csv").read_text().splitlines() if '"' in line]
    assert quoted and all(re.search(r',"[^"]*,[^"]*"$', line) for line in quoted)


@pytest.mark.parametrize("name", list(TABLES))
def test_required_columns_are_not_null(db: duckdb.DuckDBPyConnection, name: str) -> None:
    for column in TABLES[name].required_columns:
        assert scalar(db, f"select count(*) from {name} where {column} is null") == 0, column


@pytest.mark.parametrize(("table", "column"), list(ACCEPTED_VALUES))
def test_enumerated_columns_hold_accepted_values(db: duckdb.DuckDBPyConnection, table: str, column: str) -> None:
    rows = db.execute(f"select distinct {column} from {table} where {column} is not null").fetchall()
    found = {row[0] for row in rows}
    assert found <= set(ACCEPTED_VALUES[(table, column)])


@pytest.mark.parametrize("name", list(TABLES))
def test_keys_are_unique(db: duckdb.DuckDBPyConnection, name: str) -> None:
    key = TABLES[name].primary_key or NATURAL_KEYS[name]
    columns = ", ".join(key)
    assert scalar(db, f"select count(*) from (select {columns} from {name} group by all having count(*) > 1)") == 0


# ---- integrity ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [n for n, t in TABLES.items() if "customer_id" in t.column_names and n != "customers"])
def test_every_customer_id_exists(db: duckdb.DuckDBPyConnection, name: str) -> None:
    assert scalar(db, f"select count(*) from {name} anti join customers using (customer_id)") == 0


@pytest.mark.parametrize(("child", "column", "parent"), [
    ("subscription_items", "plan_id", "plans"),
    ("payments", "invoice_id", "invoices"),
    ("usage_events", "user_id", "users"),
    ("survey_responses", "invitation_id", "survey_invitations"),
])
def test_foreign_keys_resolve(db: duckdb.DuckDBPyConnection, child: str, column: str, parent: str) -> None:
    assert scalar(db, f"select count(*) from {child} c where {column} is not null "
                      f"and not exists (select 1 from {parent} p where p.{column} = c.{column})") == 0


def test_rows_agree_with_their_parents(db: duckdb.DuckDBPyConnection) -> None:
    assert scalar(db, "select count(*) from usage_events e join users u using (user_id) "
                      "where e.customer_id <> u.customer_id or e.occurred_at < u.created_at "
                      "or e.occurred_at >= u.deactivated_at") == 0
    assert scalar(db, "select count(*) from payments p join invoices i using (invoice_id) "
                      "where p.customer_id <> i.customer_id or p.currency <> i.currency "
                      "or p.attempted_at < i.issued_at") == 0
    assert scalar(db, "select count(*) from subscription_cancellations c anti join "
                      "(select distinct subscription_id, customer_id from subscription_items) using "
                      "(subscription_id, customer_id)") == 0
    assert scalar(db, "select count(*) from survey_responses r join survey_invitations i using (invitation_id) "
                      "where r.customer_id <> i.customer_id or r.survey_type <> i.survey_type "
                      "or r.channel <> i.channel or r.responded_at < i.sent_at") == 0
    assert scalar(db, "select count(*) from survey_responses r where respondent_email is not null and not exists "
                      "(select 1 from users u where u.email = r.respondent_email "
                      "and u.customer_id = r.customer_id)") == 0


def test_every_currency_has_fx_rates_for_every_month(db: duckdb.DuckDBPyConnection) -> None:
    used = {row[0] for row in db.execute(
        "select currency from subscription_items union select currency from invoices union "
        "select currency from payments union select currency from marketing_spend union "
        "select currency from cs_costs").fetchall()}
    assert used == {"USD", "EUR", "GBP"}
    per_currency = dict(db.execute(
        "select currency, count(distinct rate_month) from fx_rates "
        f"where rate_month >= date '{START}' and rate_month < date '{END}' group by all").fetchall())
    assert per_currency == {currency: MONTHS for currency in used}
    assert scalar(db, "select count(*) from fx_rates where currency = 'USD' and rate_to_reporting <> 1") == 0
    assert scalar(db, "select count(*) from fx_rates where day(rate_month) <> 1") == 0
    eur = [row[0] for row in db.execute("select rate_to_reporting from fx_rates where currency = 'EUR' "
                                        "order by rate_month").fetchall()]
    assert 0.9 < float(min(eur)) < float(max(eur)) < 1.3


def test_value_ranges(db: duckdb.DuckDBPyConnection) -> None:
    checks = {
        "subscription_items": "valid_to <= valid_from or discount_percent < 0 or discount_percent > 100 "
                              "or quantity < 0 or unit_price_cents < 0",
        "subscription_cancellations": "effective_at < cancelled_at",
        "survey_responses": "score < scale_min or score > scale_max "
                            "or (survey_type = 'nps' and (scale_min, scale_max) <> (0, 10)) "
                            "or (survey_type = 'csat' and (scale_min <> 1 or scale_max not in (5, 10)))",
        "support_tickets": "first_response_at < created_at or resolved_at < first_response_at "
                           "or (resolved_at is not null and first_response_at is null) or agent_replies < 0 "
                           "or (resolved_at is not null and agent_replies < 1)",
        "usage_events": "loaded_at < occurred_at or loaded_at > occurred_at + interval 3 day",
        "users": "deactivated_at <= created_at",
        "invoices": "subtotal_cents < one_time_cents or one_time_cents < 0 or tax_cents < 0 or subtotal_cents <= 0",
        "payments": "(outcome = 'refunded') <> (amount_cents < 0) "
                    "or (outcome = 'failed') <> (failure_code is not null)",
        "success_outcomes": "(achieved_value is null) <> (measured_at is null) or target_value <= 0",
        "onboarding_milestones": "completed_at < target_date - interval 120 day",
    }
    for table, condition in checks.items():
        assert scalar(db, f"select count(*) from {table} where {condition}") == 0, table


def test_invoices_bill_the_items_in_force_when_issued(db: duckdb.DuckDBPyConnection) -> None:
    mismatches = scalar(db, """
        select count(*) from (
          select i.invoice_id, any_value(i.subtotal_cents - i.one_time_cents) as recurring,
                 sum(round(s.quantity * s.unit_price_cents * (100 - s.discount_percent) / 100)) as from_items
            from invoices i join subscription_items s on s.customer_id = i.customer_id
             and s.valid_from <= i.issued_at and (s.valid_to is null or s.valid_to > i.issued_at)
           group by i.invoice_id)
         where recurring <> from_items""")
    assert mismatches == 0


def test_subscription_item_histories_do_not_overlap(db: duckdb.DuckDBPyConnection) -> None:
    """Successive rows of one item slot never overlap: each change closes a row and opens the next."""
    assert scalar(db, """
        select count(*) from subscription_items a join subscription_items b
          on a.subscription_id = b.subscription_id and a.subscription_item_id < b.subscription_item_id
         and (a.plan_id like 'addon%') = (b.plan_id like 'addon%')
         and a.valid_from < coalesce(b.valid_to, timestamp '9999-01-01')
         and b.valid_from < coalesce(a.valid_to, timestamp '9999-01-01')
        left join subscription_cancellations c on c.subscription_id = a.subscription_id
       where c.subscription_id is null""") == 0


def test_nothing_is_dated_outside_the_simulation(db: duckdb.DuckDBPyConnection) -> None:
    for table, column in TIMESTAMP_COLUMNS:
        low, high = db.execute(f"select min({column}), max({column}) from {table}").fetchone()
        if low is not None:
            assert str(low) >= str(START) and str(high) < END, (table, column, low, high)
    for table, column in (("subscription_items", "valid_from"), ("usage_events", "occurred_at")):
        assert str(scalar(db, f"select max({column}) from {table}")) >= LAST_MONTH


def test_customers_arrive_every_month(db: duckdb.DuckDBPyConnection) -> None:
    assert scalar(db, "select count(distinct date_trunc('month', created_at)) from customers") == MONTHS
    assert scalar(db, "select count(*) from customers where customer_id not similar to 'cus_[0-9]{6}'") == 0
    assert scalar(db, "select count(distinct acquisition_channel) from customers") == 4
    assert scalar(db, "select count(*) from customers where acquisition_channel is null") > 0


# ---- realism -----------------------------------------------------------------------------------

REALISM = {
    "trial at price 0 from creation": """
        select count(*) from subscription_items s join customers c using (customer_id)
         where s.plan_id like 'trial%' and s.unit_price_cents = 0 and s.valid_from = c.created_at""",
    "trial never converted": """
        select count(*) from (select subscription_id from subscription_items group by all
                               having bool_and(plan_id like 'trial%'))""",
    "quarterly plan": """
        select count(*) from subscription_items join plans using (plan_id)
         where interval_unit = 'month' and interval_count = 3""",
    "annual plan": "select count(*) from subscription_items join plans using (plan_id) where interval_unit = 'year'",
    "seat based with several seats": """
        select count(*) from subscription_items join plans using (plan_id) where is_seat_based and quantity > 5""",
    "flat plan": """
        select count(*) from subscription_items join plans using (plan_id)
         where not is_seat_based and unit_price_cents > 0 and quantity = 1""",
    "add-on alongside base plan": """
        select count(*) from subscription_items a join subscription_items b using (subscription_id)
         where a.plan_id like 'addon%' and b.plan_id not like 'addon%' and b.plan_id not like 'trial%'
           and a.valid_from < coalesce(b.valid_to, timestamp '9999-01-01')
           and b.valid_from < coalesce(a.valid_to, timestamp '9999-01-01')""",
    "discount that ends": """
        select count(*) from subscription_items a join subscription_items b
          on a.subscription_id = b.subscription_id and b.valid_from = a.valid_to and a.plan_id = b.plan_id
         where a.discount_percent > 0 and b.discount_percent = 0""",
    "mid-month seat change": """
        select count(*) from subscription_items a join subscription_items b
          on a.subscription_id = b.subscription_id and b.valid_from = a.valid_to and a.plan_id = b.plan_id
         where a.quantity <> b.quantity and day(b.valid_from) <> day(a.valid_from)""",
    "tier change": """
        select count(*) from subscription_items a join subscription_items b
          on a.subscription_id = b.subscription_id and b.valid_from = a.valid_to
         join plans pa on pa.plan_id = a.plan_id join plans pb on pb.plan_id = b.plan_id
         where pa.product_tier <> pb.product_tier and a.plan_id not like 'trial%'""",
    "cancellation with reason": """
        select count(distinct reason) - 3 from subscription_cancellations where reason is not null""",
    "involuntary churn": """
        select count(*) from subscription_cancellations c join invoices i using (customer_id)
         where c.reason = 'payment_failed' and i.status = 'uncollectible'""",
    "item left open after cancellation": """
        select count(*) from subscription_items s join subscription_cancellations c using (subscription_id)
         where s.valid_to is null or s.valid_to > c.effective_at""",
    "reactivation on a new subscription": """
        select count(*) from subscription_cancellations c join subscription_items s
          on s.customer_id = c.customer_id and s.subscription_id <> c.subscription_id
         and s.valid_from > c.effective_at + interval 30 day""",
    "failed payment recovered later": """
        select count(*) from payments f join payments s using (invoice_id)
         where f.outcome = 'failed' and s.outcome = 'succeeded' and s.attempted_at > f.attempted_at""",
    "refund": "select count(*) from payments where outcome = 'refunded' and amount_cents < 0",
    "void invoice": "select count(*) from invoices where status = 'void'",
    "setup fee": "select count(*) from invoices where one_time_cents > 0",
    "tax": "select count(*) from invoices where tax_cents > 0",
    "late events": "select count(*) from usage_events where loaded_at > occurred_at + interval 1 day",
    "every feature": "select count(distinct feature) - 7 from usage_events",
    "deactivated users": "select count(*) from users where deactivated_at is not null",
    "milestone not done": "select count(*) from onboarding_milestones where completed_at is null",
    "milestone done late": "select count(*) from onboarding_milestones where completed_at::date > target_date",
    "no-show": "select count(*) from cs_activities where not attended",
    "every activity type": "select count(distinct activity_type) - 4 from cs_activities",
    "outcome not measured": "select count(*) from success_outcomes where achieved_value is null",
    "csat on 1-5 and 1-10": "select count(distinct scale_max) - 1 from survey_responses where survey_type = 'csat'",
    "ces": "select count(*) from survey_responses where survey_type = 'ces'",
    "response without invitation": "select count(*) from survey_responses where invitation_id is null",
    "comment": "select count(*) from survey_responses where comment is not null",
    "every channel": "select count(distinct channel) - 2 from survey_invitations",
    "open ticket": "select count(*) from support_tickets where resolved_at is null",
    "urgent ticket": "select count(*) from support_tickets where priority = 'urgent'",
    "first-contact resolution": "select count(*) from support_tickets where agent_replies = 1",
    "marketing spend in EUR": "select count(*) from marketing_spend where currency = 'EUR'",
}


@pytest.mark.parametrize("feature", list(REALISM))
def test_realism_feature_occurs(db: duckdb.DuckDBPyConnection, feature: str) -> None:
    assert scalar(db, REALISM[feature]) > 0


def test_late_events_are_about_two_percent(db: duckdb.DuckDBPyConnection) -> None:
    share = scalar(db, "select avg((loaded_at > occurred_at + interval 1 day)::int) from usage_events")
    assert 0.01 < share < 0.03


# ---- signals precede churn ---------------------------------------------------------------------

CHURN_MONTHS = """
    with churn as (
      select customer_id, min(date_trunc('month', effective_at)) as churn_month
        from subscription_cancellations where reason is distinct from 'payment_failed' group by all),
    retained as (select customer_id from customers anti join subscription_cancellations using (customer_id))
"""


def test_nps_is_lower_in_the_three_months_before_churn(db: duckdb.DuckDBPyConnection) -> None:
    before_churn, retained = db.execute(CHURN_MONTHS + """
        select
          (select avg(score) from survey_responses r join churn c using (customer_id)
            where r.survey_type = 'nps' and r.responded_at >= c.churn_month - interval 3 month
              and r.responded_at < c.churn_month),
          (select avg(score) from survey_responses r join retained using (customer_id) where r.survey_type = 'nps')
    """).fetchone()
    assert before_churn < retained - 1.0


def test_usage_is_lower_in_the_three_months_before_churn(db: duckdb.DuckDBPyConnection) -> None:
    per_user = """
        select customer_id, date_trunc('month', occurred_at) as month,
               count(*) / count(distinct user_id) as events_per_active_user,
               count(distinct feature) filter (where feature in ('dashboard_view', 'report_export', 'api_call',
                                                                 'integration_sync', 'automation_run')) as breadth
          from usage_events group by all"""
    churning, retained = db.execute(CHURN_MONTHS + f", usage as ({per_user})" + """
        select
          (select [avg(events_per_active_user), avg(breadth)] from usage u join churn c using (customer_id)
            where u.month >= c.churn_month - interval 3 month and u.month < c.churn_month),
          (select [avg(events_per_active_user), avg(breadth)] from usage join retained using (customer_id))
    """).fetchone()
    assert churning[0] < 0.8 * retained[0]
    assert churning[1] < retained[1] - 0.5


def test_key_feature_breadth_ranks_churn_within_three_months(db: duckdb.DuckDBPyConnection) -> None:
    """ROC AUC of one observable signal (distinct key features used in month t) for a cancellation
    taking effect in months t+1..t+3, over months in which the customer used the product."""
    rows = db.execute("""
        with breadth as (
          select customer_id, date_trunc('month', occurred_at) as month,
                 count(distinct feature) filter (where feature in ('dashboard_view', 'report_export', 'api_call',
                                                                   'integration_sync', 'automation_run')) as breadth
            from usage_events group by all)
        select b.breadth, exists (
                 select 1 from subscription_cancellations c where c.customer_id = b.customer_id
                    and c.effective_at >= b.month + interval 1 month and c.effective_at < b.month + interval 4 month)
          from breadth b where b.month < date '2025-10-01'  -- three full months of outcome
    """).fetchall()
    score = -np.array([row[0] for row in rows], dtype=float)
    churns = np.array([row[1] for row in rows])
    ranks = np.argsort(np.argsort(score + np.random.default_rng(0).random(score.size) * 1e-6)) + 1
    positives, negatives = churns.sum(), (~churns).sum()
    auc = (ranks[churns].sum() - positives * (positives + 1) / 2) / (positives * negatives)
    assert positives > 50
    assert auc > 0.68


# ---- signals precede contraction and expansion -------------------------------------------------

def test_usage_and_nps_precede_contraction_and_expansion(db: duckdb.DuckDBPyConnection) -> None:
    """Customer-months paying at month end m, by the change of list MRR (quantity x unit price per
    month, before discounts, so a discount ending is not an expansion) from m to m+3 among those
    still paying then: contraction, flat or expansion. Usage per active user and key-feature
    breadth in month m, and NPS answered in m-2..m, are lowest before a contraction and highest
    before an expansion."""
    signals = db.execute(f"""
        with months as (
          select unnest(generate_series(date '{START}', date '{LAST_MONTH}', interval 1 month))::date as month),
        list_mrr as (
          select i.customer_id, m.month,
                 sum(i.quantity * i.unit_price_cents
                     / (p.interval_count * case when p.interval_unit = 'year' then 12 else 1 end)) as list_mrr
            from subscription_items i join plans p using (plan_id) join months m
              on i.valid_from < m.month + interval 1 month
             and (i.valid_to is null or i.valid_to >= m.month + interval 1 month)
           group by all having list_mrr > 0),
        changes as (
          select now.customer_id, now.month,
                 case when later.list_mrr < now.list_mrr then 'contraction'
                      when later.list_mrr > now.list_mrr then 'expansion' else 'flat' end as change
            from list_mrr now join list_mrr later
              on later.customer_id = now.customer_id and later.month = now.month + interval 3 month),
        usage as (
          select customer_id, date_trunc('month', occurred_at)::date as month,
                 count(*) / count(distinct user_id) as events_per_active_user,
                 count(distinct feature) filter (where feature in ('dashboard_view', 'report_export', 'api_call',
                                                                   'integration_sync', 'automation_run')) as breadth
            from usage_events group by all),
        nps as (
          select c.customer_id, c.month, avg(r.score) as nps
            from changes c join survey_responses r
              on r.customer_id = c.customer_id and r.survey_type = 'nps'
             and r.responded_at >= c.month - interval 2 month and r.responded_at < c.month + interval 1 month
           group by all)
        select change, count(*), avg(coalesce(u.events_per_active_user, 0)), avg(coalesce(u.breadth, 0)),
               avg(n.nps), count(n.nps)
          from changes c left join usage u using (customer_id, month) left join nps n using (customer_id, month)
         group by change
    """).fetchall()
    by_change = {row[0]: row[1:] for row in signals}
    contraction, flat, expansion = by_change["contraction"], by_change["flat"], by_change["expansion"]
    assert contraction[0] > 40 and expansion[0] > 100 and contraction[4] > 20 and expansion[4] > 50
    events, breadth, nps = 1, 2, 3
    assert contraction[events] < 0.9 * expansion[events]
    assert contraction[breadth] < expansion[breadth] - 0.5
    assert contraction[nps] < expansion[nps] - 1.0
    assert contraction[nps] < flat[nps] < expansion[nps]
    assert flat[events] < expansion[events] and flat[breadth] < expansion[breadth]
