#!/bin/sh
# Puts the pipeline's topics and the connectors of config/*.json on a running Kafka, Connect
# worker and search engine, and fails loudly: a non-zero exit with Kafka's, Connect's or the
# engine's own answer on stderr, never a connector silently missing.
#
#   config/register.sh [all|topics|connectors]      (default: all = topics, then connectors)
#
# topics      Creates every sink's topics and dead-letter topic with TOPIC_PARTITIONS partitions
#             (as ./pipeline up does) BEFORE any connector exists: a sink that subscribes to a
#             missing topic lets the broker auto-create it with its default of 1 partition, and
#             Connect creates a missing dead-letter topic with 1 partition. A topic that already
#             has fewer partitions is an error. Needs Kafka's kafka-topics.sh.
# connectors  Waits until the Connect worker (GET /health) and the search engine
#             (GET /_cluster/health: yellow or green) are healthy, checks that the worker has each
#             connector's plugin, creates or updates each connector (PUT
#             /connectors/<name>/config), then waits until each connector and all its tasks run
#             and prints their states. A FAILED connector or task ends it at once, with its trace.
#             Needs curl.
#
# docker compose runs the two steps in two one-shot services, since no image has both tools:
# `topics` in the Kafka image (kafka-topics.sh, no curl), `register` in a curl image.
#
# Environment (the defaults fit a local ./pipeline up on its default ports):
#   CONNECT_URL               http://localhost:8083
#   ENGINE_URL                http://localhost:9200  written where a config says http://localhost:9200
#   NOAA_URL                  (unset: NOAA itself)   written where a config says
#                                                    https://api.tidesandcurrents.noaa.gov
#   KAFKA_BOOTSTRAP_SERVERS   localhost:9092
#   KAFKA_TOPICS              kafka-topics.sh on the PATH, else /opt/kafka/bin/kafka-topics.sh
#   TOPIC_PARTITIONS          3 (./pipeline up --partitions, noaa-source's topic.creation.default.partitions)
#   TOPIC_REPLICATION_FACTOR  1
#   CONFIG_DIR                the folder of this script
#   WAIT_SECONDS              180: how long to wait for each health check and for RUNNING
set -u
started=$(date +%s)

