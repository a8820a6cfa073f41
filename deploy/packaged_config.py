#!/usr/bin/env python3
"""The shipped example config as an installed ontime runs it: on real
brokers, without the simulator (that is for trying ontime on the embedded
Kafka). The Debian package's /etc/ontime/ontime.yaml and the Kubernetes
ConfigMap are both made by this.

Usage: packaged_config.py EXAMPLE BROKERS > ontime.yaml
"""
import re
import sys

example, brokers = sys.argv[1], sys.argv[2]
text = open(example).read()
if "bootstrap.servers: embedded" not in text:
    sys.exit(f"{example}: no 'bootstrap.servers: embedded' to replace")
text = text.replace("bootstrap.servers: embedded", "bootstrap.servers: " + brokers)
# The simulator section with the comment above it, up to the next section.
text, n = re.subn(r"\n(#[^\n]*\n)*simulator:\n(  [^\n]*\n|\n)*?(?=\S)", "\n\n", text)
if n != 1:
    sys.exit(f"{example}: expected one simulator section, found {n}")
sys.stdout.write(text)
