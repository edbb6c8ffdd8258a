"""Signal handlers that raise: where they may, and where they must wait.

The handlers of ``cli`` (SIGTERM, SIGINT) and of the workers (SIGTERM) raise, so that a run
unwinds and removes what it was writing. Two places must not be interrupted, and there the
handlers ask :func:`wait` first:

* while a fix's temporary file is made or removed (:func:`held`): raised there, the
  exception would leave the file behind. The signal is kept and raised when the hold ends.
  (Blocking the signal is not enough: a process with threads, as a pool's worker has, gets
  it on another thread, and Python still runs the handler in the main thread.)
* inside a finaliser (``__del__``, run by the garbage collector at any moment): an exception
  raised there is printed as "Exception ignored" and lost, and the run would go on. The
  signal is taken again a moment later, by SIGALRM, which the handlers also handle.
"""

from __future__ import annotations

import contextlib
import signal

#: how long a signal waits when it arrived inside a finaliser (seconds)
RETRY = 0.005

_holds = 0
_pending: tuple | None = None  # (handler, signal number) kept during a hold


def wait(handler, signum: int, frame) -> bool:
    """True when ``handler`` must not raise now: the signal is kept for the end of a hold,
    or taken again in ``RETRY`` s when ``frame`` (or a caller) is a finaliser."""
    global _pending
    if _holds:
        _pending = (handler, signum)
        return True
    at = frame
    while at is not None:
        if at.f_code.co_name == "__del__":
            signal.setitimer(signal.ITIMER_REAL, RETRY)
            return True
        at = at.f_back
    return False


@contextlib.contextmanager
def held():
    """No handler raises inside the block; a signal that came is raised when it ends."""
    global _holds, _pending
    _holds += 1
    try:
        yield
    finally:
        _holds -= 1
        if not _holds and _pending is not None:
            handler, signum = _pending
            _pending = None
            handler(signum, None)
