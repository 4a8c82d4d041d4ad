"""What a worker process runs: analyse one batch of articles with a pipeline cached per process.

The same function serves local worker processes and Dask workers. Articles travel in and compact
results travel back as pickled bytes (no spaCy ``Doc`` ever crosses a process boundary): per
article, either its attributions or the reason its analysis failed.
"""
from __future__ import annotations

import logging
import os
import pickle
import threading
import time

log = logging.getLogger(__name__)

_pipelines: dict = {}
_lock = threading.Lock()  # a Dask worker with several threads shares one pipeline


def pipeline_for(settings):
    """This process's pipeline for ``settings``, loaded on first use (the model loads once per process)."""
    from ..pipeline import Pipeline

    key = (settings.spacy_model, settings.batch_size, settings.chunk_chars)
    if key not in _pipelines:
        _pipelines[key] = Pipeline(settings)
    return _pipelines[key]


def analyze_payload(settings, payload: bytes) -> bytes:
    """``pickle([Article])`` -> ``pickle([(attributions | None, error reason | None)])``, in order."""
    from ..errors import InputError

    articles = pickle.loads(payload)
    out: dict[int, tuple] = {}
    errors: list[InputError] = []
    with _lock:
        pipe = pipeline_for(settings)
        for analyzed in pipe.analyze_many(articles, on_error=errors.append):
            out[id(analyzed.article)] = (analyzed.attributions, None)
    failed = iter(errors)
    results = []
    for article in articles:
        if id(article) in out:
            results.append(out[id(article)])
        else:
            err = next(failed, None)
            results.append((None, err.reason if err else "analysis failed"))
    return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def init_local_worker(parent_pid: int) -> None:
    """Set up a local worker process: Ctrl-C is the parent's to handle, one BLAS thread per
    process (the processes are the parallelism), and exit when the parent dies."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True).start()


def _exit_with_parent(parent_pid: int) -> None:
    while os.getppid() == parent_pid:
        time.sleep(0.5)
    os._exit(1)  # the parent is gone: nobody will store what this process analyses
