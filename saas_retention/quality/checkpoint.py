"""Run the suites with GX Core: pandas datasource -> dataframe asset -> batch
definition -> suite -> validation definition -> checkpoint (UpdateDataDocsAction).

One checkpoint per dataset, because a dataframe batch is handed to a
checkpoint run as its batch parameter; all of them update one data docs site
(`docs_dir`, HTML, index.html at its root). The context is ephemeral: the
suites are code (expectations.py), so nothing but the docs is written.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

import great_expectations as gx
import pandas as pd
from great_expectations.data_context.types.base import ProgressBarsConfig
from great_expectations.expectations import Expectation

DOCS_SITE = "saas_retention"


@dataclass(frozen=True)
class Dataset:
    """A dataframe to validate with its expectations; `layer` is `raw` or `marts`."""

    layer: str
    name: str
    frame: pd.DataFrame
    expectations: list[Expectation]


@dataclass(frozen=True)
class Outcome:
    """The result of one expectation on one dataset."""

    layer: str
    dataset: str
    expectation: str
    column: str | None
    success: bool
    unexpected_count: int | None


def validate(datasets: list[Dataset], docs_dir: Path) -> list[Outcome]:
    """Validate every dataset with a checkpoint that updates the data docs in `docs_dir`."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    for site_name in list(context.get_site_names()):  # the ephemeral context's default site lives in a temp dir
        context.delete_data_docs_site(site_name)
    context.add_data_docs_site(
        site_name=DOCS_SITE,
        site_config={
            "class_name": "SiteBuilder",
            # GX needs an absolute path for an ephemeral context (a relative one fails).
            "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir.resolve())},
            "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            # Validation results only: the suites are code (expectations.py), and rendering
            # their pages too doubles the time GX spends in data docs.
            "site_section_builders": {"expectations": "0", "profiling": "0"},
        },
    )
    sources = {}
    outcomes: list[Outcome] = []
    for dataset in datasets:
        if dataset.layer not in sources:
            sources[dataset.layer] = context.data_sources.add_pandas(dataset.layer)
        name = f"{dataset.layer}.{dataset.name}"
        batch = sources[dataset.layer].add_dataframe_asset(dataset.name).add_batch_definition_whole_dataframe(name)
        suite = context.suites.add(gx.ExpectationSuite(name=name, expectations=dataset.expectations))
        definition = context.validation_definitions.add(gx.ValidationDefinition(name=name, data=batch, suite=suite))
        checkpoint = context.checkpoints.add(
            gx.Checkpoint(
                name=name,
                validation_definitions=[definition],
                actions=[gx.checkpoint.UpdateDataDocsAction(name="update_data_docs", site_names=[DOCS_SITE])],
                result_format="SUMMARY",
            )
        )
        result = checkpoint.run(batch_parameters={"dataframe": dataset.frame})
        for validation in result.run_results.values():
            for expectation in validation.results:
                config = expectation.expectation_config
                outcomes.append(
                    Outcome(
                        layer=dataset.layer,
                        dataset=dataset.name,
                        expectation=config.type,
                        column=config.kwargs.get("column") or _columns(config.kwargs),
                        success=bool(expectation.success),
                        unexpected_count=(expectation.result or {}).get("unexpected_count"),
                    )
                )
    return outcomes


def _columns(kwargs: dict) -> str | None:
    names = kwargs.get("column_list") or [kwargs[key] for key in ("column_A", "column_B") if key in kwargs]
    return ", ".join(names) if names else None
