#!/usr/bin/env python3
"""Clients of ontimed's HTTP intake, posting at once: each sends BATCHES
lists of SIZE events (unique ids, event time now) over one keep-alive
connection, a batch every PACE seconds, and sends a batch again, unchanged,
until it is answered 2xx: after 429 or 503 when Retry-After says, after a
dropped connection at once on a new one. Any other answer is a failure.

Writes the ids of every event a 2xx answered for (one per line) to ACKED,
and a line of counts by answer to stdout. Exits 1 if a batch was never
stored before DEADLINE seconds, or an answer was not one of those.

Usage: http_intake_clients.py URL TOKEN ACKED [--clients N] [--batches B]
       [--size S] [--pace SECONDS] [--deadline SECONDS]
"""
import argparse
import collections
import datetime
import http.client
import json
import sys
import threading
import time
import urllib.parse

parser = argparse.ArgumentParser()
parser.add_argument("url")
parser.add_argument("token")
parser.add_argument("acked")
parser.add_argument("--clients", type=int, default=8)
parser.add_argument("--batches", type=int, default=40)
parser.add_argument("--size", type=int, default=25)
parser.add_argument("--pace", type=float, default=0.5)
parser.add_argument("--deadline", type=float, default=240)
args = parser.parse_args()

target = urllib.parse.urlparse(args.url)
answers = collections.Counter()
acked = []
problems = []
lock = threading.Lock()
give_up = time.monotonic() + args.deadline


def batch_body(client, batch):
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    events = [{"eventId": f"k{client}-{batch}-{i}", "contactId": f"c{client}-{batch}-{i}",
               "type": "EVENT_TYPE_RECEIVED", "eventTime": now, "channel": "CHANNEL_EMAIL",
               "contactType": "enquiry", "service": "housing"} for i in range(args.size)]
    return json.dumps(events), [e["eventId"] for e in events]


def client(number):
    connection = None
    for batch in range(args.batches):
        body, ids = batch_body(number, batch)
        while True:
            if time.monotonic() > give_up:
                with lock:
                    problems.append(f"client {number} batch {batch}: never stored before the deadline")
                return
            try:
                if connection is None:
                    connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
                connection.request("POST", target.path, body=body,
                                   headers={"Authorization": "Bearer " + args.token,
                                            "Content-Type": "application/json"})
                response = connection.getresponse()
                text = response.read()
                status = response.status
            except (OSError, http.client.HTTPException):
                with lock:
                    answers["connection dropped"] += 1
                connection = None
                time.sleep(0.2)
                continue
            with lock:
                answers[status] += 1
            if status == 200:
                with lock:
                    acked.extend(ids)
                break
            if status in (429, 503):
                time.sleep(float(response.getheader("Retry-After", "1")))
                continue
            with lock:
                problems.append(f"client {number} batch {batch}: answered {status}: {text[:200]!r}")
            return
        time.sleep(args.pace)


threads = [threading.Thread(target=client, args=(n,)) for n in range(args.clients)]
for t in threads:
    t.start()
for t in threads:
    t.join()
with open(args.acked, "w") as out:
    out.write("".join(i + "\n" for i in acked))
print("answers: " + ", ".join(f"{k} {v}" for k, v in sorted(answers.items(), key=str)))
for p in problems:
    print("FAILED: " + p)
sys.exit(1 if problems else 0)
