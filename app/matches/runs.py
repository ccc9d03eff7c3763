"""A whole push run and e-mail delivery, shared by `flask push run` and the Celery tasks (app/worker/).

Every function commits as it goes (a crash loses nothing already done) and is safe to run again.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from email.message import EmailMessage
from functools import partial

from flask_babel import gettext as _
from tqdm import tqdm

from app.extensions import db
from app.integrations import matching as integration
from app.mail import is_permanent, mail_enabled, send
from app.matches import batch, delivery, mail, push
from app.matches.models import MatchNotice, PushRun, PushRunStatus


class RunFailed(Exception):
    """A push run stopped part way; its progress is saved and the next run resumes it."""

    def __init__(self, run_id: int, cause: BaseException) -> None:
        super().__init__(str(cause))
        self.run_id = run_id


def push_run(batch_size: int | None, threshold: float, progress: bool = False) -> tuple[PushRun, int]:
    """Push queued declarations into inboxes and send due e-mails; returns the run and how many were queued.

    A failure marks the run failed (the next run resumes it) and is raised as RunFailed.
    """
    run = push.start_run()
    queued = push.enqueue_missing()
    db.session.commit()
    run_id = run.id
    try:
        push_pending(run, batch_size, threshold, progress)
        if mail_enabled():
            deliver(run, delivery.immediate_due(), delivery.digests_due(), progress)
    except Exception as err:
        fail_run(run_id, err)
        raise RunFailed(run_id, err) from err
    push.finish_run(run)
    db.session.commit()
    integration.save_if_changed()  # declarations the run synced into the index: not encoded again at load
    return run, queued


def fail_run(run_id: int, err: BaseException) -> None:
    """Roll back and record the error on the run, so the next run resumes it."""
    db.session.rollback()
    failed = db.session.get(PushRun, run_id)
    assert failed is not None
    push.finish_run(failed, error=f"{type(err).__name__}: {err}")
    db.session.commit()


def push_pending(run: PushRun, chunk: int | None, threshold: float, progress: bool = False) -> None:
    """Push every pending declaration to all enterprises (the batch path); one commit per `chunk` of them
    (None: from the number of declarations, app.matches.batch.chunk_for)."""
    m = integration.get_matcher()
    with tqdm(desc=_("推送"), unit=_("家企业"), file=sys.stderr, disable=not progress) as bar:
        for enterprises, _written in batch.push_batch(m, run, threshold, chunk=chunk):
            db.session.commit()  # per chunk of enterprises: a crash after this loses nothing already pushed
            bar.update(enterprises)
    db.session.commit()


def deliver(
    run: PushRun, notices: list[MatchNotice], digests: list[delivery.Digest], progress: bool = False
) -> None:
    """E-mail these notices one by one and these digests, one commit per message (never resent)."""
    total = len(notices) + len(digests)
    with tqdm(total=total, desc=_("邮件"), unit=_("封"), file=sys.stderr, disable=not progress) as bar:
        for notice in notices:
            if _deliver(partial(mail.notice_message, notice), [notice]):
                delivery.mark_sent([notice], run)
            db.session.commit()  # one commit per message: a resumed run never resends it
            bar.update()
        for digest in digests:
            build = partial(mail.digest_message, digest.user.email, digest.frequency, digest.notices)
            if _deliver(build, digest.notices):
                delivery.mark_digest_sent(digest, run)
            db.session.commit()
            bar.update()


def _deliver(build: Callable[[], EmailMessage], notices: list[MatchNotice]) -> bool:
    """Send one message; a permanent failure marks its notices failed (False), a temporary one raises."""
    try:
        send(build())
    except Exception as err:
        if not is_permanent(err):
            raise  # server down or 4xx: the run fails and the next run resumes here
        delivery.mark_failed(notices, f"{type(err).__name__}: {err}")
        return False
    return True


def send_due_mail(digests: bool) -> PushRun | None:
    """E-mail due notices (and due digests if asked) in a run of their own; None without MAIL_SERVER."""
    if not mail_enabled():
        return None
    run = PushRun(status=PushRunStatus.RUNNING)
    db.session.add(run)
    db.session.commit()
    try:
        deliver(run, delivery.immediate_due(), delivery.digests_due() if digests else [])
    except Exception as err:
        fail_run(run.id, err)
        raise RunFailed(run.id, err) from err
    push.finish_run(run)
    db.session.commit()
    return run
