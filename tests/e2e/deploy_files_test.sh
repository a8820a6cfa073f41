#!/usr/bin/env bash
# The deployment files, checked statically: no container engine can run on
# these machines, so the Dockerfile, the compose stack and the Kubernetes
# manifests are parsed and cross-checked here, and what they mount is
# checked by the tools that run it (promtool, amtool, docker-compose config).
# Also: every alert names a runbook section that exists, and the systemd
# unit gives a drain its time.
# Usage: deploy_files_test.sh ONTIME_BINARY
set -uo pipefail
ontime=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/tests/support/checks.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
deploy=$root/deploy

# --- Dockerfile -----------------------------------------------------------
check "Dockerfile: multi-stage on bookworm, non-root, HEALTHCHECK on /-/healthy, no build tools at the end" \
  python3 - "$deploy/docker/Dockerfile" "$root" <<'PY'
import os, re, sys
text = open(sys.argv[1]).read().replace("\\\n", " ")
lines = [l.strip() for l in text.splitlines() if l.strip() and not l.strip().startswith("#")]
stages, current = [], None
for l in lines:
    word = l.split()[0].upper()
    if word == "FROM":
        current = {"from": l.split()[1], "lines": []}
        stages.append(current)
    current["lines"].append(l)
assert len(stages) >= 2, "one stage"
assert all(s["from"].startswith("debian:bookworm") for s in stages), [s["from"] for s in stages]
final = stages[-1]["lines"]
users = [l.split()[1] for l in final if l.upper().startswith("USER ")]
assert users and users[-1] not in ("root", "0"), users
assert any(l.upper().startswith("HEALTHCHECK") and "/-/healthy" in l for l in final), "no HEALTHCHECK"
installs = " ".join(l for l in final if "apt-get install" in l)
assert not re.search(r"\S+-dev\b|build-essential|cmake", installs), installs
for l in lines:
    if l.upper().startswith("COPY") and "--from" not in l:
        for src in l.split()[1:-1]:
            assert os.path.exists(os.path.join(sys.argv[2], src)), src
PY

# --- compose ----------------------------------------------------------------
compose=$deploy/compose/docker-compose.yml
check "compose: docker-compose config accepts it" docker-compose -f "$compose" config -q
check "compose: the whole stack, every mounted file in the repository, the build's Dockerfile there" \
  python3 - "$compose" "$work/layout" <<'PY'
import os, shutil, sys, yaml
path, layout = sys.argv[1], sys.argv[2]
here = os.path.dirname(path)
doc = yaml.safe_load(open(path))
services = doc["services"]
for name in ("kafka", "ontimed", "simulator", "prometheus", "alertmanager", "grafana"):
    assert name in services, f"no {name}"
assert services["kafka"]["image"].startswith("apache/kafka:3.9")
assert services["kafka"]["environment"]["KAFKA_PROCESS_ROLES"] == "broker,controller", "not KRaft"
build = services["ontimed"]["build"]
assert os.path.exists(os.path.join(here, build["context"], build["dockerfile"]))
assert "simulate" in services["simulator"]["command"]
for name, service in services.items():
    for volume in service.get("volumes", []):
        source, target = volume.split(":")[:2]
        source = os.path.normpath(os.path.join(here, source))
        assert os.path.exists(source), f"{name}: {source}"
        # Laid out as the container sees it, for the tools to check.
        dest = os.path.join(layout, name + target)
        if os.path.isdir(source):
            shutil.copytree(source, dest)
        else:
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy(source, dest)
PY
check "compose: Prometheus's config and rules as mounted pass promtool" \
  promtool check config "$work/layout/prometheus/etc/prometheus/prometheus.yml"
check "compose: Alertmanager's config as mounted passes amtool" \
  amtool check-config "$work/layout/alertmanager/etc/alertmanager/alertmanager.yml"
check "compose: Grafana's provider finds the dashboards where they are mounted" python3 - "$work/layout/grafana" <<'PY'
import os, sys, yaml
root = sys.argv[1]
provider = yaml.safe_load(open(os.path.join(root, "etc/grafana/provisioning/dashboards/ontime.yml")))
path = provider["providers"][0]["options"]["path"]
assert os.listdir(root + path), path
PY

