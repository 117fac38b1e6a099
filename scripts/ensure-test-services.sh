#!/usr/bin/env bash
# Makes sure what the test suite needs is present: a running PostgreSQL and
# Debian's Chromium. Installs them with apt-get when running as root and they
# are missing; otherwise says what to install.
set -euo pipefail

log() { printf '[test setup] %s\n' "$*"; }

apt_install() {
  if [[ $(id -u) -ne 0 ]]; then
    log "Missing $*. Install it with: sudo apt-get install -y $*"
    exit 1
  fi
  if [[ -z "${APT_UPDATED:-}" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

postgres_ready() {
  pg_isready -q -h 127.0.0.1 -p "${PGPORT:-5432}" 2>/dev/null
}

if [[ -z "${TEST_DATABASE_URL:-}" ]]; then
  if ! command -v pg_isready >/dev/null 2>&1 || ! ls /etc/postgresql >/dev/null 2>&1; then
    log "PostgreSQL is not installed; installing it."
    apt_install postgresql
  fi
  if ! postgres_ready; then
    log "Starting PostgreSQL."
    for version in /etc/postgresql/*; do
      pg_ctlcluster --skip-systemctl-redirect "$(basename "$version")" main start || true
    done
    for _ in $(seq 1 30); do
      postgres_ready && break
      sleep 1
    done
  fi
  if ! postgres_ready; then
    log "PostgreSQL did not start on 127.0.0.1:${PGPORT:-5432}. Start it, or set TEST_DATABASE_URL."
    exit 1
  fi
fi

if [[ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]]; then
  log "Chromium is not installed; installing Debian's chromium package."
  apt_install chromium
fi
