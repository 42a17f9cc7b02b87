#!/usr/bin/env python3
"""Soak test of the real `soulspot serve` against the fake slskd (issue 12 §6). Python 3 stdlib only.

For SOAK_SECONDS (default 300) it keeps, all at once:
  * 2,000 wanted tracks flowing in (POST /api/v1/downloads), posted over the first half of the run;
  * 32 client threads polling GET /api/v1/downloads?limit=100, GET /health and GET /api/v1/downloads/{id};
  * slskd flapping: up 40 s, down 20 s (POST /_control/down on the fake);
  * transfers stalling and failing at random (per-file outcomes in the generated scenario);
  * `kill -9` of the server and a restart every 60 s (same DATABASE_URL, same data folder).
Then a drain (slskd up, no kills) until nothing is active or SOAK_DRAIN_SECONDS (default 60) pass, two final
snapshots STRANDED_WINDOW seconds apart, and the report. Exits 1 when a must-be-0 figure is not 0.

  python3 bench/soak/soak.py --db sqlite|postgres|both      (build first: cmake --build build --target soulspot)
"""
import argparse
import collections
import json
import os
import queue
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
API_KEY = "test-api-key-0123456789"
ACTIVE = ("SEARCHING", "DOWNLOADING", "VERIFYING")
# Made-up two-syllable words, all distinct, so every title is unique and no query word repeats (the server drops
# repeated words from its queries).
SYLLABLES = ("ba", "ce", "di", "fo", "gu", "ha", "je", "ki", "lo", "mu", "na", "pe", "ri", "so", "tu")
WORDS = [a + b for a in SYLLABLES for b in SYLLABLES if a != b]


def log(msg):
    sys.stderr.write("[soak %s] %s\n" % (time.strftime("%H:%M:%S"), msg))
    sys.stderr.flush()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None, timeout=10.0):
    """Returns (status, parsed body or text, seconds); status 0 = no answer (refused, reset, timeout)."""
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    t0 = time.monotonic()
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw, status = r.read(), r.status
    except urllib.error.HTTPError as e:
        raw, status = e.read(), e.code
    except (OSError, urllib.error.URLError, ConnectionError):
        return 0, None, time.monotonic() - t0
    elapsed = time.monotonic() - t0
    try:
        return status, json.loads(raw) if raw else None, elapsed
    except ValueError:
        return status, raw.decode(errors="replace"), elapsed


# ---- the world: tracks, audio, scenario ------------------------------------------------------------------