# --- Kubernetes ----------------------------------------------------------------
k8s=$deploy/kubernetes
"$k8s/generate" "$work" > /dev/null 2>&1
check "kubernetes: configmap.yaml and prometheusrule.yaml are as deploy/kubernetes/generate makes them" \
  bash -c "cmp -s '$work/configmap.yaml' '$k8s/configmap.yaml' && cmp -s '$work/prometheusrule.yaml' '$k8s/prometheusrule.yaml'"
check "kubernetes: every manifest parses and has what its kind requires; selectors, ports and probes agree" \
  python3 - "$k8s" "$work" <<'PY'
import os, sys, yaml
k8s, work = sys.argv[1], sys.argv[2]
kustomization = yaml.safe_load(open(os.path.join(k8s, "kustomization.yaml")))
docs = {}
for name in kustomization["resources"]:
    doc = yaml.safe_load(open(os.path.join(k8s, name)))
    for field in ("apiVersion", "kind", "metadata"):
        assert field in doc, f"{name}: no {field}"
    assert doc["metadata"].get("name"), f"{name}: no metadata.name"
    docs[doc["kind"]] = doc
for kind in ("ConfigMap", "Deployment", "Service", "PodDisruptionBudget", "ServiceMonitor", "PrometheusRule"):
    assert kind in docs, f"no {kind}"
deployment = docs["Deployment"]["spec"]
pod_labels = deployment["template"]["metadata"]["labels"]
matches = lambda selector: all(pod_labels.get(k) == v for k, v in selector.items())
assert matches(deployment["selector"]["matchLabels"]), "Deployment selector"
container = deployment["template"]["spec"]["containers"][0]
assert container["image"] and container["readinessProbe"]["httpGet"]["path"] == "/-/ready"
assert container["livenessProbe"]["httpGet"]["path"] == "/-/healthy"
assert container["securityContext"]["allowPrivilegeEscalation"] is False
assert deployment["template"]["spec"]["securityContext"]["runAsNonRoot"] is True
ports = {p["name"] for p in container["ports"]}
volumes = {v["name"]: v for v in deployment["template"]["spec"]["volumes"]}
assert volumes["config"]["configMap"]["name"] == docs["ConfigMap"]["metadata"]["name"]
assert "ontime.yaml" in docs["ConfigMap"]["data"]
assert deployment["template"]["spec"]["terminationGracePeriodSeconds"] > 30, "shutdown_within is 30 s"
service = docs["Service"]["spec"]
assert matches(service["selector"]), "Service selector"
assert all(p["targetPort"] in ports for p in service["ports"])
assert matches(docs["PodDisruptionBudget"]["spec"]["selector"]["matchLabels"]), "PDB selector"
monitor = docs["ServiceMonitor"]["spec"]
service_labels = docs["Service"]["metadata"]["labels"]
assert all(service_labels.get(k) == v for k, v in monitor["selector"]["matchLabels"].items()), "ServiceMonitor selector"
assert {e["port"] for e in monitor["endpoints"]} <= {p["name"] for p in service["ports"]}
yaml.safe_dump({"groups": docs["PrometheusRule"]["spec"]["groups"]}, open(os.path.join(work, "rules.yml"), "w"))
# The config in the ConfigMap, as a file for ontime check-config.
open(os.path.join(work, "ontime.yaml"), "w").write(docs["ConfigMap"]["data"]["ontime.yaml"])
PY
check "kubernetes: the PrometheusRule's rules pass promtool" promtool check rules "$work/rules.yml"
check "kubernetes: the ConfigMap's config passes ontime check-config" "$ontime" check-config "$work/ontime.yaml"

# --- runbooks and the unit -------------------------------------------------------
check "every alert links a runbook section that exists in docs/operations.md" \
  python3 - "$deploy/prometheus/alert_rules.yml" "$root/docs/operations.md" <<'PY'
import re, sys, yaml
anchors = {re.sub(r"[^a-z0-9 -]", "", l[4:].strip().lower()).replace(" ", "-")
           for l in open(sys.argv[2]) if l.startswith("### ")}
for group in yaml.safe_load(open(sys.argv[1]))["groups"]:
    for rule in group["rules"]:
        if "alert" in rule:
            url = rule["annotations"].get("runbook_url", "")
            assert url.startswith("docs/operations.md#") and url.split("#")[1] in anchors, (rule["alert"], url)
PY
check "the unit's TimeoutStopSec outlasts a drain (shutdown_within, 30 s)" \
  bash -c "[ \$(sed -n 's/^TimeoutStopSec=\([0-9]*\)$/\1/p' '$deploy/systemd/ontimed.service') -gt 30 ]"
finish
