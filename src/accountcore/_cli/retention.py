"""`accountcore retention`: the risks, and the model that learns from the book."""

from __future__ import annotations

from typing import Any

import click

from .names import with_names
from .options import COUNT, SCORE, format_option, get_app
from .render import render_list, render_one

COLUMNS = ("customer", "customer_name", "manager", "score", "why")
FEATURE_COLUMNS = ("name", "weight", "text")


@click.group()
def retention() -> None:
    """Retention early warning: customers about to leave, and why."""


def _row(data: dict[str, Any], fmt: str) -> dict[str, Any]:
    # A table gives the reasons as one readable column; json and csv keep their structure.
    if fmt == "table":
        data["why"] = "\n".join(f"- {reason['text']}" for reason in data["reasons"])
    return data


@retention.command("risks")
@click.option(
    "--min-score",
    type=SCORE,
    default=0.0,
    show_default=True,
    help="Only customers scoring this or more (0 to 1).",
)
@click.option("--manager", metavar="ID", help="Only this manager's customers (within your scope).")
@click.option("--limit", type=COUNT, help="Only the N most at risk.")
@click.option(
    "--fresh",
    is_flag=True,
    help="Score the customers now, even when today's `care run` has stored their scores.",
)
@format_option
def risks(min_score: float, manager: str | None, limit: int | None, fresh: bool, fmt: str) -> None:
    """List the customers most at risk of leaving, highest score first, with the reasons.

    Scored by the trained model when there is one (`retention train`), else by
    the plugins' rule weights. Once today's `care run` has run over the whole
    book, the scores it stored are read (as the book was then), unless --fresh.
    """
    from .._services.retention import rank_risks

    app = get_app()
    ranked = rank_risks(app, min_score=min_score, manager=manager, limit=limit, fresh=fresh)
    records = with_names(app, (_row(app.converter.unstructure(s), fmt) for s in ranked))
    render_list(records, fmt, COLUMNS)


def _model_summary(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if key != "features"}


def _show_model(app: Any, model: Any, fmt: str) -> None:
    data = app.converter.unstructure(model)
    if fmt == "json":
        render_one(data, fmt)
        return
    render_one(_model_summary(data), fmt)
    click.echo("")
    features = sorted(data["features"], key=lambda f: -abs(f["weight"]))
    rows = [{**f, "weight": f"{f['weight']:+.3f}"} for f in features]
    render_list(rows, fmt, FEATURE_COLUMNS)


@retention.command("train")
@format_option
def train(fmt: str) -> None:
    """Learn who leaves from the book's churned and active customers; use the model from now on.

    Prints the customers used, the leavers, the held-out (cross-validated) AUC
    and each feature's weight per standard deviation.
    """
    from .._services.retention_model import train_model

    app = get_app()
    model = train_model(app)
    if fmt == "table":
        click.echo(
            f"trained model v{model.version} on {model.customers} customers"
            f" ({model.leavers} leavers): held-out AUC {model.auc:.3f}"
            f" ({model.folds}-fold cross-validation)"
        )
    _show_model(app, model, fmt)


@retention.command("evaluate")
@format_option
def evaluate(fmt: str) -> None:
    """How a model trained on the book ranks held-out customers: AUC, precision, calibration."""
    from .._services.retention_model import evaluate_model

    app = get_app()
    data = app.converter.unstructure(evaluate_model(app))
    if fmt == "table":
        data["calibration"] = "; ".join(
            f"{score:.2f} predicted, {rate:.2f} left ({n})"
            for score, rate, n in data["calibration"]
        )
    render_one(data, fmt)


@retention.group("model")
def model() -> None:
    """The retention model in use: show it, or drop it to go back to the rules."""


@model.command("show")
@format_option
def show(fmt: str) -> None:
    """The model in use: when trained, on what, its held-out AUC and its weights."""
    from .._services.retention_model import current_model

    app = get_app()
    found = current_model(app)
    if found is None:
        click.echo("no retention model is trained: the plugins' rule weights rank the risks")
        return
    _show_model(app, found, fmt)


@model.command("drop")
def drop() -> None:
    """Stop using the trained model: the plugins' rule weights rank the risks again."""
    from .._services.retention_model import drop_model

    dropped = drop_model(get_app())
    click.echo(
        "model dropped: the rules rank the risks again" if dropped else "no model was in use"
    )
