#!/usr/bin/env bash
# Bad input: every malformed scenario in tests/scenarios_bad (and the command-line cases below)
# must exit with code 2 and a `file:line:col: error:` message (`file: error:` when the whole file is
# meant), never crash, and never leave a results file that claims to be complete.
set -uo pipefail
L2SIM="$1"; ROOT="$2"; PY="${PYTHON:-/usr/bin/python3}"
dir="$ROOT/tests/scenarios_bad"; tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0; count=0

expect_error() {  # name pattern out args...
  local name="$1" pattern="$2" out="$3"; shift 3
  count=$((count + 1))
  "$L2SIM" "$@" >"$tmp/stdout" 2>"$tmp/stderr"; local rc=$?
  local msg; msg=$(cat "$tmp/stderr")
  if [ "$rc" -ne 2 ]; then echo "FAIL $name: exit $rc (want 2): $msg"; fails=$((fails + 1)); return; fi
  if ! grep -qE "^[^ ]+(:[0-9]+:[0-9]+)?: error: " <<<"$msg"; then echo "FAIL $name: no file[:line:col] in: $msg"; fails=$((fails + 1)); return; fi
  if ! grep -qE -- "$pattern" <<<"$msg"; then echo "FAIL $name: /$pattern/ not in: $msg"; fails=$((fails + 1)); return; fi
  if [ -n "$out" ] && [ -e "$out" ]; then
    if "$PY" -c "import h5py,sys; sys.exit(0 if h5py.File(sys.argv[1],'r').attrs.get('complete',0)==1 else 1)" "$out" 2>/dev/null; then
      echo "FAIL $name: left a file that looks complete: $out"; fails=$((fails + 1)); return
    fi
  fi
  echo "ok   $name: $msg"
}

cd "$dir"
while IFS=$'\t' read -r file pattern; do
  case "$file" in \#*|"") continue;; esac
  cmd=run; grep -q '^\[sweep' "$file" && cmd=sweep  # a sweep's size is checked only when it is swept
  expect_error "$file" "$pattern" "$tmp/${file%.toml}.h5" "$cmd" "$file" -o "$tmp/${file%.toml}.h5"
done < expected.tsv

good="$ROOT/scenarios/examples/phold.toml"
expect_error missing_scenario "nope.toml: error: cannot open" "" run "$tmp/nope.toml" -o "$tmp/x.h5"
expect_error missing_output_dir "does not exist" "" run "$good" -o "$tmp/no/such/dir/out.h5"
expect_error unwritable_output "(not writable|cannot create)" "" run "$good" -o "/proc/l2sim_out.h5"
expect_error set_out_of_range "out of range" "$tmp/set.h5" run "$good" --set phold.lps=0 -o "$tmp/set.h5"
expect_error set_unknown_key "did you mean 'phold.lps'" "$tmp/set2.h5" run "$good" --set phold.lsp=3 -o "$tmp/set2.h5"
expect_error set_wrong_type "expected type integer" "$tmp/set3.h5" run "$good" --set phold.lps=abc -o "$tmp/set3.h5"
expect_error sweep_without_table "no \\[sweep\\] table" "$tmp/sw.h5" sweep "$good" -o "$tmp/sw.h5"
expect_error bad_shard "expected I/N" "$tmp/sh.h5" sweep "$ROOT/scenarios/examples/phold_sweep.toml" --shard 3/2 -o "$tmp/sh.h5"
expect_error info_not_results "not a readable HDF5" "" info "$dir/expected.tsv"
expect_error validate_bad "did you mean 'phold.lps'" "" validate "$dir/unknown_key.toml"

# A results file that exists is never damaged by a failing or refused run.
"$L2SIM" run "$good" --runs 2 -o "$tmp/keep.h5" --progress none 2>/dev/null
before=$(md5sum "$tmp/keep.h5")
expect_error existing_output "output file exists" "" run "$good" -o "$tmp/keep.h5"
expect_error existing_output_bad_scenario "did you mean" "" run "$dir/unknown_key.toml" -o "$tmp/keep.h5" --overwrite
[ "$before" = "$(md5sum "$tmp/keep.h5")" ] || { echo "FAIL: existing results file was modified"; fails=$((fails + 1)); }

echo "bad input: $count cases"
echo "$((count - fails)) passed, $fails failed"
[ "$fails" -eq 0 ]
