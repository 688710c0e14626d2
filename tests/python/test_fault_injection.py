"""Fault injection: dirty raw data never crashes the build, is reported, and never leaks.

Every fault the data-quality rules know is injected into ONE copy of the demo
data, each on its own customer or row (recorded in FAULTS), next to faults the
pipeline must simply absorb (rows out of order, an event loaded late, an extra
column, an empty table). The copy is built once, the clean demo once, and:
- the build succeeds (data-quality tests only warn);
- each injected row is in data_quality_issues with the expected rule;
- every other customer's MRR is exactly what the clean build gives;
- the damaged customers are out of the marts and their MRR is in the
  reconciliation, which still adds up to the cent.
"""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from dbt_project_runner import PROJECT_DIR, DbtProject, write_raw_folder

DEMO = PROJECT_DIR / "data" / "demo"
SELECTION = "+data_quality_issues +revenue_reconciliation_monthly +customer_mrr_monthly"
BUILD = ("build", "--select", SELECTION, "--exclude", "test_type:unit", "--indirect-selection", "cautious")


@dataclass(frozen=True)
class Fault:
    """One injected fault: the row it damaged and the rule that must catch it."""

    name: str
    table: str
    rule: str
    record_id: str | None  # None: match on customer_id (tables without a primary key)
    customer_id: str | None
    leaves_revenue_marts: bool = True  # a damaged billing row takes its customer out of the revenue marts


