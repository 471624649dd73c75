#!/usr/bin/env bash
# The engine must never include the models (shared/STYLE.md §1): fails if any sim/ file does.
set -euo pipefail
root="$1"
if grep -rnE '#include\s*[<"]models/' "$root/sim"; then
  echo "layering violation: sim/ includes models/"; exit 1
fi
echo "layering: sim/ includes nothing from models/"