CONNECT_URL=${CONNECT_URL:-http://localhost:8083}
ENGINE_URL=${ENGINE_URL:-http://localhost:9200}
NOAA_URL=${NOAA_URL:-}
KAFKA_BOOTSTRAP_SERVERS=${KAFKA_BOOTSTRAP_SERVERS:-localhost:9092}
TOPIC_PARTITIONS=${TOPIC_PARTITIONS:-3}
TOPIC_REPLICATION_FACTOR=${TOPIC_REPLICATION_FACTOR:-1}
CONFIG_DIR=${CONFIG_DIR:-$(cd "$(dirname "$0")" && pwd)}
WAIT_SECONDS=${WAIT_SECONDS:-180}
if [ -z "${KAFKA_TOPICS:-}" ]; then
  KAFKA_TOPICS=$(command -v kafka-topics.sh || echo /opt/kafka/bin/kafka-topics.sh)
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

say() { printf 'register: %s\n' "$*"; }

# Prints the problem on stderr and exits 1.
fail() {
  printf 'register: FAILED: %s\n' "$*" >&2
  exit 1
}

now() { date +%s; }

# Lines as one line of words.
words() { printf '%s' "$1" | tr '\n' ' '; }

# --- reading config/*.json (no jq in the images: a small JSON walker in awk) -------------------

# json_get FILE WHAT: WHAT is `name` (the top-level name), `config` (the config object as written)
# or a key of the config object (its string value). Prints nothing when absent.
json_get() {
  awk -v want="$2" '
    { text = text $0 "\n" }
    END {
      n = length(text); depth = 0; key = ""; inConfig = 0
      for (i = 1; i <= n; i++) {
        c = substr(text, i, 1)
        if (c == "\"") {
          j = i + 1
          while (j <= n) {
            d = substr(text, j, 1)
            if (d == "\\") { j += 2; continue }
            if (d == "\"") break
            j++
          }
          s = substr(text, i + 1, j - i - 1)
          k = j + 1
          while (k <= n && substr(text, k, 1) ~ /[ \t\r\n]/) k++
          if (substr(text, k, 1) == ":") {
            key = s
          } else if (depth == 1 && key == "name" && want == "name") {
            print s
          } else if (depth == 2 && inConfig && key == want) {
            print s
          }
          i = j
        } else if (c == "{" || c == "[") {
          depth++
          if (c == "{" && depth == 2 && key == "config") { inConfig = 1; start = i }
        } else if (c == "}" || c == "]") {
          if (depth == 2 && inConfig) {
            if (want == "config") print substr(text, start, i - start + 1)
            inConfig = 0
          }
          depth--
        }
      }
    }' "$1"
}

# The connector definitions: files of CONFIG_DIR/*.json with a name and a config object.
connector_files() {
  for f in "$CONFIG_DIR"/*.json; do
    [ -f "$f" ] || continue
    if [ -n "$(json_get "$f" name)" ] && [ -n "$(json_get "$f" config)" ]; then
      printf '%s\n' "$f"
    fi
  done
}

# Escapes a string for the replacement side of sed's s#…#…#.
sed_replacement() { printf '%s' "$1" | sed -e 's/[#&\\]/\\&/g'; }

# The config object of FILE with the engine's and NOAA's addresses pointed at this stack.
config_body() {
  engine=$(sed_replacement "$ENGINE_URL")
  if [ -n "$NOAA_URL" ]; then
    noaa=$(sed_replacement "$NOAA_URL")
    json_get "$1" config |
      sed -e "s#http://localhost:9200#$engine#g" -e "s#https://api.tidesandcurrents.noaa.gov#$noaa#g"
  else
    json_get "$1" config | sed -e "s#http://localhost:9200#$engine#g"
  fi
}

# --- topics -----------------------------------------------------------------------------------

# The topics every sink reads plus its dead-letter topic, once each, in file order.
wanted_topics() {
  connector_files | while IFS= read -r f; do
    json_get "$f" topics | tr ',' '\n'
    json_get "$f" errors.deadletterqueue.topic.name
  done | sed -e 's/^[[:space:]]*//' -e 's/[[:space:]]*$//' | awk 'length($0) > 0 && !seen[$0]++'
}

create_topics() {
  topics=$(wanted_topics)
  if [ -z "$topics" ]; then
    say "no sink topics in $CONFIG_DIR/*.json: nothing to create"
    return 0
  fi
  if [ ! -x "$KAFKA_TOPICS" ]; then
    fail "kafka-topics.sh not found at $KAFKA_TOPICS: set KAFKA_TOPICS to Kafka's bin/kafka-topics.sh"
  fi
  say "creating topics with $TOPIC_PARTITIONS partitions on $KAFKA_BOOTSTRAP_SERVERS before any connector: $(words "$topics")"
  # kafka-topics.sh creates one topic per run, and each run starts a JVM: all at once
  for t in $topics; do
    (
      "$KAFKA_TOPICS" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --create --if-not-exists \
        --topic "$t" --partitions "$TOPIC_PARTITIONS" \
        --replication-factor "$TOPIC_REPLICATION_FACTOR" </dev/null >"$tmp/create.$t" 2>&1
      echo $? >"$tmp/create.$t.rc"
    ) &
  done
  wait
  for t in $topics; do
    if [ "$(cat "$tmp/create.$t.rc" 2>/dev/null)" != 0 ]; then
      cat "$tmp/create.$t" >&2
      fail "kafka-topics.sh could not create topic $t on $KAFKA_BOOTSTRAP_SERVERS (its output is above)"
    fi
    if grep -q 'Created topic' "$tmp/create.$t"; then
      say "topic $t: $TOPIC_PARTITIONS partitions (created)"
    else
      existed="${existed:-}$t
"
    fi
  done
  if [ -n "${existed:-}" ]; then
    check_partitions "$existed"
  fi
}

# Reads back the partition count of topics that existed before: fewer than wanted is an error.
check_partitions() {
  regex=$(printf '%s\n' "$1" | sed -e '/^$/d' -e 's/\./\\./g' | tr '\n' '|' | sed -e 's/|$//')
  tries=0
  while :; do
    tries=$((tries + 1))
    "$KAFKA_TOPICS" --bootstrap-server "$KAFKA_BOOTSTRAP_SERVERS" --describe --topic "$regex" \
      </dev/null >"$tmp/describe.out" 2>&1
    awk '$1 == "Topic:" && $0 ~ /PartitionCount:/ {
           for (i = 1; i < NF; i++) if ($i == "PartitionCount:") print $2, $(i + 1)
         }' "$tmp/describe.out" >"$tmp/partitions"
    missing=""
    for t in $1; do
      [ -n "$(awk -v t="$t" '$1 == t' "$tmp/partitions")" ] || missing="$missing $t"
    done
    [ -z "$missing" ] && break
    if [ "$tries" -ge 5 ]; then
      cat "$tmp/describe.out" >&2
      fail "kafka-topics.sh --describe does not show topic(s)$missing (its output is above)"
    fi
    sleep 1
  done
  for t in $1; do
    count=$(awk -v t="$t" '$1 == t { print $2 }' "$tmp/partitions")
    if [ "$count" -lt "$TOPIC_PARTITIONS" ]; then
      fail "topic $t has $count partition(s), the pipeline wants $TOPIC_PARTITIONS: it was made" \
        "before this script ran (auto-created when a client used it first?). Fix: start from an" \
        "empty Kafka, or $KAFKA_TOPICS --bootstrap-server $KAFKA_BOOTSTRAP_SERVERS --alter" \
        "--topic $t --partitions $TOPIC_PARTITIONS (keys then move to other partitions)"
    fi
    say "topic $t: $count partitions (existed)"
  done
}

# --- HTTP -------------------------------------------------------------------------------------

# http METHOD URL [BODY_FILE]: sets code (000 when nothing answered); the body is in $tmp/body,
# curl's own error in $tmp/err.
http() {
  if [ $# -ge 3 ]; then
    code=$(curl -sS --connect-timeout 5 --max-time 120 -o "$tmp/body" -w '%{http_code}' \
      -X "$1" -H 'Content-Type: application/json' --data-binary "@$3" "$2" </dev/null 2>"$tmp/err") ||
      code=000
  else
    code=$(curl -sS --connect-timeout 5 --max-time 15 -o "$tmp/body" -w '%{http_code}' \
      -X "$1" "$2" </dev/null 2>"$tmp/err") || code=000
  fi
  [ -n "$code" ] || code=000
}

# What the last call got back, for an error message.
answer() {
  if [ "$code" = 000 ]; then
    printf 'no answer (%s)' "$(cat "$tmp/err")"
  else
    printf 'HTTP %s: %s' "$code" "$(cat "$tmp/body")"
  fi
}

# --- connectors -------------------------------------------------------------------------------

connect_healthy() {
  http GET "$CONNECT_URL/health"
  case $code in
    200) return 0 ;;
    404) # a worker older than Kafka 3.9 has no /health: its REST API answering is the best sign
      http GET "$CONNECT_URL/connectors"
      [ "$code" = 200 ] ;;
    *) return 1 ;;
  esac
}

