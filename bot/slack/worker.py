"""Work done after Slack has been acknowledged, in order per person.

Slack wants an acknowledgement within 3 seconds, so listeners acknowledge first and
hand the real work (store the answer, choose the next question, build a spec) to this
pool. Jobs with the same key (a Slack user, a project channel) run one after another
in arrival order, so two quick answers from one person cannot overtake each other;
jobs with different keys run in parallel. A failing job is logged and reported through
its `on_error` callback; it never takes a worker or the process down.
"""
from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger(__name__)

Job = Callable[[], None]


class KeyedWorker:
    def __init__(self, max_workers: int = 8, name: str = "reqbot-work") -> None:
        self._pool = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix=name)
        self._queues: dict[str, deque[tuple[Job, Callable[[], None] | None]]] = {}
        self._lock = threading.Lock()
        self._idle = threading.Condition(self._lock)

    def submit(self, key: str, job: Job, on_error: Callable[[], None] | None = None) -> None:
        with self._lock:
            queue = self._queues.get(key)
            if queue is not None:            # a drainer is already running for this key
                queue.append((job, on_error))
                return
            self._queues[key] = deque([(job, on_error)])
        self._pool.submit(self._drain, key)

    def _drain(self, key: str) -> None:
        while True:
            with self._lock:
                queue = self._queues[key]
                if not queue:
                    del self._queues[key]
                    self._idle.notify_all()
                    return
                job, on_error = queue.popleft()
            try:
                job()
            except Exception:
                log.exception("background job for %s failed", key)
                if on_error is not None:
                    try:
                        on_error()
                    except Exception:
                        log.exception("reporting the failure for %s failed too", key)

    def wait_idle(self, timeout: float | None = None) -> bool:
        """True once no job is queued or running (used by tests and a clean shutdown)."""
        with self._idle:
            return self._idle.wait_for(lambda: not self._queues, timeout)

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
