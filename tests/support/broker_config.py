#!/usr/bin/env python3
"""The shipped config (deploy/examples/ontime.yaml), rewritten to run
against a real broker for tests and benchmarks: the brokers named, the
simulator gone, the topic (and its group, state and dead-letter topics)
named after TOPIC, HTTP on a free port, no live line, and any of:
  --checkpoint-every 1s   --max-event-lead 400d   --metrics-every 100ms
  --format json
  --alertmanager URL --resend-every 2s   (alerts delivered there, at any hour)
  --webhook URL --webhook-secret-file F  (and to a webhook, signed)

Usage: broker_config.py BROKERS TOPIC [options] > config.yaml
"""
import argparse
import os
import re

parser = argparse.ArgumentParser()
parser.add_argument("brokers")
parser.add_argument("topic")
parser.add_argument("--checkpoint-every")
parser.add_argument("--max-event-lead")
parser.add_argument("--metrics-every")
parser.add_argument("--format")
parser.add_argument("--alertmanager")
parser.add_argument("--resend-every")
parser.add_argument("--webhook")
parser.add_argument("--webhook-secret-file")
args = parser.parse_args()

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
text = open(os.path.join(root, "deploy", "examples", "ontime.yaml")).read()
text = text.replace("bootstrap.servers: embedded", "bootstrap.servers: " + args.brokers)
text = re.sub(r"\nsimulator:\n(  .*\n|\n)*?(?=\S)", "\n", text)
text = text.replace("name: contact-events", "name: " + args.topic)
for key in ("group: ontime", "state_topic: ontime-state", "dead_letter_topic: ontime-dead-letters",
            "outcomes_topic: ontime-outcomes", "topic: ontime-alerts"):
    text = text.replace(key, key + "-" + args.topic)
text = text.replace("listen: 127.0.0.1:9464", "listen: 127.0.0.1:0")
checkpoint = "checkpoint_every: " + (args.checkpoint_every or "10s")
if args.max_event_lead:
    # A simulated complaint can be resolved months after its month; those
    # events are not from the future here.
    checkpoint += "\n  max_event_lead: " + args.max_event_lead
text = text.replace("checkpoint_every: 10s", checkpoint)
daemon = "live_line_every: 0s"
if args.metrics_every:
    daemon += "\n  metrics_every: " + args.metrics_every
text = text.replace("live_line_every: 5s", daemon)
if args.format:
    text = text.replace("format: protobuf", "format: " + args.format)
if args.alertmanager:
    # At any hour: a test must not depend on when it runs (the service hours
    # themselves are checked by amtool and the unit tests).
    text = re.sub(r"\n  services:\n(    .*\n)*", "\n", text)
    text = text.replace("  # alertmanager: {url: \"http://127.0.0.1:9093\", resend_every: 1m}",
                        "  alertmanager: {url: \"%s\", resend_every: %s, group: ontime-am-%s}"
                        % (args.alertmanager, args.resend_every or "1m", args.topic))
if args.webhook:
    # First in the alerts: section, whatever follows it.
    text = text.replace("\nalerts:\n", "\nalerts:\n  webhook: {url: \"%s\", secret_file: \"%s\", group: ontime-hook-%s}\n"
                        % (args.webhook, args.webhook_secret_file, args.topic), 1)
print(text, end="")