engine_healthy() {
  http GET "$ENGINE_URL/_cluster/health"
  [ "$code" = 200 ] && grep -Eq '"status" *: *"(green|yellow)"' "$tmp/body"
}

# await WHAT CHECK: runs CHECK every 2 s until it succeeds, for at most WAIT_SECONDS.
await() {
  deadline=$(($(now) + WAIT_SECONDS))
  say "waiting for $1 ..."
  until $2; do
    if [ "$(now)" -ge "$deadline" ]; then
      fail "$1 is not healthy after $WAIT_SECONDS s; last $(answer)"
    fi
    sleep 2
  done
  say "$1 is healthy"
}

require_plugins() {
  http GET "$CONNECT_URL/connector-plugins"
  [ "$code" = 200 ] || fail "cannot list the plugins of the Connect worker at $CONNECT_URL: $(answer)"
  while IFS= read -r f; do
    class=$(json_get "$f" connector.class)
    if ! grep -q "\"class\":\"$class\"" "$tmp/body"; then
      fail "the Connect worker at $CONNECT_URL has no plugin $class ($f). Its plugin.path must" \
        "hold the unpacked plugin ZIPs: run ./mvnw -DskipTests package first (docker compose:" \
        "then docker compose up again; the plugins service unpacks them). Plugins it has: $(cat "$tmp/body")"
    fi
  done <<EOF
$(connector_files)
EOF
}