def make_tracks(n):
    tracks = []
    for i in range(n):
        a, b, c = WORDS[i % 30], WORDS[30 + (i // 30) % 30], WORDS[60 + (i // 900) % 30]
        artist = "Soak %s" % WORDS[90 + (i * 7) % 10].capitalize()
        title = "%s %s %s" % (a.capitalize(), b, c)
        tracks.append({"idx": i, "artist": artist, "title": title, "album": "Soak Album %s" % WORDS[100 + i % 17]})
    return tracks


def make_audio(folder, seconds):
    path = os.path.join(folder, "tone.flac")
    subprocess.run(["sox", "-n", "-r", "44100", "-c", "2", "-b", "16", path, "synth", str(seconds), "pinknoise",
                    "vol", "0.3"], check=True)
    return path


def remote_name(user, track):
    return "@@%s\\Music\\%s\\%s\\%04d - %s.flac" % (user, track["artist"], track["album"], track["idx"], track["title"])


def index_of(filename):
    m = re.search(r"\\(\d{4}) - [^\\]+\.flac$", filename)
    return int(m.group(1)) if m else None


def transfer_spec(rng, source, primary):
    """A share fails or stalls; the rest succeed after a random queue and duration."""
    roll = rng.random()
    base = {"source_file": source, "queue_ms": rng.randint(50, 1500), "init_ms": 50,
            "duration_ms": rng.randint(300, 4000)}
    if primary:
        if roll < 0.12:
            return dict(base, outcome="Errored", fail_at=round(rng.uniform(0.1, 0.9), 2))
        if roll < 0.22:
            return dict(base, outcome="Rejected")
        if roll < 0.32:
            return dict(base, outcome="Stall", stall_at=round(rng.uniform(0.0, 0.6), 2))
        if roll < 0.40:
            return dict(base, queue_ms=rng.randint(15000, 40000))  # a long remote queue, then success
        return dict(base, outcome="Succeeded")
    if roll < 0.10:
        return dict(base, outcome="Errored", fail_at=0.5)
    return dict(base, outcome="Succeeded")


def make_scenario(tracks, audio, seconds, seed):
    rng = random.Random(seed)
    size = os.path.getsize(audio)
    bitrate = int(size * 8 / seconds / 1000)
    searches, transfers = {}, {}
    for t in tracks:
        users = rng.sample(["peer%02d" % k for k in range(40)], 2)
        responses = []
        for rank, user in enumerate(users):
            name = remote_name(user, t)
            responses.append({"username": user, "hasFreeUploadSlot": True, "uploadSpeed": 1000000 - rank * 1000,
                              "queueLength": rank, "files": [{"filename": name, "size": size, "bitRate": bitrate,
                                                              "length": seconds}]})
            transfers[user + "|" + name] = transfer_spec(rng, audio, rank == 0)
        spec = {"duration_ms": 60, "responses_delay_ms": 30, "responses": responses}
        for q in ("%s %s" % (t["artist"], t["title"]), t["title"], "%s %s" % (t["artist"].split()[-1], t["title"])):
            searches[q] = spec
    return {"searches": searches, "default_search": {"duration_ms": 50, "responses_delay_ms": 20, "responses": []},
            "transfers": transfers, "default_transfer": {"outcome": "Succeeded", "source_file": audio},
            "responses_delay_ms": 30}


# ---- processes -------------------------------------------------------------------------------------------

class Fake:
    def __init__(self, work, scenario):
        self.downloads = os.path.join(work, "slskd", "downloads")
        os.makedirs(self.downloads, exist_ok=True)
        path = os.path.join(work, "scenario.json")
        with open(path, "w") as f:
            json.dump(scenario, f)
        self.err = open(os.path.join(work, "fake_slskd.err"), "w")
        self.proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "tests", "fakes", "fake_slskd.py"), "--port",
                                      "0", "--scenario", path, "--downloads", self.downloads, "--api-key", API_KEY],
                                     stdout=subprocess.PIPE, stderr=self.err, text=True)
        line = self.proc.stdout.readline()
        if not line.startswith("PORT "):
            raise RuntimeError("fake slskd did not start: %r" % line)
        self.url = "http://127.0.0.1:%d" % int(line.split()[1])

    def control(self, method, path, body=None):
        status, payload, _ = http(method, self.url + "/_control/" + path, body, timeout=60)
        return payload

    def down(self, flag):
        self.control("POST", "down", {"down": flag})

    def stop(self):
        self.proc.kill()
        self.proc.wait()
        self.err.close()


class Server:
    """build/soulspot serve in one working folder; kill9() and start() keep folder, port and environment."""

    def __init__(self, binary, work, env):
        self.binary, self.work, self.env = binary, work, env
        self.port = int(env["API_PORT"])
        self.url = "http://127.0.0.1:%d" % self.port
        self.proc = None
        self.lock = threading.Lock()
        self.starts = self.kills = self.unexpected_exits = 0
        self.peak_hwm_kb = self.peak_rss_kb = 0
        self.restart_seconds = []

    def start(self):
        with self.lock:
            out = open(os.path.join(self.work, "server.log"), "a")
            err = open(os.path.join(self.work, "server.err"), "a")
            self.proc = subprocess.Popen([self.binary, "serve"], cwd=self.work, env=self.env, stdout=out, stderr=err)
            out.close()
            err.close()
            self.starts += 1
        t0 = time.monotonic()
        while time.monotonic() - t0 < 60:
            if self.proc.poll() is not None:
                raise RuntimeError("server exited at start with %s; see %s/server.*" % (self.proc.returncode, self.work))
            if http("GET", self.url + "/health", timeout=2)[0] == 200:
                self.restart_seconds.append(time.monotonic() - t0)
                return
            time.sleep(0.1)
        raise RuntimeError("server not healthy after 60 s")

    def kill9(self):
        with self.lock:
            if self.proc.poll() is not None:
                self.unexpected_exits += 1
                log("server had already exited with %s" % self.proc.returncode)
            else:
                self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
            self.kills += 1

    def check_alive(self):
        with self.lock:
            if self.proc and self.proc.poll() is not None:
                return False
        return True

    def sample_memory(self):
        with self.lock:
            pid = self.proc.pid if self.proc and self.proc.poll() is None else None
        if pid is None:
            return
        try:
            with open("/proc/%d/status" % pid) as f:
                for line in f:
                    if line.startswith("VmHWM:"):
                        self.peak_hwm_kb = max(self.peak_hwm_kb, int(line.split()[1]))
                    elif line.startswith("VmRSS:"):
                        self.peak_rss_kb = max(self.peak_rss_kb, int(line.split()[1]))
        except OSError:
            pass

    def terminate(self):
        with self.lock:
            if self.proc and self.proc.poll() is None:
                self.proc.terminate()
                try:
                    self.proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    self.proc.kill()
                    self.proc.wait()


