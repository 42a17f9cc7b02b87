"""A wire-faithful fake of MusicBrainz WS/2 AND the Cover Art Archive on one port
(reference/musicbrainz-api.md §1, §3, §4).

MusicBrainz, under /ws/2 (JSON with fmt=json or Accept: application/json; an XML stub otherwise; 406 for
another fmt; inc checked per resource → 400 "<x> is not a valid inc parameter for the <entity> resource."):
  GET /ws/2/isrc/{isrc}?inc=…         400 "Invalid isrc." unless ^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$; 404 when unknown
  GET /ws/2/recording/{mbid}?inc=…    400 "Invalid mbid."; 404 {"error": "Not Found", "help": …}
  GET /ws/2/recording?query=…&limit=&offset=   Lucene subset: field:"phrase" | field:term | dur:[a TO b],
                                      joined by AND; unescaped special characters → 400. Limit outside 1–100 → 25
  GET /ws/2/release/{mbid}?inc=…      media/tracks (lookups: "tracks"; search answers: "track")
  GET /ws/2/release?release-group={mbid}&inc=…&limit=&offset=   browse: {"release-count", "release-offset",
                                      "releases": [release as in a lookup]}; limit default 25, above 100 → 100;
                                      unknown group → 404; --browse-track-budget N returns fewer releases than
                                      asked once a page holds N tracks (with inc=recordings), like the real server
  GET /ws/2/release-group?query=…     search on releasegroup/release/artist/artistname/primarytype/rgid:
                                      {"created", "count", "offset", "release-groups": [... "score" ...]}
Cover Art Archive (MBIDs must be lower case → 400 "invalid MBID specified"; no art → 404):
  GET /release/{mbid}                  307 → //<host>/download/mbid-{mbid}/index.json
  GET /release/{mbid}/front[-250|-500|-1200]   307 → //<host>/download/mbid-{mbid}/mbid-{mbid}-{imageId}[_thumbN].jpg
  GET /download/mbid-{mbid}/{file}     302 → /images/{file} (a storage node), via /hop/{n}/… when extraHops is set
  GET /images/{file}                   the image bytes;   GET /fallback/{name}   a caller-side image ("images")
Options: --data FILE (default musicbrainz_data/catalog.json), --strict-rate (a request to /ws/2 within
--rate-interval-ms [1000] of the previous one from the same client IP → 503 + Retry-After: 1, like the
real limit), --require-user-agent (no UA, or one not shaped "App/version ( contact )", or a generic library UA
→ 403 on every non-control path).
Data file: {"recordings": [{"id", "title", "length" (ms|null), "disambiguation"?, "searchScore"? (forces
the search score), "artists": [{"id", "name", "sortName"?, "type"?, "credited"?, "joinphrase"?}],
"isrcs": [...], "releases": [{"id": release id, "disc": medium position, "track": position}]}],
"releases": [{"id", "title", "status", "date"?, "country"?, "barcode"?, "artists": [...],
"releaseGroup": {"id", "title"?, "primaryType", "secondaryTypes"}, "media": [{"position", "format", "trackCount",
"tracks"? [{"title", "length", "isrcs", "artists"?, "recording"? (id)}] (inline; trackCount defaults to their number)}],
"cover"?: {"kind": "jpeg"|"png"|"text", "bytes"? (pad to), "file"? (relative to the data file),
"imageId", "extraHops"?}}], "images": {name: same spec as cover},
"bulkReleaseGroups": [{"id", "title", "artist", "count", "trackCount"}] (count generated Official releases)}.
Control API (never logged, never rate limited), JSON:
  GET  /_control/log      {"requests": [{"t" (monotonic seconds), "method", "path", "query", "userAgent",
                           "client", "status"}]}
  GET  /_control/counts   {"total", "byStatus": {"200": n}, "byPath": {"/ws/2/isrc/X": n}}
  POST /_control/reset    clears log, counts, pending failures and the rate-limit memory → {"reset": true}
  POST /_control/fail {"status": 503, "count": 1, "retryAfter"?: s, "pathPrefix"?: "/ws/2"}
                          the next `count` matching requests answer `status` → {"pending": n}
  POST /_control/config {"strictRate"?, "requireUserAgent"?, "rateIntervalMs"?}   → the whole config
"""
import json
import os
import re
import sys
import threading
import time
import urllib.parse
import uuid