# Creates or updates one connector; retries while Connect rebalances (409, or 500 saying so).
put_connector() {
  name=$(json_get "$1" name)
  config_body "$1" >"$tmp/config.json"
  deadline=$(($(now) + WAIT_SECONDS))
  while :; do
    http PUT "$CONNECT_URL/connectors/$name/config" "$tmp/config.json"
    case $code in
      201) say "connector $name created ($(json_get "$1" connector.class))"; return 0 ;;
      200) say "connector $name updated ($(json_get "$1" connector.class))"; return 0 ;;
      409) ;;
      500) grep -qi rebalanc "$tmp/body" || break ;;
      *) break ;;
    esac
    [ "$(now)" -lt "$deadline" ] || break
    sleep 2
  done
  fail "Connect at $CONNECT_URL refused connector $name ($1): $(answer)"
}

# Waits until the connector and every task it has run; prints the states.
await_running() {
  name=$1
  deadline=$(($(now) + WAIT_SECONDS))
  while :; do
    http GET "$CONNECT_URL/connectors/$name/status"
    status_code=$code
    cp "$tmp/body" "$tmp/status"
    states=$(grep -o '"state":"[A-Z_]*"' "$tmp/status" | sed -e 's/"state":"//' -e 's/"$//')
    connector_state=$(printf '%s\n' "$states" | sed -n 1p)
    task_states=$(printf '%s\n' "$states" | sed 1d)
    running=$(printf '%s\n' "$task_states" | grep -c '^RUNNING$')
    http GET "$CONNECT_URL/connectors/$name"
    tasks=$(grep -o '"task":[0-9]*' "$tmp/body" | wc -l | tr -d ' ')
    if printf '%s\n' "$states" | grep -q '^FAILED$'; then
      fail "connector $name FAILED (connector $connector_state, tasks: $(words "$task_states")):" \
        "$(cat "$tmp/status")"
    fi
    if [ "$status_code" = 200 ] && [ "$connector_state" = RUNNING ] && [ "$tasks" -gt 0 ] &&
      [ "$running" -eq "$tasks" ]; then
      say "connector $name RUNNING, tasks $running/$tasks RUNNING"
      return 0
    fi
    if [ "$(now)" -ge "$deadline" ]; then
      code=$status_code
      cp "$tmp/status" "$tmp/body"
      fail "connector $name is not RUNNING with all its tasks after $WAIT_SECONDS s" \
        "(connector ${connector_state:-unknown}, $running/$tasks tasks RUNNING); last $(answer)"
    fi
    sleep 1
  done
}

register_connectors() {
  files=$(connector_files)
  [ -n "$files" ] || fail "no connector definitions ({\"name\": …, \"config\": {…}}) in $CONFIG_DIR/*.json"
  await "the Connect worker at $CONNECT_URL" connect_healthy
  await "the search engine at $ENGINE_URL" engine_healthy
  require_plugins
  while IFS= read -r f; do
    put_connector "$f"
  done <<EOF
$files
EOF
  while IFS= read -r f; do
    await_running "$(json_get "$f" name)"
  done <<EOF
$files
EOF
}

case ${1:-all} in
  all) create_topics && register_connectors ;;
  topics) create_topics ;;
  connectors) register_connectors ;;
  *) fail "unknown step '$1': use all, topics or connectors" ;;
esac
say "done in $(($(now) - started)) s"
