"""Load an l2sim results file into xarray / pandas.

The file is netCDF4-compatible HDF5: one 1-D column per parameter and outcome on the `run`
dimension. A file whose writer was killed is still readable: it is opened in SWMR mode, which is
what the HDF5 library requires until `l2sim resume` completes the file.
"""
import h5netcdf
import h5py
import xarray as xr


def load_dataset(path):
    """Return the results as an xarray Dataset (columns on the `run` dimension)."""
    # Columns keep their physical units as numbers: no CF time decoding (a `days` unit would
    # otherwise become timedelta64).
    options = {"decode_times": False, "decode_timedelta": False}
    try:
        return xr.open_dataset(path, engine="h5netcdf", **options)
    except OSError:
        # A killed SWMR writer leaves the file flagged as open for writing.
        return xr.open_dataset(xr.backends.H5NetCDFStore(h5netcdf.File(path, "r", swmr=True)), **options)


def load(path):
    """Open an l2sim results file as an xarray Dataset: one variable per swept parameter and
    outcome on the `run` dimension (units in `attrs["units"]` where recorded), text parameters
    decoded from their CF flag codes to strings, and the provenance (scenario text, effective
    parameters, l2sim version and commit, seed) in `Dataset.attrs`. Fixed (not swept)
    parameters: `fixed_parameters(ds)`.

    >>> ds = load("results/design_liquid.h5")            # doctest: +SKIP
    >>> ds["peg__functionary11__success"].mean()         # doctest: +SKIP
    """
    ds = load_dataset(path)
    for name, var in list(ds.data_vars.items()):
        meanings = var.attrs.get("flag_meanings")
        if meanings is not None:
            words = str(meanings).split(" ")
            codes = var.values.astype(int)
            decoded = xr.DataArray([words[c] for c in codes], dims=var.dims, name=name)
            ds[name] = decoded.assign_attrs({k: v for k, v in var.attrs.items()
                                             if k not in ("flag_values", "flag_meanings")})
    return ds


def fixed_parameters(dataset):
    """Every effective parameter of the run (defaults included), dotted key -> value, from the
    provenance attribute: the values of keys that were not swept and so have no column."""
    return flatten_toml(str(dataset.attrs.get("effective_parameters", "")))


def flatten_toml(text):
    """Dotted key -> value of a TOML text (nested tables become dotted prefixes)."""
    import tomllib
    out = {}

    def walk(prefix, node):
        for k, v in node.items():
            if isinstance(v, dict):
                walk(f"{prefix}{k}.", v)
            else:
                out[prefix + k] = v
    walk("", tomllib.loads(text))
    return out


def load_frame(path, only_ok=True, with_fixed=True):
    """Return the results as a pandas DataFrame, one row per run (status ok only by default).
    Text parameters stored as codes (CF flag_values / flag_meanings) come back as strings."""
    ds = load_dataset(path)
    frame = ds.to_dataframe().reset_index()
    for name, var in ds.data_vars.items():
        meanings = var.attrs.get("flag_meanings")
        if meanings is not None:
            words = str(meanings).split(" ")
            frame[name] = [words[int(c)] for c in frame[name]]
    if with_fixed:  # parameters that were not swept become constant columns (added at once)
        fixed = {key.replace(".", "__"): value for key, value in fixed_parameters(ds).items()
                 if not isinstance(value, list)}
        fixed = {k: v for k, v in fixed.items() if k not in frame}
        if fixed:
            import pandas as pd
            frame = pd.concat([frame, pd.DataFrame(fixed, index=frame.index)], axis=1)
    return frame[frame["status"] == 1] if only_ok else frame


def swept_keys(path):
    """The swept parameters' column names (dotted keys with `__`)."""
    with h5py.File(path, "r", swmr=True) as f:
        keys = f.attrs.get("swept_keys", "")
    return [k.replace(".", "__") for k in keys.split("\n") if k]
