"""A wire-faithful fake of slskd's REST API (reference/slskd-api.md), awkward parts included, plus a
test-only control API under /_control/. Python stdlib only.

CLI: --port N --scenario FILE --downloads DIR --incomplete DIR --api-key KEY --version 0.24.1
     --username slskd --password slskd --auth-disabled
Scenario format and control endpoints: see the docstring of Scenario below and route_control().
"""
import base64
import datetime
import hashlib
import hmac
import json
import os
import shutil
import sys
import tempfile
import threading
import time
import uuid
from urllib.parse import parse_qs, unquote, urlsplit

import fakeutil

LOCK = threading.RLock()
MAX_RUNNING_SEARCHES = 2  # Program.cs maximumConcurrentSearches
TERMINAL = {"Succeeded", "Errored", "Rejected", "TimedOut", "Cancelled", "Aborted"}


class Scenario:
    """{"searches": {"<query, case/space-insensitive>": SearchSpec}, "default_search": SearchSpec,
        "users_offline": ["bob"], "transfers": {"<username>|<remote filename>": TransferSpec},
        "default_transfer": TransferSpec, "search_post_429_times": N, "search_post_429_every": N,
        "search_post_delay_ms": 0, "enqueue_429_times": N, "enqueue_delay_ms": 0,
        "enqueue_reply": "auto|empty|enqueued", "batch_reply_transfers": true, "soulseek_connected": true,
        "responses_delay_ms": 300, "api_delay_ms": 0,
        "browse": {"<username>": {"<directory>": [BrowseDir]}}, "browse_fail": {"<username>": BrowseFail}}
    BrowseDir: {"name"? (default: the directory asked for), "files": [{"filename": basename, "size", "bitRate"?,
                "length"?, "sampleRate"?, "bitDepth"?, "isVariableBitRate"?, "attributesOnly"?: true}]}
    BrowseFail: {"status": 500, "message": "text", "delay_ms": 0}
    A directory with no "browse" entry is answered from the user's search responses (files under it, one
    entry per folder), else as an empty folder. Users in users_offline get 404.
    SearchSpec: {"responses": [Response], "duration_ms": 300, "queued_ms": 0, "end_state": "Completed, TimedOut",
                 "responses_delay_ms": 300}
    TransferSpec: {"outcome": "Succeeded|Errored|Rejected|TimedOut|Cancelled|Aborted|Stall|Queued",
                   "queue_ms": 100, "init_ms": 50, "duration_ms": 300, "fail_at": 0.5, "stall_at": 0.3,
                   "bytes": N, "source_file": "/path", "negative_remaining": true|N, "exception": "text",
                   "final_state": "Completed", "place_in_queue": 3, "enqueue_error": "text"}"""

    def __init__(self, data=None):
        self.data = data or {}
        self.data["searches"] = {norm(k): v for k, v in self.data.get("searches", {}).items()}

    def get(self, key, default=None):
        return self.data.get(key, default)

    def search(self, text):
        return self.data["searches"].get(norm(text)) or self.data.get("default_search") or {"responses": []}

    def transfer(self, username, filename):
        return self.data.get("transfers", {}).get(username + "|" + filename) or self.data.get("default_transfer") or {}


def norm(text):
    return " ".join(text.lower().split())


def version_tuple(text):
    out = []
    for part in text.split("+")[0].split("-")[0].split("."):
        out.append(int(part) if part.isdigit() else 0)
    return tuple((out + [0, 0, 0])[:3])


