#!/usr/bin/env bash
# In-process A/B of the correlation engine (see libs/correlation/bench/engine-ab.ts).
# usage: npm run bench:engine:ab -- REV_A [REV_B] [RUNS]
#   REV_A, REV_B: git revisions of libs/correlation/src; REV_B defaults to the working tree ("WORK").
#   ENGINE_AB_ACTIVITIES (default 1000000) sets the traffic; each run prints a ratio B/A.
set -euo pipefail
cd "$(dirname "$0")/.."
rev_a=${1:?usage: npm run bench:engine:ab -- REV_A [REV_B] [RUNS]}
rev_b=${2:-WORK}
runs=${3:-2}
out=dist/engine-ab
rm -rf "$out"
mkdir -p "$out/a" "$out/b"
git archive "$rev_a" libs/correlation/src | tar -x -C "$out/a" --strip-components=2
if [ "$rev_b" = WORK ]; then
  cp -r libs/correlation/src "$out/b/"
else
  git archive "$rev_b" libs/correlation/src | tar -x -C "$out/b" --strip-components=2
fi
cat >"$out/entry.ts" <<'TS'
import * as a from './a/src';
import * as b from './b/src';
import { runEngineAb } from '../../libs/correlation/bench/engine-ab';
runEngineAb(a, b, Number(process.env.ENGINE_AB_ACTIVITIES ?? 1_000_000));
TS
npx esbuild "$out/entry.ts" --bundle --platform=node --target=node20 --outfile="$out/entry.js" --log-level=warning
echo "A = $rev_a, B = $rev_b"
for _ in $(seq "$runs"); do node "$out/entry.js"; done