class RawCopy:
    """A copy of the demo data edited table by table as CSV text (empty field = null)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.tables: dict[str, tuple[list[str], list[list[str]]]] = {}

    def rows(self, table: str) -> tuple[list[str], list[list[str]]]:
        if table not in self.tables:
            with (self.folder / f"{table}.csv").open(newline="") as file:
                header, *body = list(csv.reader(file))
            self.tables[table] = (header, body)
        return self.tables[table]

    def column(self, table: str, name: str) -> int:
        return self.rows(table)[0].index(name)

    def save(self) -> None:
        for table, (header, body) in self.tables.items():
            with (self.folder / f"{table}.csv").open("w", newline="") as file:
                writer = csv.writer(file, lineterminator="\n")
                writer.writerows([header, *body])


def _set(raw: RawCopy, table: str, row: list[str], **values: str) -> None:
    for name, value in values.items():
        row[raw.column(table, name)] = value


def inject_faults(raw: RawCopy) -> tuple[list[Fault], dict[str, str]]:
    """Damage the copy; returns the faults and the ids of rows that must NOT be reported."""
    _, items = raw.rows("subscription_items")
    item = {name: raw.column("subscription_items", name) for name in raw.rows("subscription_items")[0]}
    _, cancellations = raw.rows("subscription_cancellations")
    cancelled_customers = {row[raw.column("subscription_cancellations", "customer_id")] for row in cancellations}

    # One victim per revenue fault: customers with a paid item, without a cancellation (that one is
    # kept for the cancellation fault), each used once, first paid item row of each.
    first_paid_item: dict[str, list[str]] = {}
    for row in sorted(items, key=lambda r: (r[item["customer_id"]], r[item["valid_from"]])):
        if int(row[item["unit_price_cents"]]) > 0 and int(row[item["quantity"]]) > 0:
            first_paid_item.setdefault(row[item["customer_id"]], row)
    victims = iter(sorted(c for c in first_paid_item if c not in cancelled_customers))
    faults: list[Fault] = []

    def damage_item(name: str, rule: str, **values: str) -> None:
        customer = next(victims)
        row = first_paid_item[customer]
        _set(raw, "subscription_items", row, **values)
        faults.append(Fault(name, "subscription_items", rule, row[item["subscription_item_id"]], customer))

    customer = next(victims)
    row = first_paid_item[customer]
    row[item["valid_to"]] = row[item["valid_from"]]
    faults.append(Fault("item with valid_to not after valid_from", "subscription_items",
                        "invalid_validity_interval", row[item["subscription_item_id"]], customer))
    damage_item("negative quantity", "negative_quantity", quantity="-2")
    damage_item("negative price", "negative_price", unit_price_cents="-4900")
    damage_item("discount above 100", "discount_out_of_range", discount_percent="150.00")
    damage_item("currency without fx rate", "currency_without_fx_rate", currency="JPY")
    damage_item("unknown plan", "unknown_plan", plan_id="plan_that_does_not_exist")
    damage_item("timestamp that does not parse", "unparseable_value", valid_from="not-a-date")
    damage_item("number with text in it", "unparseable_value", quantity="12abc")

    customer = next(victims)
    duplicate = list(first_paid_item[customer])
    duplicate[item["quantity"]] = str(int(duplicate[item["quantity"]]) + 7)
    items.append(duplicate)
    faults.append(Fault("two different rows share a key", "subscription_items", "duplicate_key",
                        duplicate[item["subscription_item_id"]], customer))

    customer = next(victims)
    no_key = list(first_paid_item[customer])
    no_key[item["subscription_item_id"]] = ""
    items.append(no_key)
    faults.append(Fault("item without a key", "subscription_items", "null_key", "<null>", customer))

    orphan = list(first_paid_item[next(victims)])
    orphan[item["subscription_item_id"]] = "si_orphan"
    orphan[item["customer_id"]] = "cus_not_in_customers"
    items.append(orphan)
    faults.append(Fault("item of an unknown customer", "subscription_items", "orphan_customer",
                        "si_orphan", "cus_not_in_customers"))

    # An exact duplicate is reported once and counted once: its customer stays clean.
    customer = next(victims)
    items.append(list(first_paid_item[customer]))
    faults.append(Fault("exact duplicate row", "subscription_items", "exact_duplicate_row",
                        first_paid_item[customer][item["subscription_item_id"]], customer, leaves_revenue_marts=False))

    # The customers row of a victim twice, with different names.
    customer = next(victims)
    header, customers = raw.rows("customers")
    customer_row = next(row for row in customers if row[0] == customer)
    customers.append([*customer_row[:1], customer_row[1] + " (duplicate)", *customer_row[2:]])
    faults.append(Fault("two customers rows with one id", "customers", "duplicate_key", customer, customer))

    # A cancellation whose effective_at does not parse (table without a primary key).
    cancellation = cancellations[0]
    cancelled = cancellation[raw.column("subscription_cancellations", "customer_id")]
    _set(raw, "subscription_cancellations", cancellation, effective_at="soon")
    faults.append(Fault("cancellation date that does not parse", "subscription_cancellations",
                        "unparseable_value", None, cancelled))

    # Health-side tables: only need to be reported (their marts are another engineer's).
    _, responses = raw.rows("survey_responses")
    response = responses[0]
    scale_max = int(response[raw.column("survey_responses", "scale_max")])
    _set(raw, "survey_responses", response, score=str(scale_max + 5))
    faults.append(Fault("survey score above its scale", "survey_responses", "score_out_of_scale",
                        response[0], response[raw.column("survey_responses", "customer_id")], leaves_revenue_marts=False))

    _, tickets = raw.rows("support_tickets")
    ticket = next(row for row in tickets if row[raw.column("support_tickets", "first_response_at")])
    _set(raw, "support_tickets", ticket, first_response_at="2000-01-01 00:00:00")
    faults.append(Fault("ticket answered before it was created", "support_tickets",
                        "answered_or_resolved_before_created", ticket[0],
                        ticket[raw.column("support_tickets", "customer_id")], leaves_revenue_marts=False))

    _, events = raw.rows("usage_events")
    event = events[0]
    _set(raw, "usage_events", event, customer_id="")
    faults.append(Fault("event without a customer", "usage_events", "missing_customer", event[0], None,
                        leaves_revenue_marts=False))
    # Events are checked in one pass that keeps the suspect rows (macro data_quality_contract_suspects).
    copied = events[2]
    events.append(list(copied))
    faults.append(Fault("event delivered twice", "usage_events", "exact_duplicate_row", copied[0],
                        copied[raw.column("usage_events", "customer_id")], leaves_revenue_marts=False))
    unparseable = events[3]
    _set(raw, "usage_events", unparseable, occurred_at="last tuesday")
    faults.append(Fault("event time that does not parse", "usage_events", "unparseable_value", unparseable[0],
                        unparseable[raw.column("usage_events", "customer_id")], leaves_revenue_marts=False))
    # Its copy keeps the record (exact_duplicate_row), the bad time quarantines it: copies and all.
    events.append(list(unparseable))
    faults.append(Fault("quarantined event delivered twice", "usage_events", "exact_duplicate_row", unparseable[0],
                        unparseable[raw.column("usage_events", "customer_id")], leaves_revenue_marts=False))

    # Absorbed, never reported: an event loaded ten days late, rows out of order,
    # an extra column, an empty table.
    late = events[1]
    occurred_at = datetime.fromisoformat(late[raw.column("usage_events", "occurred_at")])
    _set(raw, "usage_events", late, loaded_at=str(occurred_at + timedelta(days=10)))
    random.Random(7).shuffle(items)
    random.Random(7).shuffle(events)
    items_header = raw.rows("subscription_items")[0]
    items_header.append("exported_by")
    for row in items:
        row.append("billing-export")
    success_header, _ = raw.rows("success_outcomes")
    raw.tables["success_outcomes"] = (success_header, [])
    return faults, {"usage_events": late[0]}


@pytest.fixture(scope="module")
def clean_build(tmp_path_factory):
    project = DbtProject(tmp_path_factory.mktemp("clean"), DEMO)
    result = project.run("run", "--select", "+revenue_reconciliation_monthly +customer_mrr_monthly")  # values only
    assert result.returncode == 0, result.stdout[-4000:]
    return project


@pytest.fixture(scope="module")
def faulty(tmp_path_factory):
    work_dir = tmp_path_factory.mktemp("faulty")
    raw = RawCopy(Path(shutil.copytree(DEMO, work_dir / "raw")))
    faults, absorbed = inject_faults(raw)
    raw.save()
    project = DbtProject(work_dir, raw.folder)
    result = project.run(*BUILD)
    return project, result, faults, absorbed


FAULT_NAMES = [
    "item with valid_to not after valid_from", "negative quantity", "negative price", "discount above 100",
    "currency without fx rate", "unknown plan", "timestamp that does not parse", "number with text in it",
    "two different rows share a key", "item without a key", "item of an unknown customer",
    "exact duplicate row", "two customers rows with one id", "cancellation date that does not parse",
    "survey score above its scale", "ticket answered before it was created", "event without a customer",
    "event delivered twice", "event time that does not parse", "quarantined event delivered twice",
]


def test_build_succeeds_with_warnings_only(faulty):
    _, result, faults, _ = faulty
    assert result.returncode == 0, result.stdout[-4000:]
    assert "WARN" in result.stdout and "data_quality_issues_of_warn_severity" in result.stdout
    assert sorted(fault.name for fault in faults) == sorted(FAULT_NAMES)


@pytest.mark.parametrize("fault_name", FAULT_NAMES)
def test_each_injected_row_is_reported_with_its_rule(faulty, fault_name):
    project, _, faults, _ = faulty
    fault = next(fault for fault in faults if fault.name == fault_name)
    if fault.record_id is not None:
        match, value = "record_id = ?", fault.record_id
    else:
        match, value = "customer_id = ?", fault.customer_id
    rows = project.query(
        f"select is_quarantined, severity, detail from marts.data_quality_issues "
        f"where source_table = ? and rule = ? and {match}",
        [fault.table, fault.rule, value],
    )
    assert len(rows) == 1, f"{fault}: {rows}"
    is_quarantined, severity, detail = rows[0]
    assert is_quarantined == (fault.rule != "exact_duplicate_row")
    assert severity == "warn" and detail


def test_nothing_else_is_reported(faulty):
    project, _, faults, absorbed = faulty
    expected = {(fault.table, fault.rule) for fault in faults}
    reported = set(project.query("select distinct source_table, rule from marts.data_quality_issues"))
    # Health-side faults may also break a second rule; revenue ones exactly the expected one.
    assert {pair for pair in reported if pair[0] in ("subscription_items", "customers")} == {
        pair for pair in expected if pair[0] in ("subscription_items", "customers")
    }
    assert project.query(
        "select count(*) from marts.data_quality_issues where source_table = 'usage_events' and record_id = ?",
        [absorbed["usage_events"]],
    ) == [(0,)]
    assert project.query(
        "select count(*) from marts.data_quality_issues where source_table = 'success_outcomes'"
    ) == [(0,)]


def test_validated_events_hold_a_copied_event_once_and_no_quarantined_one(faulty):
    project, _, faults, _ = faulty
    events = [fault for fault in faults if fault.table == "usage_events"]
    quarantined = {fault.record_id for fault in events if fault.rule != "exact_duplicate_row"}
    copied = {fault.record_id for fault in events} - quarantined
    assert len(quarantined) == 2 and len(copied) == 1
    counts = dict(project.query(
        "select event_id, count(*) from intermediate.int_usage_events_validated "
        "where event_id in (select unnest(?)) group by event_id", [sorted(quarantined | copied)]
    ))
    assert counts == dict.fromkeys(copied, 1)


def test_a_late_event_is_kept(faulty):
    project, _, _, absorbed = faulty
    assert project.query(
        "select count(*) from intermediate.int_usage_events_validated where event_id = ?", [absorbed["usage_events"]]
    ) == [(1,)]


def _mrr_by_customer(project: DbtProject, exclude: set[str]) -> list[tuple]:
    rows = project.query(
        "select customer_id, month, round(mrr, 6), movement from marts.customer_mrr_monthly order by all"
    )
    return [row for row in rows if row[0] not in exclude]


def test_clean_customers_mrr_is_unchanged(clean_build, faulty):
    project, _, faults, _ = faulty
    damaged = {fault.customer_id for fault in faults if fault.leaves_revenue_marts}
    clean = _mrr_by_customer(clean_build, damaged)
    assert len(clean) > 3000
    assert _mrr_by_customer(project, damaged) == clean


def test_damaged_customers_leave_the_revenue_marts_whole(faulty):
    project, _, faults, _ = faulty
    in_marts = {row[0] for row in project.query("select distinct customer_id from marts.customer_mrr_monthly")}
    assert not {fault.customer_id for fault in faults if fault.leaves_revenue_marts} & in_marts
    exact_duplicate = next(fault for fault in faults if fault.rule == "exact_duplicate_row")
    assert exact_duplicate.customer_id in in_marts


def test_reconciliation_holds_and_shows_the_quarantined_mrr(clean_build, faulty):
    project, _, faults, _ = faulty
    reconciliation = project.query(
        "select month, raw_mrr, mrr_in_marts, quarantined_mrr, unreconciled_mrr, quarantine_rules "
        "from marts.revenue_reconciliation_monthly order by month"
    )
    assert max(abs(row[4]) for row in reconciliation) < 0.005
    # What left the marts is exactly the damaged customers' MRR of the clean build.
    damaged = tuple(sorted({f.customer_id for f in faults if f.leaves_revenue_marts and f.customer_id}))
    clean = dict(clean_build.query("select month, mrr_in_marts from marts.revenue_reconciliation_monthly"))
    damaged_mrr = dict(clean_build.query(
        f"select month, sum(mrr) from marts.customer_mrr_monthly where customer_id in {damaged} group by month"
    ))
    for month, _, mrr_in_marts, _, _, _ in reconciliation:
        assert mrr_in_marts == pytest.approx(clean[month] - damaged_mrr.get(month, 0), abs=1e-6), month
    assert sum(row[3] for row in reconciliation) > 0
    rules = " ".join(row[5] for row in reconciliation if row[5])
    counted = {row[0] for row in project.query(
        "select distinct customer_id from intermediate.int_subscription_item_mrr_monthly_raw"
    )}
    for fault in faults:
        # A customer whose only item was damaged into counting in no month has no MRR left to show.
        if fault.leaves_revenue_marts and fault.customer_id in counted:
            assert f"{fault.table}.{fault.rule}" in rules, fault


def test_no_customers_at_all_stops_the_build_with_a_clear_message(tmp_path):
    project = DbtProject(tmp_path, write_raw_folder(tmp_path / "raw", {}))
    result = project.run("build", "--select", "stg_billing__customers")
    assert result.returncode != 0
    assert "raw_customers_table_is_not_empty" in result.stdout
