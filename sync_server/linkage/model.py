"""The Splink model: how two person records are compared, blocked, scored and clustered.

Runs in an in-memory DuckDB database (nothing spills to disk: see :func:`connection`).
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import duckdb
import pyarrow as pa
import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import DuckDBAPI, Linker, SettingsCreator, block_on
from splink.internals.blocking_rule_creator import BlockingRuleCreator

from sync_server.linkage.prepare import LinkRow

log = logging.getLogger(__name__)

#: Pairs at or above this probability are the same person (clustered together).
MATCH_THRESHOLD = 0.95
#: Pairs at or above this probability are kept for a team lead to review.
REVIEW_THRESHOLD = 0.80
#: Below this many records there are too few pairs to estimate the model from the data, so
#: the stored parameters (estimated on the evaluation set, docs/statistics.md) are used as they are.
MIN_RECORDS_TO_TRAIN = 2_000
#: Seed of Splink's random sampling, so a run on the same data gives the same answer.
SEED = 9

#: A phone number more records than this share (a switchboard, a placeholder, the drama
#: numbers demo data uses) says little about who is who: it still counts when two records are
#: compared, but does not by itself make them a pair to compare. Comparing every record that
#: shares one number with every other grows with the square of their number.
MAX_RECORDS_PER_PHONE_BLOCK = 20
#: The column the phone blocking rule joins on: the phone, or null when it is that common.
PHONE_BLOCK = "phone_block"

_ROW_SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        ("first_name", pa.string()),
        ("last_name", pa.string()),
        ("first_name_keys", pa.list_(pa.string())),
        ("name_pair", pa.string()),
        ("date_of_birth", pa.string()),
        ("ni_number", pa.string()),
        ("postcode", pa.string()),
        ("email", pa.string()),
        ("phone", pa.string()),
    ]
)


@dataclass(frozen=True, slots=True)
class ScoredPair:
    record_id_1: str
    record_id_2: str
    match_probability: float
    match_weight: float


@dataclass(frozen=True, slots=True)
class LinkResult:
    #: Every input record id -> its cluster id (the smallest record id of its cluster).
    clusters: dict[str, str]
    #: Pairs scored at or above REVIEW_THRESHOLD, record_id_1 < record_id_2.
    pairs: list[ScoredPair]


def _name_comparison() -> cl.CustomComparison:
    first, last = "first_name", "last_name"
    nickname = cll.ArrayIntersectLevel("first_name_keys", min_intersection=1)
    return cl.CustomComparison(
        output_column_name="name",
        comparison_description="first and last name",
        comparison_levels=[
            cll.Or(cll.NullLevel(first), cll.NullLevel(last)),
            cll.And(cll.ExactMatchLevel(first), cll.ExactMatchLevel(last)),
            cll.ColumnsReversedLevel(first, last),
            # The same two formal names in either order: swapped and a nickname at once.
            cll.ExactMatchLevel("name_pair"),
            cll.And(nickname, cll.ExactMatchLevel(last)),
            cll.And(
                cll.Or(cll.JaroWinklerLevel(first, 0.88), nickname),
                cll.JaroWinklerLevel(last, 0.88),
            ),
            cll.ExactMatchLevel(last),
            cll.Or(cll.ExactMatchLevel(first), nickname),
            cll.ElseLevel(),
        ],
    )


def _identifier_comparison(column: str, label: str) -> cl.CustomComparison:
    """Exact, one keying slip (a changed or swapped character), anything else."""
    return cl.CustomComparison(
        output_column_name=column,
        comparison_description=label,
        comparison_levels=[
            cll.NullLevel(column),
            cll.ExactMatchLevel(column),
            cll.DamerauLevenshteinLevel(column, 1),
            cll.ElseLevel(),
        ],
    )


BLOCKING_RULES: list[BlockingRuleCreator | dict[str, Any]] = [
    block_on("ni_number"),
    block_on("date_of_birth"),
    block_on("name_pair"),
    block_on("email"),
    block_on(PHONE_BLOCK),
    block_on("postcode", "substr(first_name, 1, 1)"),
    block_on("last_name", "substr(date_of_birth, 1, 4)"),
]


def settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        blocking_rules_to_generate_predictions=BLOCKING_RULES,
        comparisons=[
            _name_comparison(),
            cl.DateOfBirthComparison("date_of_birth", input_is_string=True),
            _identifier_comparison("ni_number", "NI number"),
            cl.PostcodeComparison("postcode"),
            cl.EmailComparison("email"),
            cl.ExactMatch("phone"),
        ],
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )


def connection() -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB database that may not write temporary files: personal data stays
    in RAM (a run too big for memory fails rather than spilling to disk)."""
    database = duckdb.connect(":memory:")
    database.execute("SET temp_directory = ''")
    database.execute("SET max_temp_directory_size = '0B'")
    return database


