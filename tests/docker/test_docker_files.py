"""Docker cannot run on the build machines, so this checks what can be checked: docker-compose.yml parses
and has the services the runbook drives, and the Dockerfile installs through scripts/install-deps.sh."""
import pathlib
import sys

import yaml

root = pathlib.Path(sys.argv[1])
failures = []


def check(cond, message):
    if not cond:
        failures.append(message)


compose = yaml.safe_load((root / "docker-compose.yml").read_text())
services = compose.get("services", {})
check(set(services) >= {"soulspot", "slskd", "postgres"}, "services soulspot, slskd, postgres expected")
soulspot = services.get("soulspot", {})
check("8765:8765" in soulspot.get("ports", []), "soulspot publishes 8765")
volumes = soulspot.get("volumes", [])
for host in ("./mnt/downloads", "./mnt/music", "./data"):
    check(any(v.startswith(host + ":") for v in volumes), "soulspot mounts " + host)
check(soulspot.get("build", {}).get("dockerfile") == "docker/Dockerfile", "soulspot builds docker/Dockerfile")
slskd = services.get("slskd", {})
check(slskd.get("image", "").startswith("slskd/slskd"), "slskd image")
check("5030:5030" in slskd.get("ports", []), "slskd publishes 5030")
check(any(v.startswith("./mnt/downloads:") for v in slskd.get("volumes", [])), "slskd shares the downloads folder")
check("postgres" in services.get("postgres", {}).get("profiles", []), "postgres sits behind a compose profile")

dockerfile = (root / "docker" / "Dockerfile").read_text()
check("scripts/install-deps.sh" in dockerfile, "Dockerfile builds with scripts/install-deps.sh")
check("FROM debian:bookworm" in dockerfile, "Debian bookworm base")
check(dockerfile.count("FROM ") >= 2, "multi-stage build")
check("HEALTHCHECK" in dockerfile and "/health" in dockerfile, "HEALTHCHECK on /health")
check("\nUSER soulspot" in dockerfile, "runs as a non-root user")

if failures:
    print("\n".join("FAIL: " + f for f in failures))
    sys.exit(1)
print("docker files OK")
