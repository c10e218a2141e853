#!/usr/bin/env bash
# Builds every NestJS application listed in nest-cli.json (tsc builder; path aliases rewritten to relative imports).
# Output: dist/apps/<name>/apps/<name>/src/main.js
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
apps=$(node -e 'const c=require("./nest-cli.json"); for (const [n,p] of Object.entries(c.projects)) if (p.type==="application" && require("fs").existsSync(p.sourceRoot)) console.log(n)')
for app in $apps; do
  echo "[build] $app"
  npx nest build "$app"
done
# The console's web UI (lit + Chart.js, bundled by esbuild) is served by the console app.
if [[ -f apps/console/web/build.ts ]]; then
  echo "[build] console web UI"
  npx tsx apps/console/web/build.ts
fi
