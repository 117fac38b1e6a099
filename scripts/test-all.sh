#!/usr/bin/env bash
# Runs every test: static checks, unit, integration (PGlite and PostgreSQL,
# the HiBob simulator over HTTP) and end-to-end (Chromium against a
# production build). `npm test` runs this.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/ensure-test-services.sh

# A server on this machine with trust authentication; each test creates its
# own database on it and drops it afterwards.
export TEST_DATABASE_URL="${TEST_DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"

# The Redis rate-limit store is tested when a Redis server answers.
if [[ -z "${TEST_REDIS_URL:-}" ]] && command -v redis-cli >/dev/null 2>&1 \
  && redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  export TEST_REDIS_URL="redis://127.0.0.1:6379"
fi

export NEXT_TELEMETRY_DISABLED=1

step() { printf '\n=== %s ===\n' "$*"; }

step "Prisma client"
node scripts/prisma-generate.mjs >/dev/null

step "Type check"
npx tsc --noEmit -p .

step "Lint"
npx eslint . --max-warnings 0

step "Unit tests"
npx vitest run --project unit

step "Integration tests"
npx vitest run --project integration

step "Production build"
NODE_ENV=production npx next build

step "End-to-end tests"
npx playwright test
