"""N local worker processes (``spawn``: each starts clean and loads the model once)."""
from __future__ import annotations

import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from ..errors import SaysoError
from ..settings import Settings
from . import Distributed
from .work import analyze_payload, init_local_worker

log = logging.getLogger(__name__)


class WorkerDied(SaysoError):
    """A worker process ended abruptly (killed, or out of memory)."""


def _died() -> WorkerDied:
    return WorkerDied("a worker process ended abruptly (killed, or out of memory); every article "
                      "stored so far is complete; run the same command again to finish")


class LocalAnalyzer(Distributed):
    def __init__(self, settings: Settings, workers: int):
        super().__init__(settings)
        self.workers = workers
        self.window = 2 * workers
        self._pool: ProcessPoolExecutor | None = None

    def _submit(self, payload: bytes):
        if self._pool is None:
            log.info("starting %d worker processes", self.workers)
            self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                             initializer=init_local_worker, initargs=(os.getpid(),))
        try:
            return self._pool.submit(analyze_payload, self.settings, payload)
        except BrokenProcessPool:  # a worker died before this batch could be sent
            raise _died() from None

    def _result(self, future) -> bytes:
        try:
            return future.result()
        except BrokenProcessPool:
            raise _died() from None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