# ---- the load --------------------------------------------------------------------------------------------

class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency = collections.defaultdict(list)  # endpoint → seconds (answered requests only)
        self.status = collections.defaultdict(collections.Counter)  # endpoint → status → count (0 = no answer)
        self.five_xx = []  # (endpoint, status, body excerpt)

    def record(self, endpoint, status, seconds, body):
        with self.lock:
            self.status[endpoint][status] += 1
            if status:
                self.latency[endpoint].append(seconds)
            if status >= 500:
                self.five_xx.append((endpoint, status, str(body)[:300]))


def producer(server, work, ids, stats, t0, gap, stop):
    """Posts tracks from the shared queue, track k not before t0 + k * gap, retrying each until it is answered
    (a POST whose answer was lost to a kill comes back 200 with the same download: the API's dedupe). Runs until
    every track is posted, drain included."""
    while not stop.is_set():
        try:
            k, t = work.get_nowait()
        except queue.Empty:
            return
        delay = t0 + k * gap - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        body = {"track": {"artist": t["artist"], "title": t["title"], "album": t["album"], "duration_ms": SECONDS * 1000}}
        while not stop.is_set():
            status, payload, secs = http("POST", server.url + "/api/v1/downloads", body)
            stats.record("POST /api/v1/downloads", status, secs, payload)
            if status in (200, 201) and isinstance(payload, dict):
                with stats.lock:
                    ids[t["idx"]] = payload["id"]
                break
            time.sleep(0.5)


def poller(server, ids, stats, stop, seed):
    rng = random.Random(seed)
    n = 0
    while not stop.is_set():
        n += 1
        kind = n % 3
        if kind == 0:
            ep, path = "GET /api/v1/downloads?limit=100", "/api/v1/downloads?limit=100"
        elif kind == 1:
            ep, path = "GET /health", "/health"
        else:
            with stats.lock:
                known = list(ids.values())
            if not known:
                continue
            ep, path = "GET /api/v1/downloads/{id}", "/api/v1/downloads/%d" % rng.choice(known)
        status, payload, secs = http("GET", server.url + path)
        stats.record(ep, status, secs, payload)
        if status == 0:
            time.sleep(0.2)  # the server is being restarted


def flapper(fake, stop, events):
    while True:
        if stop.wait(40):
            break
        fake.down(True)
        events.append((time.time(), "slskd down"))
        stopped = stop.wait(20)
        fake.down(False)
        events.append((time.time(), "slskd up"))
        if stopped:
            break
    fake.down(False)


def killer(server, stop, events, every):
    while not stop.wait(every):
        server.kill9()
        events.append((time.time(), "kill -9"))
        try:
            server.start()
        except RuntimeError as e:
            events.append((time.time(), "restart failed: %s" % e))
            log(str(e))
            return


def sampler(server, stop):
    while not stop.wait(0.5):
        server.sample_memory()


def all_downloads(server):
    status, payload, _ = http("GET", server.url + "/api/v1/downloads", timeout=120)
    if status != 200 or not isinstance(payload, list):
        raise RuntimeError("GET /api/v1/downloads answered %s" % status)
    return payload


def percentile(values, p):
    if not values:
        return float("nan")
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100.0 * (len(v) - 1))))]


# ---- one run ---------------------------------------------------------------------------------------------

SECONDS = 5  # length of the generated audio file, and the wanted duration