def train(linker: Linker) -> None:
    """Estimate the model from the linker's own records: no labels (works on any backend)."""
    training = linker.training
    training.estimate_probability_two_random_records_match(
        [block_on("ni_number"), block_on("first_name", "last_name", "date_of_birth")],
        recall=0.8,
    )
    training.estimate_u_using_random_sampling(max_pairs=3e5, seed=SEED)
    # Pairs sharing an NI number are (nearly) all the same person, and so are pairs sharing
    # both names and the birthday: neither session is swayed by twins or by a parent and
    # child of one name and address, who would teach the model that a different birthday
    # or first name costs little.
    training.estimate_parameters_using_expectation_maximisation(
        block_on("ni_number"), estimate_without_term_frequencies=True
    )
    training.estimate_parameters_using_expectation_maximisation(
        block_on("first_name", "last_name", "date_of_birth"),
        estimate_without_term_frequencies=True,
    )


STORED_MODEL = "stored_model.json"


def stored_model() -> dict[str, Any]:
    """The model trained on the evaluation set (``benchmarks/linkage.py --save-model``)."""
    text = resources.files("sync_server.linkage").joinpath(STORED_MODEL).read_text("utf-8")
    model: dict[str, Any] = json.loads(text)
    return model


def link_table(rows: Sequence[LinkRow]) -> pa.Table:
    """``rows`` as the Arrow table Splink reads, with the phone blocking column."""
    table = pa.Table.from_pylist(list(rows), schema=_ROW_SCHEMA)
    sharing = Counter(row["phone"] for row in rows)
    block = [
        phone if sharing[phone] <= MAX_RECORDS_PER_PHONE_BLOCK else None
        for phone in (row["phone"] for row in rows)
    ]
    return table.append_column(PHONE_BLOCK, pa.array(block, type=pa.string()))


def _linker(rows: Sequence[LinkRow], *, estimate: bool) -> Linker:
    # Splink reports its progress at INFO, and parameter warnings on small data: not for logs.
    logging.getLogger("splink").setLevel(logging.ERROR)
    data = DuckDBAPI(connection()).register(link_table(rows))
    if estimate:
        linker = Linker(data, settings(), log_level=logging.ERROR)
        try:
            train(linker)
            return linker
        except Exception as exc:  # any estimation failure has the same remedy
            # Data Splink cannot estimate from (say, no NI numbers at all to train on): the
            # stored model still links it. The type only: Splink's messages may quote values.
            log.warning(
                "linkage model not estimated; stored model used",
                extra={"error_type": type(exc).__name__},
            )
    return Linker(data, stored_model(), log_level=logging.ERROR)


def trained_model(rows: Sequence[LinkRow]) -> dict[str, Any]:
    """Estimate the model from ``rows`` (unlabelled) and return it as Splink's JSON."""
    linker = Linker(
        DuckDBAPI(connection()).register(link_table(rows)),
        settings(),
        log_level=logging.ERROR,
    )
    train(linker)
    model: dict[str, Any] = linker.misc.save_model_to_json()
    return model


def link(rows: Sequence[LinkRow]) -> LinkResult:
    """Cluster ``rows`` into people and list the probable duplicate pairs among them.

    With enough records the model is estimated from them (u by random sampling, m by
    expectation maximisation, no labels needed); with fewer the stored model is used."""
    if len(rows) < 2:
        return LinkResult({row["unique_id"]: row["unique_id"] for row in rows}, [])
    linker = _linker(rows, estimate=len(rows) >= MIN_RECORDS_TO_TRAIN)
    predictions = linker.inference.predict(threshold_match_probability=REVIEW_THRESHOLD)
    scored = predictions.as_pyarrow_table()  # type: ignore[no-untyped-call]
    pairs = [
        ScoredPair(first, second, float(probability), float(weight))
        for first, second, probability, weight in zip(
            scored.column("unique_id_l").to_pylist(),
            scored.column("unique_id_r").to_pylist(),
            scored.column("match_probability").to_pylist(),
            scored.column("match_weight").to_pylist(),
            strict=True,
        )
        for first, second in [sorted((str(first), str(second)))]
    ]
    return LinkResult(clusters([row["unique_id"] for row in rows], pairs), pairs)


def clusters(record_ids: Sequence[str], pairs: Sequence[ScoredPair]) -> dict[str, str]:
    """Every record id -> the smallest record id among those it is joined to, directly or
    through others, by pairs at or above MATCH_THRESHOLD: the connected components Splink's
    ``cluster_pairwise_predictions_at_threshold`` finds, without its rounds of SQL over every
    record (most records match nobody)."""
    parent: dict[str, str] = {}

    def root(record_id: str) -> str:
        top = record_id
        while (up := parent.get(top, top)) != top:
            top = up
        while record_id != top:  # path compression: later look-ups are one step
            parent[record_id], record_id = top, parent[record_id]
        return top

    for pair in pairs:
        if pair.match_probability >= MATCH_THRESHOLD:
            first, second = root(pair.record_id_1), root(pair.record_id_2)
            if first != second:  # the smaller id becomes the root: it names the cluster
                parent[max(first, second)] = min(first, second)
    return {record_id: root(record_id) for record_id in record_ids}