def dotnet_time(wall):
    """DateTime as System.Text.Json writes it: ISO 8601, 7 fractional digits, Z."""
    return datetime.datetime.fromtimestamp(wall, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%f") + "0Z"


def timespan(seconds):
    """TimeSpan as "hh:mm:ss.fffffff"."""
    seconds = max(0.0, seconds)
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    return "%02d:%02d:%010.7f" % (h, m, s)


def dotnet_ticks():
    return time.time_ns() // 100 + 621355968000000000


def b64url(raw):
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def compact(obj):
    """slskd omits null properties (WhenWritingNull)."""
    return {k: v for k, v in obj.items() if v is not None}


class State:
    def __init__(self, args):
        self.args = args
        self.scenario = Scenario()
        self.jwt_key = os.urandom(32)  # random per start: a restart invalidates every token
        self.searches, self.transfers, self.batches = {}, {}, {}
        self.search_token = 1000
        self.down = False
        self.search_gate = threading.Lock()  # SemaphoreSlim(1,1).Wait(0) in SearchesController
        self.enqueue_gate = threading.BoundedSemaphore(2)  # SemaphoreSlim(2,2) in TransfersController
        self.reset_calls()

    def reset_calls(self):
        self.counts, self.requests, self.enqueued, self.landed = {}, [], [], []
        self.search_posts = self.enqueue_posts = 0

    def newer_or_equal(self, text):
        return version_tuple(self.args.version) >= version_tuple(text)


ST = None  # the State, set in main


# ---- auth -------------------------------------------------------------------------------------------

def issue_token(username):
    now = int(time.time())
    exp = now + 604800  # web.authentication.jwt.ttl = 7 days
    header = b64url(json.dumps({"alg": "HS256", "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"name": username, "role": "Administrator", "nbf": now, "exp": exp,
                                 "iat": now}).encode())
    sig = b64url(hmac.new(ST.jwt_key, (header + "." + payload).encode(), hashlib.sha256).digest())
    return {"expires": exp, "issued": now, "name": username, "notBefore": now,
            "token": header + "." + payload + "." + sig, "tokenType": "Bearer"}


def token_valid(token):
    parts = token.split(".")
    if len(parts) != 3:
        return False
    expected = b64url(hmac.new(ST.jwt_key, (parts[0] + "." + parts[1]).encode(), hashlib.sha256).digest())
    return hmac.compare_digest(expected, parts[2])


def authorised(headers):
    if ST.args.auth_disabled:
        return True
    key = headers.get("X-API-Key")
    if key is not None:
        return bool(ST.args.api_key) and hmac.compare_digest(key, ST.args.api_key)
    auth = headers.get("Authorization") or ""
    return auth.startswith("Bearer ") and token_valid(auth[7:].strip())


# ---- searches ---------------------------------------------------------------------------------------

def create_search(body):
    spec = ST.scenario.search(body["searchText"])
    now = time.monotonic()
    # At most two searches run; a further one waits in Queued until a slot frees (FIFO).
    ends = sorted((s["end"] for s in ST.searches.values() if s["end"] > now), reverse=True)
    slot_free = ends[MAX_RUNNING_SEARCHES - 1] if len(ends) >= MAX_RUNNING_SEARCHES else now
    start = max(now + spec.get("queued_ms", 0) / 1000.0, slot_free)
    ST.search_token += 1
    responses = [normalise_response(r) for r in spec.get("responses", [])]
    limit = body.get("responseLimit") or 250
    search = {"id": body.get("id") or str(uuid.uuid4()), "searchText": body["searchText"], "token": ST.search_token,
              "wall": time.time(), "created": now, "start": start, "end": start + spec.get("duration_ms", 300) / 1000.0,
              "responses": responses[:limit], "limited": len(responses) >= limit, "cancelled": False,
              "end_state": spec.get("end_state"),
              "delay": spec.get("responses_delay_ms", ST.scenario.get("responses_delay_ms", 300)) / 1000.0}
    ST.searches[search["id"]] = search
    return search


def normalise_response(r):
    files = [compact(dict({"code": 1, "extension": ""}, **f)) for f in r.get("files", [])]
    locked = [compact(dict({"code": 1, "extension": ""}, **f)) for f in r.get("lockedFiles", [])]
    out = {"username": r["username"], "token": r.get("token", 1), "hasFreeUploadSlot": r.get("hasFreeUploadSlot", True),
           "uploadSpeed": r.get("uploadSpeed", 1000000), "queueLength": r.get("queueLength", 0),
           "fileCount": len(files), "files": files, "lockedFileCount": len(locked), "lockedFiles": locked}
    return out


def search_view(s, include_responses):
    now = time.monotonic()
    files = sum(r["fileCount"] for r in s["responses"])
    locked = sum(r["lockedFileCount"] for r in s["responses"])
    view = {"id": s["id"], "searchText": s["searchText"], "token": s["token"], "startedAt": dotnet_time(s["wall"]),
            "responses": []}
    if s["cancelled"] or now >= s["end"]:
        state = "Completed, Cancelled" if s["cancelled"] else (
            s["end_state"] or ("Completed, ResponseLimitReached" if s["limited"] else "Completed, TimedOut"))
        view.update(state=state, isComplete=True, responseCount=len(s["responses"]), fileCount=files,
                    lockedFileCount=locked, endedAt=dotnet_time(s["wall"] + (s["end"] - s["created"])))
        # Responses reach the database only when the search finishes, and a moment after isComplete.
        if include_responses and now >= s["end"] + s["delay"]:
            view["responses"] = s["responses"]
    elif now < s["start"]:
        view.update(state="Queued", isComplete=False, responseCount=0, fileCount=0, lockedFileCount=0)
    else:
        frac = (now - s["start"]) / max(1e-6, s["end"] - s["start"])
        seen = s["responses"][:int(len(s["responses"]) * frac)]
        view.update(state="InProgress", isComplete=False, responseCount=len(seen),
                    fileCount=sum(r["fileCount"] for r in seen), lockedFileCount=sum(r["lockedFileCount"] for r in seen))
    return view


def searches_post(h, body):
    if not ST.search_gate.acquire(blocking=False):
        return 429, "Only one concurrent operation is permitted. Wait for the current operation to complete."
    try:
        with LOCK:
            ST.search_posts += 1
            n, every = ST.search_posts, ST.scenario.get("search_post_429_every", 0)
            if n <= ST.scenario.get("search_post_429_times", 0) or (every and n % every == 0):
                return 429, "Only one concurrent operation is permitted. Wait for the current operation to complete."
        time.sleep(ST.scenario.get("search_post_delay_ms", 0) / 1000.0)
        with LOCK:
            if not ST.scenario.get("soulseek_connected", True):
                return 409, "The server connection must be connected and logged in to perform a search"
            if not isinstance(body, dict) or not str(body.get("searchText") or "").strip():
                return 400, "SearchText can not be null, empty, or consist of only whitespace"
            if body.get("id") in ST.searches:
                return 500, "A search with id %s already exists" % body["id"]  # duplicate key in the DB [guess]
            return 200, search_view(create_search(body), False)
    finally:
        ST.search_gate.release()


def route_searches(h, method, seg, query, body):
    if len(seg) == 0:
        if method == "POST":
            return "POST /api/v0/searches", searches_post(h, body)
        with LOCK:
            return "GET /api/v0/searches", (200, [search_view(s, False) for s in ST.searches.values()])
    with LOCK:
        s = ST.searches.get(seg[0])
        if len(seg) == 2 and seg[1].lower() == "responses":
            return "GET /api/v0/searches/{id}/responses", (
                (404, None) if s is None else (200, search_view(s, True)["responses"]))
        template = method + " /api/v0/searches/{id}"
        if s is None:
            return template, (404, None)
        if method == "GET":
            return template, (200, search_view(s, query.get("includeResponses", ["false"])[0].lower() == "true"))
        if method == "PUT":
            if time.monotonic() < s["end"]:
                s["cancelled"], s["end"] = True, time.monotonic()
            return template, (200, None)
        if method == "DELETE":
            del ST.searches[seg[0]]
            return template, (204, None)
    return template, (405, None)


# ---- transfers --------------------------------------------------------------------------------------

def new_transfer(username, filename, size, destination=None, batch_id=None):
    tr = {"id": str(uuid.uuid4()), "username": username, "filename": filename, "size": int(size),
          "spec": ST.scenario.transfer(username, filename), "created": time.monotonic(), "wall": time.time(),
          "final": None, "removed": False, "destination": destination, "batchId": batch_id, "localPath": None}
    ST.transfers[tr["id"]] = tr
    ST.enqueued.append({"id": tr["id"], "username": username, "filename": filename, "size": tr["size"]})
    return tr


def finalise(tr, state, transferred, exception=None, scripted=True):
    spec = tr["spec"] if scripted else {}
    tr["final"] = {"state": spec.get("final_state", state), "bytes": transferred,
                   "exception": spec.get("exception", exception), "at": time.monotonic()}
    if state == "Completed, Succeeded":
        land_file(tr)


def land_file(tr):
    """Writes the file where slskd would: <downloads>/<leaf remote folder>/<basename>, or the batch's
    destination; an existing name becomes <name>_<ticks>.<ext> (destination.exists=rename)."""
    parts = tr["filename"].replace("/", "\\").split("\\")
    folder = tr["destination"] if tr["destination"] is not None else (parts[-2] if len(parts) > 1 else "")
    target_dir = os.path.join(ST.args.downloads, folder)
    os.makedirs(target_dir, exist_ok=True)
    partial = os.path.join(ST.args.incomplete, tr["id"] + ".part")
    source = tr["spec"].get("source_file")
    if source:
        shutil.copyfile(source, partial)
    else:
        remaining = int(tr["spec"].get("bytes", tr["size"]))
        with open(partial, "wb") as f:
            chunk = bytes(range(256)) * 256
            while remaining > 0:
                f.write(chunk[:min(remaining, len(chunk))])
                remaining -= len(chunk)
    path = os.path.join(target_dir, parts[-1])
    if os.path.exists(path):
        stem, ext = os.path.splitext(parts[-1])
        path = os.path.join(target_dir, "%s_%d%s" % (stem, dotnet_ticks(), ext))
    shutil.move(partial, path)
    tr["localPath"] = path
    ST.landed.append({"id": tr["id"], "username": tr["username"], "filename": tr["filename"], "localPath": path})


def advance(tr):
    """Moves a transfer along its scripted timeline: Queued, Remotely → Initializing → InProgress → terminal.
    Returns (state, bytesTransferred, placeInQueue)."""
    if tr["final"]:
        return tr["final"]["state"], tr["final"]["bytes"], None
    spec, size = tr["spec"], tr["size"]
    outcome = spec.get("outcome", "Succeeded")
    elapsed = (time.monotonic() - tr["created"]) * 1000.0
    queue_ms, init_ms, duration_ms = spec.get("queue_ms", 100), spec.get("init_ms", 50), spec.get("duration_ms", 300)
    if outcome == "Rejected":
        if elapsed < queue_ms:
            return "Requested", 0, None
        finalise(tr, "Completed, Rejected", 0, "File not shared.")
    elif outcome == "TimedOut":  # the peer never acknowledges the enqueue (3 min in real slskd)
        if elapsed < duration_ms:
            return "Queued, Remotely", 0, None
        finalise(tr, "Completed, TimedOut", 0, "Timed out waiting for the remote peer to acknowledge the enqueue")
    elif outcome == "Queued" or elapsed < queue_ms:
        return "Queued, Remotely", 0, spec.get("place_in_queue", 3)
    elif elapsed < queue_ms + init_ms:
        return "Initializing", 0, None
    else:
        frac = (elapsed - queue_ms - init_ms) / max(1.0, duration_ms)
        if outcome == "Stall":
            return "InProgress", int(size * min(frac, spec.get("stall_at", 0.3))), None
        fail_at = spec.get("fail_at", 0.5) if outcome in ("Errored", "Cancelled", "Aborted") else 1.0
        if frac < fail_at:
            return "InProgress", int(size * frac), None
        if outcome == "Succeeded":
            extra = spec.get("negative_remaining", 0)
            finalise(tr, "Completed, Succeeded", size + (1024 if extra is True else int(extra or 0)))
        else:
            finalise(tr, "Completed, " + outcome, int(size * fail_at), {
                "Errored": "Transfer failed: Remote connection closed", "Cancelled": "Transfer cancelled by the peer",
                "Aborted": "Transfer aborted"}.get(outcome))
    return tr["final"]["state"], tr["final"]["bytes"], None


def transfer_view(tr):
    state, transferred, place = advance(tr)
    now = time.monotonic()
    end = tr["final"]["at"] if tr["final"] else now
    started = tr["wall"] + tr["spec"].get("queue_ms", 100) / 1000.0
    running = state not in ("Requested", "Queued, Remotely", "Queued, Locally")
    elapsed = end - tr["created"]
    view = {"id": tr["id"], "username": tr["username"], "direction": "Download", "filename": tr["filename"],
            "size": tr["size"], "startOffset": 0, "state": state, "requestedAt": dotnet_time(tr["wall"]),
            "enqueuedAt": dotnet_time(tr["wall"]), "startedAt": dotnet_time(started) if running else None,
            "endedAt": dotnet_time(tr["wall"] + elapsed) if tr["final"] else None, "bytesTransferred": transferred,
            "averageSpeed": transferred / elapsed if elapsed > 0 else 0.0, "bytesRemaining": tr["size"] - transferred,
            "elapsedTime": timespan(elapsed) if running else None,
            "percentComplete": 100.0 * transferred / tr["size"] if tr["size"] else 0.0,
            "remainingTime": None, "placeInQueue": place, "exception": tr["final"]["exception"] if tr["final"] else None}
    if ST.newer_or_equal("0.26.0"):
        view.update(batchId=tr["batchId"], attempts=0, removed=tr["removed"])
    return compact(view)


def user_response(username, transfers):
    dirs = {}
    for tr in transfers:
        dirs.setdefault(tr["filename"].rsplit("\\", 1)[0] if "\\" in tr["filename"] else "", []).append(tr)
    return {"username": username, "directories": [
        {"directory": d, "fileCount": len(ts), "files": [transfer_view(t) for t in ts]} for d, ts in dirs.items()]}


def enqueue_gate_check():
    """Returns an error reply or None; the caller holds ST.enqueue_gate."""
    with LOCK:
        ST.enqueue_posts += 1
        if ST.enqueue_posts <= ST.scenario.get("enqueue_429_times", 0):
            return 429, "Too many concurrent enqueue requests; try again"
    time.sleep(ST.scenario.get("enqueue_delay_ms", 0) / 1000.0)
    return None


def enqueue_files(username, files, destination=None, batch_id=None):
    enqueued, failed = [], []
    for f in files:
        spec = ST.scenario.transfer(username, f["filename"])
        active = [t for t in ST.transfers.values() if t["username"] == username and t["filename"] == f["filename"]
                  and not t["final"] and not t["removed"]]
        if spec.get("enqueue_error") or active:
            failed.append({"filename": f["filename"], "message": spec.get("enqueue_error") or
                           "An active or queued download of %s from %s is already in progress" % (f["filename"], username)})
        else:
            enqueued.append(new_transfer(username, f["filename"], f.get("size", 0), destination, batch_id))
    return enqueued, failed


def legacy_enqueue(username, body):
    if not ST.enqueue_gate.acquire(blocking=False):
        return 429, "Too many concurrent enqueue requests; try again"
    try:
        err = enqueue_gate_check()
        if err:
            return err
        if not isinstance(body, list) or not body or any(not isinstance(f, dict) or not f.get("filename") for f in body):
            return 400, "The request must contain at least one file"
        with LOCK:
            if username in ST.scenario.get("users_offline", []):
                return 500, "User %s appears to be offline" % username
            enqueued, failed = enqueue_files(username, body)
            mode = ST.scenario.get("enqueue_reply", "auto")
            if mode == "empty" or (mode == "auto" and not ST.newer_or_equal("0.24.0")):
                return 201, b""
            # 0.24's failed list: filenames [guess]; clients should accept objects too.
            return 201, {"enqueued": [transfer_view(t) for t in enqueued], "failed": [f["filename"] for f in failed]}
    finally:
        ST.enqueue_gate.release()


def batch_view(batch):
    out = {k: v for k, v in batch.items() if k != "transfer_ids"}
    out["fileCount"] = len(batch["transfer_ids"])
    if ST.scenario.get("batch_reply_transfers", True):
        out["transfers"] = [transfer_view(ST.transfers[i]) for i in batch["transfer_ids"]]
    return compact(out)


def batch_enqueue(body):
    if not ST.enqueue_gate.acquire(blocking=False):
        return 429, "Too many concurrent enqueue requests; try again"
    try:
        err = enqueue_gate_check()
        if err:
            return err
        files = body.get("files") if isinstance(body, dict) else None
        if not files or not body.get("username") or any(not f.get("filename") for f in files):
            return 400, "A username and at least one file are required"
        if len({f["filename"] for f in files}) != len(files):
            return 400, "Duplicate filenames in the request"
        with LOCK:
            batch_id = body.get("id") or str(uuid.uuid4())
            if batch_id in ST.batches:
                return 409, "A batch with id %s already exists" % batch_id
            if body["username"] in ST.scenario.get("users_offline", []):
                return 404, "User %s appears to be offline" % body["username"]
            options = body.get("options") or {}
            enqueued, failed = enqueue_files(body["username"], files, options.get("destination"), batch_id)
            ST.batches[batch_id] = {"id": batch_id, "username": body["username"], "searchId": body.get("searchId"),
                                    "externalId": options.get("externalId"), "destination": options.get("destination"),
                                    "requestedAt": dotnet_time(time.time()), "transfer_ids": [t["id"] for t in enqueued]}
            status = 201 if not failed else (207 if enqueued else 200)
            return status, {"batch": batch_view(ST.batches[batch_id]), "failures": failed}
    finally:
        ST.enqueue_gate.release()


def route_downloads(method, seg, query, body):
    base = "/api/v0/transfers/downloads"
    batches = ST.newer_or_equal("0.26.0") and seg[:1] == ["batches"]
    if batches and method == "POST" and len(seg) == 1:
        return "POST %s/batches" % base, batch_enqueue(body)
    if batches and len(seg) == 2:
        with LOCK:
            b = ST.batches.get(seg[1])
            return "GET %s/batches/{id}" % base, ((404, None) if b is None else (200, batch_view(b)))
    if method == "POST" and len(seg) == 1:
        return "POST %s/{username}" % base, legacy_enqueue(seg[0], body)
    include_removed = query.get("includeRemoved", ["false"])[0].lower() == "true"
    with LOCK:
        visible = [t for t in ST.transfers.values() if include_removed or not t["removed"]]
        if not seg:
            users = {}
            for t in visible:
                users.setdefault(t["username"], []).append(t)
            return "GET " + base, (200, [user_response(u, ts) for u, ts in users.items()])
        mine = [t for t in visible if t["username"] == seg[0]]
        if len(seg) == 1 and method == "GET":
            return "GET %s/{username}" % base, ((404, None) if not mine else (200, user_response(seg[0], mine)))
        template = "%s %s/{username}/{id}" % (method, base)
        tr = next((t for t in mine if t["id"] == seg[1]), None) if len(seg) >= 2 else None
        if tr is None:
            return template, (404, None)
        if method == "GET":
            return template, (200, transfer_view(tr))
        if method == "DELETE":
            state, transferred, _ = advance(tr)
            if not state.startswith("Completed"):
                finalise(tr, "Completed, Cancelled", transferred, "Transfer cancelled", scripted=False)
            # Without remove=true the record stays (soulbeet #78: "204 and changes nothing").
            tr["removed"] = tr["removed"] or query.get("remove", ["false"])[0].lower() == "true"
            return template, (204, None)
    return template, (405, None)


# ---- application, session, control ------------------------------------------------------------------

def application_state():
    connected = ST.scenario.get("soulseek_connected", True)
    v = ST.args.version
    return {"version": {"full": v, "current": v, "latest": v, "isUpdateAvailable": False, "isCanary": False,
                        "isDevelopment": False}, "pendingReconnect": False, "pendingRestart": False,
            "server": {"address": "vps.slsknet.org:2271", "state": "Connected, LoggedIn" if connected else "Disconnected",
                       "isConnected": connected, "isConnecting": False, "isLoggedIn": connected,
                       "isLoggingIn": False, "isTransitioning": False},
            "user": {"username": "soulspot-fake"}, "rooms": [], "users": []}


def route_control(method, seg, body):
    """GET/PUT/PATCH /_control/scenario (PATCH merges top-level keys); GET /_control/calls; DELETE
    /_control/calls; POST /_control/restart {"keep_state": true}; POST /_control/down {"down": true};
    GET /_control/state."""
    with LOCK:
        what = seg[0] if seg else ""
        if what == "scenario" and method in ("PUT", "PATCH"):
            ST.scenario = Scenario(dict(ST.scenario.data, **body) if method == "PATCH" else body)
            return 200, ST.scenario.data
        if what == "scenario":
            return 200, ST.scenario.data
        if what == "calls" and method == "DELETE":
            ST.reset_calls()
            return 204, None
        if what == "calls":
            return 200, {"counts": {k: sum(v.values()) for k, v in ST.counts.items()}, "statuses": ST.counts,
                         "requests": ST.requests[-500:], "enqueued": ST.enqueued, "landed": ST.landed}
        if what == "restart":
            ST.jwt_key = os.urandom(32)
            if not (body or {}).get("keep_state", True):
                ST.searches, ST.transfers, ST.batches = {}, {}, {}
            return 200, {"restarted": True}
        if what == "down":
            ST.down = bool((body or {}).get("down", True))
            return 200, {"down": ST.down}
        if what == "state":
            return 200, {"searches": [search_view(s, True) for s in ST.searches.values()],
                         "transfers": [dict(transfer_view(t), removed=t["removed"], localPath=t["localPath"])
                                       for t in ST.transfers.values()]}
    return 404, "unknown control route"


def template_of(method, seg):
    """The route template a request matches, e.g. "GET /api/v0/transfers/downloads/{username}/{id}"."""
    out, previous = [], ""
    for i, s in enumerate(seg):
        low = s.lower()
        if previous in ("searches", "batches") or (previous == "{username}" and i == len(seg) - 1):
            out.append("{id}")
        elif previous == "downloads" and low != "batches":
            out.append("{username}")
        else:
            out.append(low)
        previous = out[-1]
    return method + " /api/v0/" + "/".join(out)


ATTRIBUTE_TYPES = (("bitRate", "BitRate"), ("length", "Length"), ("isVariableBitRate", "VariableBitRate"),
                   ("sampleRate", "SampleRate"), ("bitDepth", "BitDepth"))


def browse_file(f):
    """A Soulseek.NET File as slskd serialises it in a directory answer: basename, attributes, and the
    properties derived from them (omitted when unknown)."""
    out = {"code": 1, "filename": f["filename"], "size": f.get("size", 0), "extension": f.get("extension", "")}
    attrs = [{"type": name, "value": int(f[key])} for key, name in ATTRIBUTE_TYPES if key in f]
    out.update({"attributeCount": len(attrs), "attributes": attrs})
    if not f.get("attributesOnly"):
        out.update({k: f[k] for k, _ in ATTRIBUTE_TYPES if k in f})
    return out


def browse_entries_from_search(username, directory):
    prefix = directory.rstrip("\\").lower() + "\\"
    folders = {}
    for spec in list(ST.scenario.get("searches", {}).values()) + [ST.scenario.get("default_search") or {}]:
        for r in spec.get("responses", []):
            if r.get("username") != username:
                continue
            for f in r.get("files", []):
                if f["filename"].lower().startswith(prefix):
                    parent, _, base = f["filename"].rpartition("\\")
                    entry = folders.setdefault(parent, {})
                    entry.setdefault(base, dict(f, filename=base))
    return [{"name": name, "files": list(files.values())} for name, files in folders.items()]


def browse_directory(username, body):
    if not isinstance(body, dict) or not isinstance(body.get("directory"), str) or not body["directory"].strip():
        return 400, "The directory is required"
    if username in ST.scenario.get("users_offline", []):
        return 404, None  # offline or blacklisted
    fail = (ST.scenario.get("browse_fail") or {}).get(username)
    if fail:
        time.sleep(fail.get("delay_ms", 0) / 1000.0)
        return fail.get("status", 500), fail.get("message", "Operation timed out")
    directory = body["directory"]
    scripted = (ST.scenario.get("browse") or {}).get(username, {})
    entries = next((v for k, v in scripted.items() if k.lower() == directory.lower()), None)
    if entries is None:
        entries = browse_entries_from_search(username, directory) or [{"name": directory, "files": []}]
    answer = [{"name": e.get("name", directory), "fileCount": len(e.get("files", [])),
               "files": [browse_file(f) for f in e.get("files", [])]} for e in entries]
    if not ST.newer_or_equal("0.22.3"):
        return 200, answer[0]  # versions up to 0.22.2 answered a single directory object
    return 200, answer


def route_api(h, method, seg, query, body):
    """seg is the path after /api/v0, split and percent-decoded. Returns (template, (status, payload))."""
    head = seg[0].lower() if seg else ""
    if head == "session":
        if len(seg) == 2 and seg[1].lower() == "enabled":
            return "GET /api/v0/session/enabled", (200, not ST.args.auth_disabled)
        if method == "POST":
            if not isinstance(body, dict) or not body.get("username") or not body.get("password"):
                return "POST /api/v0/session", (400, "Username and password are required")
            if body["username"] != ST.args.username or body["password"] != ST.args.password:
                return "POST /api/v0/session", (401, None)
            return "POST /api/v0/session", (200, issue_token(body["username"]))
    if not authorised(h.headers):
        return template_of(method, seg), (401, None)
    if head == "session":
        return "GET /api/v0/session", (200, None)
    if head == "application":
        if len(seg) > 1 and seg[1].lower() == "version":
            return "GET /api/v0/application/version", (200, ST.args.version)
        with LOCK:
            return "GET /api/v0/application", (200, application_state())
    if head == "searches":
        return route_searches(h, method, seg[1:], query, body)
    if head == "transfers" and len(seg) > 1 and seg[1].lower() == "downloads":
        return route_downloads(method, seg[2:], query, body)
    if head == "users" and len(seg) == 3 and seg[2].lower() == "directory" and method == "POST":
        return "POST /api/v0/users/{username}/directory", browse_directory(seg[1], body)
    return method + " /api/v0/" + head, (404, None)


class Handler(fakeutil.JsonHandler):
    def log_request(self, code="-", size="-"):
        # Only refusals and errors by default: a polling test makes hundreds of 200s.
        if os.environ.get("FAKE_SLSKD_VERBOSE") or (str(code).isdigit() and int(code) >= 400):
            super().log_request(code, size)

    def handle_any(self):
        url = urlsplit(self.path)
        seg = [unquote(s) for s in url.path.split("/") if s]  # {username} arrives percent-encoded
        query = parse_qs(url.query)
        raw = self.read_body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            return self.send_json(400, "The request body is not valid JSON")
        if seg[:1] == ["_control"]:
            status, payload = route_control(self.command, seg[1:], body)
            return self.reply(status, payload)
        if ST.down:
            self.close_connection = True  # no answer at all, like a dead process
            return None
        time.sleep(ST.scenario.get("api_delay_ms", 0) / 1000.0)
        if url.path == "/health":
            return self.send_raw(200, "Healthy", "text/plain")
        if [s.lower() for s in seg[:2]] != ["api", "v0"]:
            return self.send_raw(404)
        try:
            template, (status, payload) = route_api(self, self.command, seg[2:], query, body)
        except Exception as e:  # slskd answers unhandled exceptions with the message as a JSON string
            template, status, payload = self.command + " " + url.path, 500, str(e)
        with LOCK:
            ST.counts.setdefault(template, {}).setdefault(str(status), 0)
            ST.counts[template][str(status)] += 1
            ST.requests.append({"method": self.command, "path": self.path, "route": template, "status": status})
        return self.reply(status, payload)

    def reply(self, status, payload):
        if payload is None or payload == b"":
            headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
            return self.send_raw(status, b"", "application/json", headers)
        return self.send_json(status, payload)  # errors too: plain JSON strings, not ProblemDetails

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any


def ticker():
    """Advances transfers in the background so files land even when nobody polls."""
    while True:
        time.sleep(0.02)
        with LOCK:
            for tr in list(ST.transfers.values()):
                try:
                    advance(tr)
                except OSError as e:
                    sys.stderr.write("landing %s failed: %s\n" % (tr["filename"], e))
                    tr["final"] = {"state": "Completed, Errored", "bytes": 0, "exception": str(e), "at": time.monotonic()}


def add_args(p):
    p.add_argument("--scenario")
    p.add_argument("--downloads")
    p.add_argument("--incomplete")
    p.add_argument("--api-key", default="")
    p.add_argument("--version", default="0.24.1")
    p.add_argument("--username", default="slskd")
    p.add_argument("--password", default="slskd")
    p.add_argument("--auth-disabled", action="store_true")


def main():
    global ST
    args = fakeutil.parse_args(add_args)
    args.downloads = args.downloads or tempfile.mkdtemp(prefix="fake-slskd-downloads-")
    # Partial files go to a sibling folder so nothing half-written ever appears under downloads.
    args.incomplete = args.incomplete or args.downloads.rstrip("/") + ".incomplete"
    os.makedirs(args.downloads, exist_ok=True)
    os.makedirs(args.incomplete, exist_ok=True)
    ST = State(args)
    if args.scenario:
        with open(args.scenario) as f:
            ST.scenario = Scenario(json.load(f))
    sys.stderr.write("fake slskd %s: downloads=%s\n" % (args.version, args.downloads))
    threading.Thread(target=ticker, daemon=True).start()
    fakeutil.serve(Handler, args.port)


if __name__ == "__main__":
    main()