def run(backend, args):
    work = tempfile.mkdtemp(prefix="soulspot-soak-%s-" % backend)
    os.chmod(work, 0o755)  # pg-throwaway.sh runs PostgreSQL as user postgres (when root) in a folder below
    log("%s: working folder %s" % (backend, work))
    server_dir = os.path.join(work, "server")
    os.makedirs(server_dir)
    audio = make_audio(work, SECONDS)
    tracks = make_tracks(args.tracks)
    fake = Fake(work, make_scenario(tracks, audio, SECONDS, args.seed))
    pg_dir = None
    if backend == "postgres":
        pg_dir = os.path.join(work, "pg")
        started = subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway.sh"), "start", pg_dir, str(free_port())],
                                 capture_output=True, text=True)
        if started.returncode != 0:
            fake.stop()
            raise RuntimeError("pg-throwaway.sh start failed: %s" % started.stderr.strip())
        dsn = started.stdout.strip()
    else:
        dsn = "sqlite:////" + os.path.join(server_dir, "data", "soulspot.db").lstrip("/")
    env = dict(os.environ)
    env.update({"API_HOST": "127.0.0.1", "API_PORT": str(free_port()), "DATABASE_URL": dsn,
                "INSTANCE_ID": "soak", "SLSKD_URL": fake.url, "SLSKD_API_KEY": API_KEY,
                "SLSKD_DOWNLOAD_PATH": fake.downloads, "STORAGE_DOWNLOAD_PATH": fake.downloads,
                "STORAGE_MUSIC_PATH": os.path.join(server_dir, "music"),
                "DOWNLOAD_MONITOR_INTERVAL_MS": "500", "DOWNLOAD_STALL_TIMEOUT": "10",
                "DOWNLOAD_MAX_CONCURRENT": str(args.concurrent), "DOWNLOAD_RETRY_BACKOFF": "2",
                "DOWNLOAD_LEASE_TTL": "20", "SEARCH_MIN_GAP_MS": "0", "SEARCH_MAX_PER_WINDOW": "1000",
                "SEARCH_WINDOW_SECONDS": "1", "SEARCH_BAN_EMPTY_STREAK": "0", "SEARCH_TIMEOUT_MS": "3000",
                "MUSICBRAINZ_ENABLED": "false", "LOG_LEVEL": "INFO", "LOG_FORMAT": "json"})
    server = Server(args.binary, server_dir, env)
    result = {"backend": backend, "work": work}
    try:
        server.start()
        stats, ids, events = Stats(), {}, []
        stop_load, stop_chaos, stop_sampler = threading.Event(), threading.Event(), threading.Event()
        work_queue = queue.Queue()
        for k, t in enumerate(tracks):
            work_queue.put((k, t))
        t0, gap = time.monotonic(), args.seconds / 2 / max(1, len(tracks))
        threads = [threading.Thread(target=producer, args=(server, work_queue, ids, stats, t0, gap, stop_load))
                   for _ in range(4)]
        threads += [threading.Thread(target=poller, args=(server, ids, stats, stop_load, i)) for i in range(args.clients)]
        chaos = [threading.Thread(target=flapper, args=(fake, stop_chaos, events)),
                 threading.Thread(target=killer, args=(server, stop_chaos, events, args.kill_every))]
        mem = threading.Thread(target=sampler, args=(server, stop_sampler))
        t_start = time.monotonic()
        for t in threads + chaos + [mem]:
            t.daemon = True
            t.start()
        while time.monotonic() - t_start < args.seconds:
            time.sleep(1)
            if not server.check_alive():
                with server.lock:
                    rc = server.proc.returncode
                log("server died on its own (rc %s); restarting" % rc)
                events.append((time.time(), "unexpected exit %s" % rc))
                server.unexpected_exits += 1
                server.start()
        stop_chaos.set()
        for t in chaos:
            t.join()
        if not server.check_alive():
            server.unexpected_exits += 1
            server.start()
        log("%s: chaos over after %.0f s (%d kills); draining" % (backend, time.monotonic() - t_start, server.kills))

        # Drain: slskd up, no kills, until nothing is active (or queued and due) or the drain time is over.
        t_drain = time.monotonic()
        while time.monotonic() - t_drain < args.drain:
            rows = all_downloads(server)
            busy = [d for d in rows if d["status"] in ACTIVE]
            queued = [d for d in rows if d["status"] == "QUEUED"]
            if not busy and not queued and len(ids) == len(tracks):
                break
            time.sleep(3)
        drain_used = time.monotonic() - t_drain
        stop_load.set()
        for t in threads:
            t.join(timeout=30)

        # Stranded: active in two snapshots STRANDED_WINDOW apart without any change (status, bytes, updated_at).
        first = {d["id"]: d for d in all_downloads(server)}
        time.sleep(args.stranded_window)
        last = all_downloads(server)
        stranded = [d for d in last if d["status"] in ACTIVE and d["id"] in first and
                    all(first[d["id"]][k] == d[k] for k in ("status", "bytes_transferred", "updated_at"))]
        stop_sampler.set()
        mem.join()

        # Lost: a wanted track with no download row (by its id from the POST answer and by artist + title).
        by_key = {(d["track"]["artist"], d["track"]["title"]): d for d in last}
        by_id = {d["id"]: d for d in last}
        lost = [t for t in tracks if (t["artist"], t["title"]) not in by_key or
                (t["idx"] in ids and ids[t["idx"]] not in by_id)]
        not_posted = [t for t in tracks if t["idx"] not in ids]

        # Enqueued twice: every enqueue the fake saw, against the download's attempt history. Each attempt of a
        # download at a file is one enqueue; more enqueues of that file than attempts recorded for it means the
        # server enqueued the same file again without knowing of the first transfer (e.g. after a kill -9).
        calls = fake.control("GET", "calls")
        enq = collections.Counter()
        unknown_enqueues = 0
        for e in calls["enqueued"]:
            i = index_of(e["filename"])
            d = by_key.get((tracks[i]["artist"], tracks[i]["title"])) if i is not None and i < len(tracks) else None
            if d is None:
                unknown_enqueues += 1
                continue
            enq[(d["id"], e["username"], e["filename"])] += 1
        attempts = collections.Counter()
        for did in sorted({k[0] for k in enq}):
            status, detail, _ = http("GET", server.url + "/api/v1/downloads/%d" % did, timeout=30)
            for a in (detail or {}).get("attempt_history", []) if status == 200 else []:
                attempts[(did, a["username"], a["filename"])] += 1
        doubled = {k: (n, attempts[k]) for k, n in enq.items() if n > max(1, attempts[k])}
        multi = sum(1 for n in enq.values() if n > 1)

        # Log scan over every incarnation's stdout and stderr.
        locked = 0
        for name in ("server.log", "server.err"):
            with open(os.path.join(server_dir, name), errors="replace") as f:
                locked += sum(line.lower().count("database is locked") for line in f)

        result.update({
            "tracks": len(tracks), "posted": len(ids), "not_posted": len(not_posted), "lost": len(lost),
            "lost_examples": [t["title"] for t in lost[:5]],
            "doubled": len(doubled), "doubled_examples": [[list(k), v] for k, v in list(doubled.items())[:5]],
            "files_enqueued_more_than_once": multi, "enqueues": len(calls["enqueued"]), "landed": len(calls["landed"]),
            "unknown_enqueues": unknown_enqueues,
            "stranded": len(stranded), "stranded_examples": [(d["id"], d["status"], d["updated_at"]) for d in stranded[:5]],
            "five_xx": len(stats.five_xx), "five_xx_examples": stats.five_xx[:5], "database_locked": locked,
            "unexpected_exits": server.unexpected_exits, "kills": server.kills, "starts": server.starts,
            "restart_to_healthy_s": [round(s, 2) for s in server.restart_seconds],
            "peak_vmhwm_mb": round(server.peak_hwm_kb / 1024.0, 1), "peak_vmrss_mb": round(server.peak_rss_kb / 1024.0, 1),
            "drain_s": round(drain_used, 1),
            "final_status": dict(collections.Counter(d["status"] for d in last).most_common()),
            "latency": {ep: {"n": len(v), "p50_ms": round(percentile(v, 50) * 1000, 1),
                             "p99_ms": round(percentile(v, 99) * 1000, 1), "max_ms": round(max(v) * 1000, 1)}
                        for ep, v in sorted(stats.latency.items())},
            "statuses": {ep: dict(c) for ep, c in sorted(stats.status.items())},
            "events": len(events),
        })
    finally:
        server.terminate()
        fake.stop()
        if pg_dir:
            subprocess.run([os.path.join(ROOT, "scripts", "pg-throwaway.sh"), "stop", pg_dir])
    return result


