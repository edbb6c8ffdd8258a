"""Signal handlers that raise: where they may, and where they must wait.

An exception raised by a signal handler while a finaliser (``__del__``, run by the garbage
collector at any moment) is running is printed as "Exception ignored" and lost: the run
would go on as if never signalled. The handlers of ``cli`` (SIGTERM, SIGINT) and of the
workers (SIGTERM) ask :func:`deferred` first; inside a finaliser the signal is taken again a
moment later, by SIGALRM, which they also handle.
"""

from __future__ import annotations

import signal

#: how long a signal waits when it arrived inside a finaliser (seconds)
RETRY = 0.005


def deferred(frame) -> bool:
    """True (and SIGALRM set to come back in ``RETRY`` s) when ``frame`` or a caller of it
    is a finaliser."""
    at = frame
    while at is not None:
        if at.f_code.co_name == "__del__":
            signal.setitimer(signal.ITIMER_REAL, RETRY)
            return True
        at = at.f_back
    return False
