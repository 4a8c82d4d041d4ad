"""Analysis on a Dask distributed cluster; only this process (the client) writes.

Start the cluster with the standard commands, e.g. ``dask scheduler --host 127.0.0.1`` and
``dask worker tcp://127.0.0.1:8786 --nworkers 4 --nthreads 1`` on machines where sayso is
installed; then ``sayso ingest PATH --dask tcp://127.0.0.1:8786``. Each worker process loads the
model once (:func:`sayso.scale.work.pipeline_for` caches it); batches of articles go out as bytes
and compact results come back; Dask re-runs the batch of a worker that dies.
"""
from __future__ import annotations

import logging

from ..errors import SaysoError
from ..settings import Settings
from . import Distributed
from .work import analyze_payload

log = logging.getLogger(__name__)

CONNECT_TIMEOUT_S = 10


class DaskAnalyzer(Distributed):
    def __init__(self, settings: Settings, address: str):
        super().__init__(settings)
        try:
            from distributed import Client
        except ImportError:
            raise SaysoError("--dask needs the dask extra: pip install 'sayso[dask]' "
                             "(dask and distributed)") from None
        self.address = address
        try:
            self.client = Client(address, timeout=CONNECT_TIMEOUT_S, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as e:
            raise SaysoError(f"cannot reach the Dask scheduler at {address} ({type(e).__name__}: {e}); "
                             "start one with `dask scheduler` and workers with `dask worker ADDRESS`") from None
        threads = sum(self.client.nthreads().values())
        self.window = 2 * max(1, threads)
        log.info("Dask cluster at %s: %d worker threads", address, threads)

    def analyze_many(self, articles, *, on_error=None):
        # always on the cluster, however small the input: the user asked for it
        report = on_error or (lambda e: log.error("%s", e))
        from ..pipeline import article_batches
        return self._ordered(article_batches(articles, self.settings), report)

    def _submit(self, payload: bytes):
        return self.client.submit(analyze_payload, self.settings, payload, pure=False)

    def _result(self, future) -> bytes:
        try:
            return future.result()
        except SaysoError:
            raise
        except Exception as e:  # distributed: a batch that failed on every retry, a lost scheduler
            raise SaysoError(f"the Dask cluster at {self.address} failed a batch ({type(e).__name__}: {e}); "
                             "every article stored so far is complete; rerun to finish") from None

    def close(self) -> None:
        self.client.close()