MUST_BE_ZERO = ("lost", "doubled", "stranded", "five_xx", "database_locked", "unexpected_exits", "not_posted")


def report(r):
    print("== soak on %s (working folder %s)" % (r["backend"], r["work"]))
    print("  tracks wanted %d, posted %d; enqueues at slskd %d, files landed %d; server kills %d, starts %d"
          % (r["tracks"], r["posted"], r["enqueues"], r["landed"], r["kills"], r["starts"]))
    print("  downloads lost (wanted, no row)                      %d %s" % (r["lost"], r["lost_examples"] or ""))
    print("  wanted but never accepted by POST                    %d" % r["not_posted"])
    print("  enqueued twice (a file enqueued at slskd more often  %d %s" % (r["doubled"], r["doubled_examples"] or ""))
    print("    for a download than its attempt_history has attempts at that file; files enqueued >1 with matching")
    print("    attempts, i.e. honest retries: %d; enqueues of unknown files: %d)" % (r["files_enqueued_more_than_once"],
                                                                                 r["unknown_enqueues"]))
    print("  stranded (SEARCHING/DOWNLOADING/VERIFYING, unchanged %ss after the drain) %d %s"
          % (ARGS.stranded_window, r["stranded"], r["stranded_examples"] or ""))
    print("  5xx answers                                          %d %s" % (r["five_xx"], r["five_xx_examples"] or ""))
    print("  \"database is locked\" in the server logs              %d" % r["database_locked"])
    print("  server exits we did not cause                        %d" % r["unexpected_exits"])
    print("  peak RSS of the server: VmHWM %.1f MB (largest VmRSS sampled %.1f MB)" % (r["peak_vmhwm_mb"], r["peak_vmrss_mb"]))
    print("  restart to healthy: %s s; drain took %.1f s" % (r["restart_to_healthy_s"], r["drain_s"]))
    print("  downloads by final status: %s" % json.dumps(r["final_status"]))
    print("  API latency (answered requests; status 0 = no answer while the server was down):")
    for ep, l in r["latency"].items():
        print("    %-36s n=%-6d p50 %7.1f ms  p99 %7.1f ms  max %7.1f ms  statuses %s"
              % (ep, l["n"], l["p50_ms"], l["p99_ms"], l["max_ms"], json.dumps(r["statuses"][ep])))
    bad = [k for k in MUST_BE_ZERO if r[k]]
    print("  RESULT: %s" % ("PASS" if not bad else "FAIL (" + ", ".join(bad) + ")"))
    return not bad


