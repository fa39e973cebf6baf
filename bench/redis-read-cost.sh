#!/usr/bin/env bash
# Redis CPU per read of the ranking-server's queries, on a board of N players, measured with
# redis-benchmark pipelined (-P 16, so syscalls hardly count) and Redis's own INFO cpu. Shows what
# each plain command costs Redis and what one Lua script doing a whole Top 10 or Around costs
# (the ranking-server answered with such scripts before; see docs/performance.md, "ranking-server").
#
#   bench/redis-read-cost.sh [players=1000000] [requests=100000]
#
# Needs redis-server, redis-cli and redis-benchmark (apt-get install -y redis-server redis-tools).
set -euo pipefail
players=${1:-1000000}
requests=${2:-100000}
for tool in redis-server redis-cli redis-benchmark; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y redis-server redis-tools" >&2; exit 3; }
done
port=$(( 20000 + RANDOM % 20000 ))
dir=$(mktemp -d)
redis-server --port "$port" --save '' --appendonly no --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" >/dev/null
trap 'kill "$(cat "$dir/redis.pid")" 2>/dev/null; rm -rf "$dir"' EXIT
until redis-cli -p "$port" ping >/dev/null 2>&1; do sleep 0.1; done
# Members p000000000000.. as the ranking benchmark names them, random scores, a "mu sigma" rating each.
redis-cli -p "$port" eval "for i = 0, tonumber(ARGV[1]) - 1 do
  local m = string.format('p%012d', i)
  redis.call('ZADD', 'board', math.random(1, 1000000000), m)
  redis.call('HSET', 'ratings', m, '25.123456789 8.3123456') end return 1" 0 "$players" >/dev/null
top=$(redis-cli -p "$port" script load "local total = redis.call('ZCARD', KEYS[1])
local rows = redis.call('ZREVRANGE', KEYS[1], ARGV[1], ARGV[2], 'WITHSCORES')
local ids = {} for i = 1, #rows, 2 do ids[#ids + 1] = rows[i] end
return {total, rows, redis.call('HMGET', KEYS[2], unpack(ids))}")
around=$(redis-cli -p "$port" script load "local total = redis.call('ZCARD', KEYS[1])
local rank = redis.call('ZREVRANK', KEYS[1], ARGV[1])
if not rank then return {total} end
local start = math.max(0, rank - tonumber(ARGV[2]))
local rows = redis.call('ZREVRANGE', KEYS[1], start, rank + tonumber(ARGV[2]), 'WITHSCORES')
local ids = {} for i = 1, #rows, 2 do ids[#ids + 1] = rows[i] end
return {total, start, rows, redis.call('HMGET', KEYS[2], unpack(ids))}")
cpu() { redis-cli -p "$port" info cpu | awk -F: '/used_cpu_(sys|user):/ { s += $2 } END { printf "%.6f", s }'; }
cost() {
  local label=$1; shift
  local before after
  before=$(cpu)
  redis-benchmark -p "$port" -c 4 -P 16 -n "$requests" -r "$players" --csv "$@" >/dev/null
  after=$(cpu)
  awk -v label="$label" -v a="$after" -v b="$before" -v n="$requests" \
      'BEGIN { printf "| %s | %.1f |\n", label, (a - b) * 1000000 / n }'
}
mid=$(( players / 2 ))
top_members=$(redis-cli -p "$port" zrevrange board 0 9 | tr '\n' ' ')
echo "players=$players requests=$requests load=$(cut -d' ' -f1 /proc/loadavg)"
echo "| read | Redis CPU per request (us) |"
echo "|---|---|"
cost "ZCARD" ZCARD board
cost "ZREVRANGE 0 9 WITHSCORES" ZREVRANGE board 0 9 WITHSCORES
# shellcheck disable=SC2086
cost "HMGET of the top 10's ratings" HMGET ratings $top_members
cost "ZREVRANK of a random player" ZREVRANK board p__rand_int__
cost "ZREVRANGE of 11 at rank $mid WITHSCORES" ZREVRANGE board $(( mid - 5 )) $(( mid + 5 )) WITHSCORES
cost "HMGET of 11 random ratings" HMGET ratings $(printf 'p__rand_int__ %.0s' $(seq 11))
cost "Lua: a whole Top 10 (ZCARD, ZREVRANGE, HMGET)" EVALSHA "$top" 2 board ratings 0 9
cost "Lua: a whole Around(player, 5)" EVALSHA "$around" 2 board ratings p__rand_int__ 5
