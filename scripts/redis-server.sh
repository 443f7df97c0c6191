#!/bin/sh
# The formation's Redis (the Procfile's `redis` line), for the likes service.
#
# Listens on a unix socket only (--port 0), $DATA_DIR/redis/redis.sock, so formations never
# fight over a port: each has its own DATA_DIR. Append-only persistence in $DATA_DIR/redis
# (git-ignored), so likes survive a restart of everything. The likes service connects to the
# same socket unless REDIS_URL names another Redis.
#
# Where there is nothing to run (REDIS_URL is set, or no redis-server on PATH) it says so and
# stays up idle: a foreman stops the whole formation when one of its processes exits. Without
# redis-server the likes service keeps likes in its SQLite store instead (same contract).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
dir=${DATA_DIR:-$root/data}/redis
sock=$dir/redis.sock

idle () {
  echo "redis: $1"
  trap 'kill "$sleeper" 2>/dev/null; exit 0' TERM INT
  while :; do
    sleep 3600 &
    sleeper=$!
    wait "$sleeper" || true
  done
}

if [ -n "${REDIS_URL:-}" ]; then
  idle "REDIS_URL is set: the likes service uses that Redis; none started here"
fi
if ! command -v redis-server >/dev/null 2>&1; then
  idle "no redis-server on PATH: the likes service keeps likes in SQLite. Install Redis 6.2+ (Debian: apt-get install redis-server) and restart the formation to use it"
fi
# sun_path holds 107 bytes (104 on macOS); the likes service refuses to start on a longer path too.
if [ ${#sock} -gt 103 ]; then
  idle "$sock is too long for a unix socket: set a shorter DATA_DIR, or REDIS_URL"
fi

mkdir -p "$dir"
exec redis-server \
  --port 0 \
  --unixsocket "$sock" \
  --unixsocketperm 700 \
  --dir "$dir" \
  --appendonly yes \
  --appendfsync everysec \
  --save '' \
  --daemonize no \
  --logfile ''
