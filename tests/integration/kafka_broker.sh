#!/usr/bin/env bash
# A real Apache Kafka broker (3.9.2, KRaft, one node) on 127.0.0.1 for the
# integration tests, from the release jars on Maven Central, fetched once
# into a cache with Maven (a JRE and Maven come from Debian's packages).
#
#   kafka_broker.sh start DIR   fetch if needed, format DIR, start, wait until
#                               ready; prints the bootstrap address
#   kafka_broker.sh stop DIR    stop the broker started in DIR
#   kafka_broker.sh restart DIR start it again on its data (an outage ends)
#
# The broker keeps data for ever (retention -1): simulated and replayed
# events carry old timestamps, which default retention would delete while
# they are read. Ports: 19092 (clients), 19093 (controller); KAFKA_PORT
# moves both.
set -euo pipefail
version=3.9.2
here=$(cd "$(dirname "$0")" && pwd)
cache=${ONTIME_KAFKA_CACHE:-$here/../../build/kafka-$version}
port=${KAFKA_PORT:-19092}
controller_port=$((port + 1))

fetch() {
  [ -f "$cache/libs/.complete" ] && return
  mkdir -p "$cache/libs"
  cat > "$cache/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
 <groupId>local.ontime</groupId><artifactId>kafka-fetch</artifactId><version>1</version><packaging>pom</packaging>
 <dependencies>
  <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>$version</version></dependency>
  <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-reload4j</artifactId><version>1.7.36</version></dependency>
 </dependencies></project>
POM
  mvn -B -q -f "$cache/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$cache/libs" >&2
  touch "$cache/libs/.complete"
}

start() {
  local dir=$1
  fetch
  rm -rf "$dir"
  mkdir -p "$dir/data"
  dir=$(cd "$dir" && pwd)
  cat > "$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller_port
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=12
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
log.retention.ms=-1
PROPS
  cat > "$dir/log4j.properties" <<'LOG'
log4j.rootLogger=WARN, stdout
log4j.appender.stdout=org.apache.log4j.ConsoleAppender
log4j.appender.stdout.layout=org.apache.log4j.PatternLayout
log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n
log4j.logger.kafka.server.KafkaRaftServer=INFO
LOG
  java -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$cache/libs/*" \
    kafka.tools.StorageTool format -t ontime-test-cluster-id1 -c "$dir/server.properties" \
    > "$dir/format.log" 2>&1
  launch "$dir"
}

# Runs the broker on a formatted DIR (its data kept) and waits until it
# serves metadata and can hand out producer ids. Kafka 3.9's KRaft broker
# now and then never gets its first producer-id block from its controller
# (idempotent producers then retry "Coordinator load in progress" for
# ever); a broker in that state is restarted, up to three times.
launch() {
  local dir=$1
  for attempt in 1 2 3; do
    run "$dir" || return 1
    if echo probe | timeout 30 kcat -P -b "127.0.0.1:$port" -t ontime-broker-probe -p 0 \
        -X enable.idempotence=true -X message.timeout.ms=20000 2> "$dir/probe.log"; then
      echo "127.0.0.1:$port"
      return 0
    fi
    echo "the broker hands out no producer ids (attempt $attempt); restarting it" >&2
    stop "$dir"
  done
  echo "the Kafka broker never handed out producer ids; its log:" >&2
  tail -n 30 "$dir/broker.log" >&2
  return 1
}

run() {
  local dir=$1
  java -Xms128m -Xmx384m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j.configuration="file:$dir/log4j.properties" -cp "$cache/libs/*" \
    kafka.Kafka "$dir/server.properties" > "$dir/broker.log" 2>&1 &
  echo $! > "$dir/broker.pid"
  for _ in $(seq 1 300); do
    if kcat -b "127.0.0.1:$port" -L -m 1 > /dev/null 2>&1; then return 0; fi
    if ! kill -0 "$(cat "$dir/broker.pid")" 2> /dev/null; then break; fi
    sleep 0.2
  done
  echo "the Kafka broker did not start; its log:" >&2
  tail -n 30 "$dir/broker.log" >&2
  stop "$dir"
  return 1
}

stop() {
  local dir=$1
  [ -f "$dir/broker.pid" ] || return 0
  local pid
  pid=$(cat "$dir/broker.pid")
  kill -TERM "$pid" 2> /dev/null || true
  for _ in $(seq 1 100); do
    kill -0 "$pid" 2> /dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2> /dev/null || true
  rm -f "$dir/broker.pid"
}

case "${1:-}" in
  start) start "${2:?directory}" ;;
  restart) launch "${2:?directory}" ;;
  stop) stop "${2:?directory}" ;;
  fetch) fetch ;;
  *) echo "usage: kafka_broker.sh start|stop|restart DIR | fetch" >&2; exit 64 ;;
esac
