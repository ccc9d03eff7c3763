"""`flask matching reindex|eval|train` and `flask push run` (progress bars on stderr)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _
from tqdm import tqdm

from app.config import INSTANCE_DIR
from app.integrations import matching as integration
from app.mail import mail_enabled
from app.matches import runs

matching_cli = AppGroup("matching", help="Matcher index, evaluation and training.")
push_cli = AppGroup("push", help="Push newly published licences to matching enterprises.")


@matching_cli.command("reindex")
def reindex_command() -> None:
    """Rebuild the index from every published declaration (safe to rerun)."""
    total = len(integration.published_ids())
    with tqdm(total=total, desc=_("索引"), unit=_("项"), file=sys.stderr) as bar:
        count = integration.reindex(bar.update)
    where = integration.save() or _("内存（MATCHING_INDEX_DIR 未配置）")
    click.echo(_("已索引 %(count)d 项已公告的开放许可声明；保存于 %(where)s", count=count, where=where))


@matching_cli.command("eval")
@click.option("--corpus", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--queries", required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--k", default=10, show_default=True, type=click.IntRange(1, 1000))
@click.option("--no-ipc", is_flag=True, help="Drop the corpus IPC codes (text-only matching).")
@click.option("--channels", is_flag=True, help="Also report each channel alone.")
@click.option(
    "--cache", type=click.Path(file_okay=False), default=None, help="Cache folder (classifiers, baselines)."
)
def eval_command(corpus: str, queries: str, k: int, no_ipc: bool, channels: bool, cache: str | None) -> None:
    """Evaluate the matcher and the baselines (a thin wrapper over matching.eval)."""
    argv = ["--corpus", corpus, "--queries", queries, "--k", str(k)]
    argv += ["--no-ipc"] * no_ipc + ["--channels"] * channels + (["--cache", cache] if cache else [])
    model = current_app.config.get("MATCHING_MODEL_PATH")
    if model:
        argv += ["--model", model]
    code = integration.evaluate(argv)
    if code:
        raise click.exceptions.Exit(code)


@matching_cli.command("train")
@click.option("--out", type=click.Path(file_okay=False), default=None, help="Output model directory.")
@click.option("--epochs", default=4, show_default=True, type=click.IntRange(1, 100))
@click.option("--include-titles", is_flag=True, help="Also train on labelled dev titles.")
def train_command(out: str | None, epochs: int, include_titles: bool) -> None:
    """Train the encoder with "useful" feedback as extra pairs (a thin wrapper over matching.train)."""
    from app.matches.feedback import training_pairs

    target = Path(out or current_app.config.get("MATCHING_MODEL_PATH") or INSTANCE_DIR / "matching-model")
    pairs = training_pairs()
    click.echo(_("反馈训练对：%(count)d 条", count=len(pairs)), err=True)
    path = integration.train_encoder(target, pairs, epochs=epochs, include_titles=include_titles)
    click.echo(
        _(
            "模型已保存到 %(path)s；设置 MATCHING_MODEL_PATH=%(path)s 并运行 flask matching reindex 以启用。",
            path=path,
        )
    )


@push_cli.command("run")
@click.option(
    "--batch-size",
    default=None,
    type=click.IntRange(1, 1_000_000),
    help="Enterprises scored per chunk (one commit each). Default: 1000, more when few declarations "
    "are queued (2 million enterprise x declaration pairs a chunk).",
)
@click.option("--threshold", type=click.FloatRange(0, 1), default=None, help="Default: PUSH_THRESHOLD.")
def push_run_command(batch_size: int | None, threshold: float | None) -> None:
    """Push queued declarations into inboxes and send due e-mails; idempotent and resumable."""
    threshold = current_app.config["PUSH_THRESHOLD"] if threshold is None else threshold
    if not mail_enabled():
        click.echo(_("未配置 MAIL_SERVER：只写入站内信，不发送邮件。"), err=True)
    try:
        run, queued = runs.push_run(batch_size, threshold, progress=True)
    except runs.RunFailed as err:
        raise click.ClickException(
            _(
                "推送运行 #%(run)d 中断：%(error)s。进度已保存，再次运行 flask push run 即可继续。",
                run=err.run_id,
                error=err,
            )
        ) from err
    click.echo(
        _(
            "推送运行 #%(run)d（第 %(attempts)d 次尝试）完成：补入队列 %(queued)d 项，"
            "处理声明 %(declarations)d 项，新增站内推荐 %(notices)d 条，发送邮件 %(emails)d 封。",
            run=run.id,
            attempts=run.attempts,
            queued=queued,
            declarations=run.declarations,
            notices=run.notices,
            emails=run.emails,
        )
    )
