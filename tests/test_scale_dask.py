"""`--dask`: a cluster of one-thread worker processes on 127.0.0.1 analyses; the client writes the
same record as one process."""
from __future__ import annotations

import pytest

from sayso.batch import ingest_paths
from sayso.settings import Settings
from sayso.store import Store

pytestmark = pytest.mark.slow


def test_a_dask_cluster_stores_the_same_record(tmp_path, samples):
    from distributed import LocalCluster

    settings = Settings(batch_size=2)
    with Store(tmp_path / "serial.db") as store:
        serial = ingest_paths([samples], store, settings, workers=1, progress=False)
        expected = (store.quotes(limit=10000), store.stats(), store.speakers(limit=10000))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster:
        with Store(tmp_path / "dask.db") as store:
            summary = ingest_paths([samples], store, settings, dask=cluster.scheduler_address, progress=False)
            got = (store.quotes(limit=10000), store.stats(), store.speakers(limit=10000))
    assert summary == serial and summary.stored > 5 and summary.failed == 0
    assert got == expected


def test_an_unreachable_scheduler_is_a_clear_error(tmp_path, samples):
    from sayso.errors import SaysoError
    from sayso.scale.cluster import DaskAnalyzer

    with pytest.raises(SaysoError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        DaskAnalyzer(Settings(), "tcp://127.0.0.1:9")