sys.dont_write_bytecode = True  # keep tests/fakes/ free of __pycache__
import fakeutil  # noqa: E402
from musicbrainz_data import images, wire  # noqa: E402

LOCK = threading.Lock()
HERE = os.path.dirname(os.path.abspath(__file__))
MBID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
ISRC = re.compile(r"^[A-Z]{2}[A-Z0-9]{3}[0-9]{7}$")
GOOD_UA = re.compile(r"^[^\s/]+/\S+.*\(.*\S.*\)")
GENERIC_UA = ("python-urllib", "java/", "curl/", "libcurl", "wget/", "go-http-client", "python-requests")
RATE_LIMIT_TEXT = ("Your requests are exceeding the allowable rate limit. Please see "
                   "http://wiki.musicbrainz.org/XMLWebService for more information.")
VALID_INC = {
    "isrc": {"artists", "artist-credits", "releases", "isrcs", "aliases", "tags", "genres", "ratings",
             "release-groups", "media", "url-rels"},
    "recording": {"artists", "artist-credits", "releases", "release-groups", "media", "isrcs", "aliases", "tags",
                  "genres", "ratings", "url-rels", "annotation", "discids"},
    "release": {"artists", "artist-credits", "recordings", "release-groups", "media", "isrcs", "labels", "aliases",
                "tags", "genres", "ratings", "url-rels", "annotation", "discids"},
}


class State:
    def __init__(self, args):
        path = args.data or os.path.join(HERE, "musicbrainz_data", "catalog.json")
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        self.data_dir = os.path.dirname(os.path.abspath(path))
        self.recordings = {r["id"]: r for r in data.get("recordings", [])}
        self.releases = {r["id"]: r for r in data.get("releases", [])}
        for bulk in data.get("bulkReleaseGroups", []):
            artist = {"id": str(uuid.uuid5(uuid.NAMESPACE_URL, "artist:" + bulk["artist"])), "name": bulk["artist"]}
            for i in range(int(bulk["count"])):
                rid = str(uuid.uuid5(uuid.NAMESPACE_URL, "%s/%d" % (bulk["id"], i)))
                self.releases[rid] = {"id": rid, "title": bulk["title"], "status": "Official",
                                      "date": "2000-01-%02d" % (i % 28 + 1), "country": "XW", "artists": [artist],
                                      "releaseGroup": {"id": bulk["id"], "primaryType": "Album", "secondaryTypes": []},
                                      "media": [{"position": 1, "format": "Digital Media",
                                                 "trackCount": int(bulk.get("trackCount", 10))}]}
        for rel in self.releases.values():
            for m in rel.get("media", []):
                m.setdefault("trackCount", len(m.get("tracks") or []))
        self.browse_track_budget = args.browse_track_budget
        self.images = data.get("images", {})
        self.config = {"strictRate": args.strict_rate, "requireUserAgent": args.require_user_agent,
                       "rateIntervalMs": args.rate_interval_ms}
        self.reset()

    def reset(self):
        self.log, self.counts, self.by_status, self.failures, self.last_seen = [], {}, {}, [], {}


