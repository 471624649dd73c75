"""Real Layer2 systems as data (`systems/*.toml`): their parameters, the value they hold, a public
risk rating, each figure with its source URL, the date it was read and whether a primary source
confirmed it; and which modelled designs (labels of the estimator's `design` column) stand for
them. `load_systems` validates every file and raises SystemsError naming file, line, column and
key; `systems/README.md` documents the keys."""
import pathlib
import re
import tomllib
from dataclasses import dataclass, field

ROOT = pathlib.Path(__file__).resolve().parents[2]
SOURCE_KEYS = ("source", "read", "confirmed")
UNITS = ("all", "channel")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class SystemsError(ValueError):
    """Bad systems input; the message names file, line, column and key."""


@dataclass(frozen=True)
class Sourced:
    """One figure with where it came from."""
    value: object
    source: str
    read: str
    confirmed: bool
    note: str = ""
    unit: str = ""


@dataclass(frozen=True)
class System:
    key: str
    name: str
    kind: str
    scenario: str
    designs: tuple
    attack_unit: str
    parameters: dict
    held_btc: float | None
    held_usd: float | None
    per_unit_btc: float | None
    value: Sourced
    ratings: dict = field(default_factory=dict)
    path: str = ""

    def held_usd_at(self, btc_usd):
        """USD held: the source's USD figure, else BTC x the given price (None when neither)."""
        if self.held_usd is not None:
            return self.held_usd
        return None if self.held_btc is None else self.held_btc * btc_usd

    def at_risk_usd(self, btc_usd):
        """What one successful attack captures: one channel, or everything held."""
        if self.attack_unit == "channel":
            return None if self.per_unit_btc is None else self.per_unit_btc * btc_usd
        return self.held_usd_at(btc_usd)


def _locate(text, table, key):
    """(line, column) of `key` inside `[table]` (of the table header when key is None)."""
    lines = text.splitlines()
    start = 0
    if table:
        header = re.compile(rf"^\s*\[\s*{re.escape(table)}\s*\]")
        start = next((i for i, l in enumerate(lines) if header.match(l)), None)
        if start is None:
            return 1, 1
        if key is None:
            return start + 1, 1
        start += 1
    pattern = re.compile(rf"^(\s*){re.escape(key)}\s*=")
    for i in range(start, len(lines)):
        if i > start and table and lines[i].lstrip().startswith("["):
            break
        m = pattern.match(lines[i])
        if m:
            return i + 1, len(m.group(1)) + 1
    return (start or 1), 1


class _Reader:
    def __init__(self, path, text, doc):
        self.path, self.text, self.doc = path, text, doc

    def fail(self, table, key, message):
        line, col = _locate(self.text, table, key)
        dotted = f"{table}.{key}" if key else table
        raise SystemsError(f"{self.path}:{line}:{col}: error: key '{dotted}': {message}")

    def table(self, name, required=True):
        node = self.doc
        for part in name.split("."):
            node = node.get(part) if isinstance(node, dict) else None
        if node is None and not required:
            return None
        if not isinstance(node, dict):
            self.fail(name, None, "missing table" if node is None else "expected a table")
        return node

    def get(self, table, key, kind, required=True):
        node = self.table(table)
        if key not in node:
            if required:
                self.fail(table, None, f"missing key '{key}'")
            return None
        v = node[key]
        ok = isinstance(v, kind) and not (kind in (int, float, (int, float)) and isinstance(v, bool))
        if not ok:
            want = {str: "a string", bool: "true or false", list: "a list"}.get(kind, "a number")
            self.fail(table, key, f"expected {want}")
        return v

    def number(self, table, key):
        v = self.get(table, key, (int, float), required=False)
        if v is not None and v < 0:
            self.fail(table, key, f"{v} must be >= 0")
        return None if v is None else float(v)

    def sourced(self, table, value):
        for k in ("source", "read"):
            self.get(table, k, str)
        src, read = self.table(table)["source"], self.table(table)["read"]
        if not src.startswith(("http://", "https://")):
            self.fail(table, "source", f"'{src}' is not a URL")
        if not DATE.match(read):
            self.fail(table, "read", f"'{read}' is not a date YYYY-MM-DD")
        confirmed = self.get(table, "confirmed", bool)
        note = self.get(table, "note", str, required=False) or ""
        if not confirmed and not note:
            self.fail(table, "note", "an unconfirmed figure needs a note saying why")
        unit = self.get(table, "unit", str, required=False) or ""
        return Sourced(value, src, read, confirmed, note, unit)


KNOWN = {"system": {"name", "kind"}, "model": {"scenario", "designs", "attack_unit"},
         "value": {"held_btc", "held_usd", "per_unit_btc", "source", "read", "confirmed", "note"},
         "parameters": None, "rating": {"bitcoinlayers", "l2beat"}}


def load_system(path, root=ROOT):
    """One system file (raises SystemsError on any problem)."""
    path = pathlib.Path(path)
    try:
        text = path.read_text()
    except OSError as e:
        raise SystemsError(f"{path}:0:0: error: cannot read system file ({e.strerror})") from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SystemsError(f"{path}: error: {e}") from None
    r = _Reader(path, text, doc)
    for table, keys in KNOWN.items():
        if keys is not None and isinstance(doc.get(table), dict):
            for k in doc[table]:
                if k not in keys:
                    r.fail(table, k, f"unknown key (expected one of {', '.join(sorted(keys))})")
    for table in doc:
        if table not in KNOWN:
            r.fail(table, None, "unknown table")
    scenario = r.get("model", "scenario", str)
    if not (root / scenario).is_file():
        r.fail("model", "scenario", f"'{scenario}' does not exist (relative to the repository)")
    designs = r.get("model", "designs", list)
    if not designs or not all(isinstance(d, str) and d for d in designs):
        r.fail("model", "designs", "expected a non-empty list of design labels")
    unit = r.get("model", "attack_unit", str)
    if unit not in UNITS:
        r.fail("model", "attack_unit", f"'{unit}' is not one of {', '.join(UNITS)}")
    held_btc, held_usd = r.number("value", "held_btc"), r.number("value", "held_usd")
    per_unit = r.number("value", "per_unit_btc")
    if unit == "channel" and per_unit is None:
        r.fail("value", None, "missing key 'per_unit_btc' (attack_unit = \"channel\")")
    value = r.sourced("value", held_btc if held_btc is not None else held_usd)
    params = {}
    for name in (r.table("parameters", required=False) or {}):
        table = f"parameters.{name}"
        params[name] = r.sourced(table, r.get(table, "value", str))
    ratings = {}
    for name in (r.table("rating", required=False) or {}):
        table = f"rating.{name}"
        ratings[name] = r.sourced(table, r.get(table, "value", str))
    return System(key=path.stem, name=r.get("system", "name", str), kind=r.get("system", "kind", str),
                  scenario=scenario, designs=tuple(designs), attack_unit=unit, parameters=params,
                  held_btc=held_btc, held_usd=held_usd, per_unit_btc=per_unit, value=value,
                  ratings=ratings, path=str(path))


def load_systems(folder=ROOT / "systems", root=ROOT):
    """Every `*.toml` in the folder, sorted by file name."""
    folder = pathlib.Path(folder)
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise SystemsError(f"{folder}:0:0: error: no system files (*.toml) in this folder")
    return [load_system(f, root) for f in files]