def main():
    global ARGS
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--db", choices=("sqlite", "postgres", "both"), default="sqlite")
    p.add_argument("--seconds", type=float, default=float(os.environ.get("SOAK_SECONDS", 300)))
    p.add_argument("--drain", type=float, default=float(os.environ.get("SOAK_DRAIN_SECONDS", 60)))
    p.add_argument("--stranded-window", type=float, default=45,
                   help="longer than the longest scripted remote queue (40 s), the stall timeout and the lease TTL")
    p.add_argument("--tracks", type=int, default=2000)
    p.add_argument("--clients", type=int, default=32)
    p.add_argument("--kill-every", type=float, default=60)
    p.add_argument("--concurrent", type=int, default=10, help="DOWNLOAD_MAX_CONCURRENT")
    p.add_argument("--seed", type=int, default=12)
    p.add_argument("--binary", default=os.path.join(ROOT, "build", "soulspot"))
    p.add_argument("--json", help="also write the figures to this file")
    ARGS = p.parse_args()
    if not os.access(ARGS.binary, os.X_OK):
        sys.exit("no %s: cmake --build build --target soulspot" % ARGS.binary)
    results, ok = [], True
    for backend in (("sqlite", "postgres") if ARGS.db == "both" else (ARGS.db,)):
        r = run(backend, ARGS)
        results.append(r)
        ok = report(r) and ok
        sys.stdout.flush()
    if ARGS.json:
        with open(ARGS.json, "w") as f:
            json.dump(results, f, indent=2)
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