class Handler(fakeutil.JsonHandler):
    def do_GET(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith("/_control/"):
            return self.control(url.path, None)
        status = self.answer(url)
        with LOCK:
            STATE.log.append({"t": self.arrived, "method": self.command, "path": url.path, "query": url.query,
                              "userAgent": self.headers.get("User-Agent"), "client": self.client_address[0],
                              "status": status})
            STATE.counts[url.path] = STATE.counts.get(url.path, 0) + 1
            STATE.by_status[str(status)] = STATE.by_status.get(str(status), 0) + 1

    do_HEAD = do_GET

    def do_POST(self):
        url = urllib.parse.urlsplit(self.path)
        if url.path.startswith("/_control/"):
            return self.control(url.path, self.read_json() or {})
        self.read_body()
        self.send_json(405, wire.error_body("Method not allowed"))

    # --- answers ----------------------------------------------------------------------------------------
    def reply(self, status, obj=None, headers=None, raw=None, content_type="application/json; charset=utf-8"):
        if raw is not None:
            self.send_raw(status, raw, content_type, headers)
        else:
            self.send_json(status, obj, headers)
        return status

    def gate(self, path):
        """User-Agent check, the per-IP rate limit and injected failures; a status when the request stops here."""
        ua = self.headers.get("User-Agent") or ""
        with LOCK:
            cfg = dict(STATE.config)
            if cfg["requireUserAgent"] and (not GOOD_UA.match(ua) or ua.lower().startswith(GENERIC_UA)):
                return self.reply(403, wire.error_body("Forbidden: please send a meaningful User-Agent"))
            if path.startswith("/ws/2"):
                client = self.client_address[0]
                previous = STATE.last_seen.get(client)
                STATE.last_seen[client] = self.arrived
                if cfg["strictRate"] and previous is not None and \
                        (self.arrived - previous) * 1000 < cfg["rateIntervalMs"]:
                    return self.reply(503, wire.error_body(RATE_LIMIT_TEXT), {"Retry-After": "1"})
            for failure in STATE.failures:
                if path.startswith(failure["pathPrefix"]) and failure["count"] > 0:
                    failure["count"] -= 1
                    headers = {"Retry-After": str(failure["retryAfter"])} if failure.get("retryAfter") is not None else {}
                    text = RATE_LIMIT_TEXT if failure["status"] == 503 else "Injected failure"
                    return self.reply(failure["status"], wire.error_body(text), headers)
        return None

    def answer(self, url):
        self.arrived = time.monotonic()
        stopped = self.gate(url.path)
        if stopped is not None:
            return stopped
        if url.path.startswith("/ws/2/"):
            return self.musicbrainz(url.path[len("/ws/2/"):], urllib.parse.parse_qs(url.query))
        return self.coverart(url.path)

    def musicbrainz(self, path, query):
        fmt = query.get("fmt", [""])[0]
        if fmt not in ("", "json", "xml"):
            return self.reply(406, raw=b"", content_type="text/plain")
        if fmt == "xml" or (fmt == "" and "application/json" not in (self.headers.get("Accept") or "")):
            return self.reply(200, raw='<?xml version="1.0" encoding="UTF-8"?>'
                              '<metadata xmlns="http://musicbrainz.org/ns/mmd-2.0#"/>', content_type="application/xml")
        parts = path.split("/")
        entity, key = parts[0], parts[1] if len(parts) > 1 else ""
        if entity == "recording" and not key and "query" in query:
            return self.search(query)
        if entity == "release-group" and not key and "query" in query:
            return self.search_release_groups(query)
        if entity == "release" and not key and "release-group" in query:
            return self.browse_releases(query)
        if entity not in VALID_INC or not key:
            return self.reply(400, wire.error_body("Invalid resource or missing MBID."))
        inc = set(re.split(r"[+ ]", query.get("inc", [""])[0])) - {""}
        bad = sorted(inc - VALID_INC[entity])
        if bad:
            return self.reply(400, wire.error_body("%s is not a valid inc parameter for the %s resource." % (bad[0], entity)))
        if entity == "isrc":
            if not ISRC.match(key):
                return self.reply(400, wire.error_body("Invalid isrc."))
            found = [r for r in STATE.recordings.values() if key in r.get("isrcs", [])]
            if not found:
                return self.reply(404, wire.error_body("Not Found"))
            return self.reply(200, {"isrc": key, "recordings": [wire.recording(r, STATE.releases, inc) for r in found]})
        if not MBID.match(key):
            return self.reply(400, wire.error_body("Invalid mbid."))
        if entity == "release" and "isrcs" in inc and "recordings" not in inc:
            return self.reply(400, wire.error_body("isrcs is not a valid option for the inc parameter for the release "
                                                   "resource unless you specify one of the following other inc "
                                                   "parameters: recordings"))
        if entity == "recording":
            rec = STATE.recordings.get(key.lower())
            if not rec:
                return self.reply(404, wire.error_body("Not Found"))
            return self.reply(200, wire.recording(rec, STATE.releases, inc))
        rel = STATE.releases.get(key.lower())
        if not rel:
            return self.reply(404, wire.error_body("Not Found"))
        return self.reply(200, wire.release_lookup(rel, STATE.recordings, inc))

    def search(self, query):
        clauses = wire.parse_query(query["query"][0])
        if clauses is None:
            return self.reply(400, wire.error_body("Invalid search query."))
        try:
            limit = int(query.get("limit", ["25"])[0])
            offset = max(0, int(query.get("offset", ["0"])[0]))
        except ValueError:
            return self.reply(400, wire.error_body("Invalid limit or offset."))
        limit = limit if 1 <= limit <= 100 else 25
        scored = [(wire.score_recording(r, clauses, STATE.releases), r) for r in STATE.recordings.values()]
        hits = sorted([(s, r) for s, r in scored if s > 0], key=lambda sr: (-sr[0], sr[1]["title"], sr[1]["id"]))
        page = [wire.search_hit(r, STATE.releases, s) for s, r in hits[offset:offset + limit]]
        return self.reply(200, {"created": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()),
                                "count": len(hits), "offset": offset, "recordings": page})

    def page_args(self, query, default=25):
        try:
            return int(query.get("limit", [str(default)])[0]), max(0, int(query.get("offset", ["0"])[0]))
        except ValueError:
            return None, None

    def browse_releases(self, query):
        inc = set(re.split(r"[+ ]", query.get("inc", [""])[0])) - {""}
        bad = sorted(inc - VALID_INC["release"])
        if bad:
            return self.reply(400, wire.error_body("%s is not a valid inc parameter for the release resource." % bad[0]))
        if "isrcs" in inc and "recordings" not in inc:
            return self.reply(400, wire.error_body("isrcs is not a valid option for the inc parameter for the release "
                                                   "resource unless you specify one of the following other inc "
                                                   "parameters: recordings"))
        rgid = query["release-group"][0]
        if not MBID.match(rgid):
            return self.reply(400, wire.error_body("Invalid mbid."))
        limit, offset = self.page_args(query)
        if limit is None:
            return self.reply(400, wire.error_body("Invalid limit or offset."))
        limit = 25 if limit < 1 else min(limit, 100)  # browse clamps large limits to 100
        matching = sorted((r for r in STATE.releases.values() if (r.get("releaseGroup") or {}).get("id") == rgid.lower()),
                          key=lambda r: (r.get("date") or "9999", r["id"]))
        if not matching:
            return self.reply(404, wire.error_body("Not Found"))
        page, tracks = [], 0
        for rel in matching[offset:offset + limit]:
            if page and "recordings" in inc and STATE.browse_track_budget and tracks >= STATE.browse_track_budget:
                break  # the real server shortens pages that would carry too many tracks
            tracks += sum(m["trackCount"] for m in rel.get("media", []))
            page.append(wire.release_lookup(rel, STATE.recordings, inc))
        return self.reply(200, {"release-count": len(matching), "release-offset": offset, "releases": page})

    def search_release_groups(self, query):
        clauses = wire.parse_query(query["query"][0])
        if clauses is None:
            return self.reply(400, wire.error_body("Invalid search query."))
        limit, offset = self.page_args(query)
        if limit is None:
            return self.reply(400, wire.error_body("Invalid limit or offset."))
        limit = limit if 1 <= limit <= 100 else 25
        groups = wire.release_groups(STATE.releases).values()
        scored = [(wire.score_release_group(g, clauses), g) for g in groups]
        hits = sorted([(sc, g) for sc, g in scored if sc > 0], key=lambda sg: (-sg[0], sg[1]["title"], sg[1]["id"]))
        return self.reply(200, {"created": time.strftime("%Y-%m-%dT%H:%M:%S.000Z", time.gmtime()), "count": len(hits),
                                "offset": offset,
                                "release-groups": [wire.release_group_hit(g, sc) for sc, g in hits[offset:offset + limit]]})

    def coverart(self, path):
        host = self.headers.get("Host") or "127.0.0.1:%d" % self.server.server_address[1]
        m = re.match(r"^/release/([^/]+)(?:/(front|back)(?:-(250|500|1200))?)?$", path)
        if m:
            mbid, which, size = m.groups()
            if not MBID.match(mbid) or mbid != mbid.lower():
                return self.reply(400, raw="invalid MBID specified", content_type="text/plain")
            rel = STATE.releases.get(mbid)
            cover = rel.get("cover") if rel else None
            if not cover or which == "back":
                return self.reply(404, raw="No cover art found for release %s" % mbid, content_type="text/plain")
            if not which:
                return self.reply(307, raw=b"", headers={"Location": "//%s/download/mbid-%s/index.json" % (host, mbid)})
            thumb = "_thumb%s" % size if size else ""
            ext = "jpg" if size else images.extension(cover)
            name = "mbid-%s-%s%s.%s" % (mbid, cover.get("imageId", 1), thumb, ext)
            return self.reply(307, raw=b"", headers={"Location": "//%s/download/mbid-%s/%s" % (host, mbid, name)})
        m = re.match(r"^/download/mbid-([0-9a-f-]{36})/(.+)$", path)
        if m:
            mbid, name = m.groups()
            rel = STATE.releases.get(mbid)
            if not rel or not rel.get("cover"):
                return self.reply(404, raw="Not found", content_type="text/plain")
            if name == "index.json":
                return self.reply(200, self.index_json(mbid, rel["cover"], host))
            hops = int(rel["cover"].get("extraHops", 0))
            target = "/hop/%d/%s" % (hops, name) if hops else "/images/%s" % name
            return self.reply(302, raw=b"", headers={"Location": target})
        m = re.match(r"^/hop/(\d+)/(.+)$", path)
        if m:
            left, name = int(m.group(1)) - 1, m.group(2)
            return self.reply(302, raw=b"", headers={"Location": "/hop/%d/%s" % (left, name) if left else "/images/" + name})
        m = re.match(r"^/images/mbid-([0-9a-f-]{36})-", path)
        if m and STATE.releases.get(m.group(1), {}).get("cover"):
            return self.image(STATE.releases[m.group(1)]["cover"])
        m = re.match(r"^/fallback/(.+)$", path)
        if m and m.group(1) in STATE.images:
            return self.image(STATE.images[m.group(1)])
        return self.reply(404, raw="Not found", content_type="text/plain")

    def image(self, spec):
        kind = spec.get("kind", "jpeg")
        content_type = {"jpeg": "image/jpeg", "png": "image/png"}.get(kind, "text/html")
        return self.reply(200, raw=images.make(spec, STATE.data_dir), content_type=content_type)

    @staticmethod
    def index_json(mbid, cover, host):
        base = "http://%s/release/%s/%s" % (host, mbid, cover.get("imageId", 1))
        return {"images": [{"approved": True, "back": False, "comment": "", "edit": 1, "front": True,
                            "id": cover.get("imageId", 1), "image": base + "." + images.extension(cover),
                            "thumbnails": {"250": base + "-250.jpg", "500": base + "-500.jpg",
                                           "1200": base + "-1200.jpg", "small": base + "-250.jpg",
                                           "large": base + "-500.jpg"},
                            "types": ["Front"]}],
                "release": "https://musicbrainz.org/release/%s" % mbid}

    # --- control ----------------------------------------------------------------------------------------
    def control(self, path, body):
        with LOCK:
            if path == "/_control/log" and body is None:
                return self.send_json(200, {"requests": list(STATE.log)})
            if path == "/_control/counts" and body is None:
                return self.send_json(200, {"total": len(STATE.log), "byStatus": STATE.by_status,
                                            "byPath": STATE.counts})
            if path == "/_control/reset" and body is not None:
                STATE.reset()
                return self.send_json(200, {"reset": True})
            if path == "/_control/fail" and body is not None:
                STATE.failures.append({"status": int(body.get("status", 503)), "count": int(body.get("count", 1)),
                                       "retryAfter": body.get("retryAfter"),
                                       "pathPrefix": body.get("pathPrefix", "/ws/2")})
                return self.send_json(200, {"pending": sum(f["count"] for f in STATE.failures)})
            if path == "/_control/config" and body is not None:
                STATE.config.update({k: v for k, v in body.items() if k in STATE.config})
                return self.send_json(200, STATE.config)
        return self.send_json(404, {"error": "unknown control endpoint " + path})


def options(parser):
    parser.add_argument("--data", default=None)
    parser.add_argument("--strict-rate", action="store_true")
    parser.add_argument("--rate-interval-ms", type=int, default=1000)
    parser.add_argument("--require-user-agent", action="store_true")
    parser.add_argument("--browse-track-budget", type=int, default=0,
                        help="with inc=recordings, end a browse page early once it holds this many tracks (0 = never)")


if __name__ == "__main__":
    ARGS = fakeutil.parse_args(options)
    STATE = State(ARGS)
    fakeutil.serve(Handler, ARGS.port)
