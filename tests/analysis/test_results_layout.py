"""The results layout is readable by xarray and h5py with no project code (issue: HDF5 results)."""
import h5py
import numpy as np
import xarray as xr


def test_xarray_opens_results_with_run_dimension(phold_sweep_file):
    ds = xr.open_dataset(phold_sweep_file, engine="h5netcdf")
    assert ds.sizes["run"] == 15
    for column in ("point", "rep", "seed", "status", "phold__lps", "phold__events_per_lp", "events_committed"):
        assert ds[column].dims == ("run",)
    assert (ds["status"] == 1).all()
    assert ds["events_committed"].attrs["units"] == "events"
    assert "long_name" in ds["phold__lps"].attrs
    assert ds.attrs["complete"] == 1


def test_h5py_reads_columns_and_provenance(phold_sweep_file):
    with h5py.File(phold_sweep_file, "r") as f:
        assert np.array_equal(f["run"][:], np.arange(15))
        for key in ("l2sim_version", "git_commit", "scenario_text", "effective_parameters", "master_seed",
                    "threads", "created_utc", "wall_s", "plan_hash"):
            assert key in f.attrs, key
        assert f.attrs["master_seed"] == 7
        assert "phold.end_time_s = 50.0" in f.attrs["effective_parameters"]


def test_event_log_is_one_long_table(phold_sweep_file):
    ev = xr.open_dataset(phold_sweep_file, engine="h5netcdf", group="events")
    assert ev.sizes["event"] == 15 * 3
    assert set(ev.data_vars) >= {"run_index", "time_s", "lp"}
    runs = ev["run_index"].values
    assert (np.diff(runs) >= 0).all() and set(runs) == set(range(15))
