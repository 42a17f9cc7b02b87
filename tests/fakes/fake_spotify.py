"""A wire-faithful fake of Spotify's Accounts service AND Web API on one port (reference/spotify-api.md).

Accounts: GET /authorize (auto-approves: 302 to redirect_uri?code=…&state=…), POST /api/token (PKCE S256
checked, single-use codes, exact redirect_uri, refresh with rotate/omit/keep modes, the flat OAuth error body).
Web API under /v1: /me, /me/playlists, /playlists/{id}, /playlists/{id}/items, /playlists/{id}/tracks,
/me/tracks, /me/following?type=artist, /albums/{id} (embedded first tracks page, limit 50),
/albums/{id}/tracks (simplified tracks: no ISRC), /me/albums (saved-album objects) — bearer tokens with expiry, the nested error body, seven-key paging
objects with absolute next/previous links, cursor paging for artists, local files, null items, episodes,
403 on items of playlists the user neither owns nor collaborates on, 429 + Retry-After on demand.
Data file format: see spotify_data/catalog.py. Request bodies and answers of the control API are JSON:
  POST   /_control/revoke-refresh-tokens       every refresh token → "Refresh token revoked"   → {"revoked": n}
  POST   /_control/expire-access-tokens        every access token → 401 "The access token expired" → {"expired": n}
  POST   /_control/config {key: value, …}      change behaviour at run time; answers the whole config. Keys:
         token_ttl, code_ttl, refresh_mode (rotate|omit|keep), items_endpoint (both|items|tracks),
         items_max_limit, rate_limit_every (every Nth /v1 request → 429), rate_limit_next (the next N /v1
         requests → 429), retry_after (seconds), rate_limit_reason ("" | "QUOTA_EXCEEDED"),
         fail_next (the next N /v1 requests → fail_status), fail_status (default 503), deny_authorize (bool)
  POST   /_control/tokens {"scope"?, "ttl"?, "client_id"?}   tokens without the browser dance → token-endpoint body
  GET    /_control/requests                    {"total", "rate_limited", "paths": {"GET /v1/me": n, …}}
  DELETE /_control/requests                    reset the counters (answers them zeroed)
  PUT    /_control/playlists/{id} {playlist as in the data file}   create or replace
  POST   /_control/playlists/{id}/tracks {"tracks": [TRACK…], "generate": n, "position": i}   add; snapshot changes
  DELETE /_control/playlists/{id}/tracks {"ids": [track id…]}   remove; snapshot changes
  DELETE /_control/playlists/{id}              remove the playlist
  GET    /_control/playlists/{id}              {"id", "snapshot_id", "total"}
Counters cover every non-control request; /v1 calls count towards rate_limit_every.
"""
import base64
import hashlib
import secrets
import sys
import threading
import time
import urllib.parse

sys.dont_write_bytecode = True  # keep tests/fakes/ free of __pycache__
import fakeutil  # noqa: E402
from spotify_data import catalog  # noqa: E402

LOCK = threading.RLock()
ALL_SCOPES = "playlist-read-private playlist-read-collaborative user-library-read user-follow-read"
SCOPE_FOR = {"/v1/me/playlists": "playlist-read-private", "/v1/me/tracks": "user-library-read",
             "/v1/me/albums": "user-library-read",
             "/v1/me/following": "user-follow-read"}


class State:
    def __init__(self, args):
        self.cfg = {"token_ttl": args.token_ttl, "code_ttl": args.code_ttl, "refresh_mode": args.refresh_mode,
                    "items_endpoint": args.items_endpoint, "items_max_limit": args.items_max_limit,
                    "rate_limit_every": args.rate_limit_every, "retry_after": args.retry_after,
                    "rate_limit_reason": args.rate_limit_reason, "rate_limit_next": 0, "deny_authorize": False,
                    "fail_next": 0, "fail_status": 503}
        self.client_id = args.client_id
        self.redirect_uris = args.redirect_uri or []
        self.catalog = catalog.Catalog(args.data, args.generate_playlist, args.generate_liked, args.generate_artists)
        self.codes, self.access, self.refresh = {}, {}, {}
        self.counts, self.total, self.rate_limited, self.api_calls = {}, 0, 0, 0

    def issue_tokens(self, client_id, scope, with_refresh=True):
        access = "BQ" + secrets.token_urlsafe(32)
        self.access[access] = {"expires": time.time() + self.cfg["token_ttl"], "scope": scope}
        body = {"access_token": access, "token_type": "Bearer", "scope": scope, "expires_in": self.cfg["token_ttl"]}
        if with_refresh:
            refresh = "AQ" + secrets.token_urlsafe(48)
            self.refresh[refresh] = {"client_id": client_id, "scope": scope, "revoked": False}
            body["refresh_token"] = refresh
        return body


STATE = None


def oauth_error(handler, error, description, status=400):
    handler.send_json(status, {"error": error, "error_description": description}, {"Cache-Control": "no-store"})


def api_error(handler, status, message, headers=None, reason=None):
    err = {"status": status, "message": message}
    if reason:
        err["reason"] = reason
    handler.send_json(status, {"error": err}, headers)


def s256(verifier):
    return base64.urlsafe_b64encode(hashlib.sha256(verifier.encode("ascii", "replace")).digest()).rstrip(b"=").decode()


def redirect_allowed(uri):
    """§1.7: exact match against --redirect-uri when given (a loopback URI registered without a port matches
    any port); otherwise any https URI or an http loopback literal. `localhost` is always rejected."""
    parsed = urllib.parse.urlsplit(uri)
    if parsed.hostname == "localhost":
        return False
    for registered in STATE.redirect_uris:
        reg = urllib.parse.urlsplit(registered)
        if uri == registered:
            return True
        if reg.port is None and reg.hostname in ("127.0.0.1", "::1") and parsed.hostname == reg.hostname \
                and parsed.scheme == reg.scheme and parsed.path == reg.path:
            return True
    if STATE.redirect_uris:
        return False
    return parsed.scheme == "https" or (parsed.scheme == "http" and parsed.hostname in ("127.0.0.1", "::1"))


class Handler(fakeutil.JsonHandler):
    def route(self):
        split = urllib.parse.urlsplit(self.path)
        path, params = split.path, dict(urllib.parse.parse_qsl(split.query, keep_blank_values=True))
        if path.startswith("/_control/"):
            return self.control(path, params)
        with LOCK:
            STATE.total += 1
            key = "%s %s" % (self.command, path)
            STATE.counts[key] = STATE.counts.get(key, 0) + 1
        if path == "/authorize" and self.command == "GET":
            return self.authorize(params)
        if path == "/api/token":
            if self.command != "POST":
                return oauth_error(self, "invalid_request", "Method not allowed", 405)
            return self.token()
        if path.startswith("/v1/"):
            return self.web_api(path, params)
        self.send_raw(404, "Not found", "text/plain")

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = route

    # ---- Accounts service -------------------------------------------------------------------------------
    def authorize(self, p):
        redirect = p.get("redirect_uri", "")
        if not p.get("client_id") or (STATE.client_id and p["client_id"] != STATE.client_id):
            return self.send_raw(400, "INVALID_CLIENT: Invalid client", "text/plain")
        if not redirect or not redirect_allowed(redirect):
            return self.send_raw(400, "INVALID_CLIENT: Invalid redirect URI", "text/plain")
        answer = {}
        if p.get("response_type") != "code":
            answer = {"error": "unsupported_response_type"}
        elif p.get("code_challenge_method") != "S256" or len(p.get("code_challenge", "")) != 43:
            answer = {"error": "invalid_request", "error_description": "code_challenge (S256) required"}
        elif STATE.cfg["deny_authorize"]:
            answer = {"error": "access_denied"}
        else:
            code = "AQ" + secrets.token_urlsafe(32)
            with LOCK:
                STATE.codes[code] = {"client_id": p["client_id"], "redirect_uri": redirect, "used": False,
                                     "challenge": p["code_challenge"], "scope": p.get("scope", ""),
                                     "expires": time.time() + STATE.cfg["code_ttl"]}
            answer = {"code": code}
        if "state" in p:
            answer["state"] = p["state"]
        sep = "&" if "?" in redirect else "?"
        self.send_raw(302, "", "text/plain", {"Location": redirect + sep + urllib.parse.urlencode(answer)})

    def token(self):
        if not (self.headers.get("Content-Type") or "").startswith("application/x-www-form-urlencoded"):
            return oauth_error(self, "invalid_request", "Content-Type must be application/x-www-form-urlencoded")
        form = dict(urllib.parse.parse_qsl(self.read_body().decode("utf-8", "replace"), keep_blank_values=True))
        client_id = form.get("client_id", "")
        if not client_id or (STATE.client_id and client_id != STATE.client_id):
            return oauth_error(self, "invalid_client", "Invalid client")
        grant = form.get("grant_type")
        with LOCK:
            if grant == "authorization_code":
                return self.grant_code(form, client_id)
            if grant == "refresh_token":
                return self.grant_refresh(form, client_id)
        oauth_error(self, "unsupported_grant_type", "grant_type parameter is missing or unsupported")

    def grant_code(self, form, client_id):
        code = STATE.codes.get(form.get("code", ""))
        if code is None or code["used"] or code["expires"] < time.time():
            return oauth_error(self, "invalid_grant", "Invalid authorization code")
        if code["client_id"] != client_id:
            return oauth_error(self, "invalid_client", "Invalid client")
        if form.get("redirect_uri") != code["redirect_uri"]:
            return oauth_error(self, "invalid_grant", "Invalid redirect URI")
        if s256(form.get("code_verifier", "")) != code["challenge"]:
            return oauth_error(self, "invalid_grant", "code_verifier was incorrect")
        code["used"] = True
        self.send_json(200, STATE.issue_tokens(client_id, code["scope"]), {"Cache-Control": "no-store"})

    def grant_refresh(self, form, client_id):
        old = form.get("refresh_token", "")
        entry = STATE.refresh.get(old)
        if entry is None:
            return oauth_error(self, "invalid_grant", "Invalid refresh token")
        if entry["revoked"]:
            return oauth_error(self, "invalid_grant", "Refresh token revoked")
        if entry["client_id"] != client_id:
            return oauth_error(self, "invalid_client", "Invalid client")
        mode = STATE.cfg["refresh_mode"]
        body = STATE.issue_tokens(client_id, entry["scope"], with_refresh=(mode == "rotate"))
        if mode == "rotate":
            entry["revoked"] = True
        elif mode == "keep":
            body["refresh_token"] = old
        self.send_json(200, body, {"Cache-Control": "no-store"})

    # ---- Web API ------------------------------------------------------------------------------------------
    def web_api(self, path, params):
        with LOCK:
            STATE.api_calls += 1
            cfg = STATE.cfg
            limited = cfg["rate_limit_next"] > 0 or (
                cfg["rate_limit_every"] > 0 and STATE.api_calls % cfg["rate_limit_every"] == 0)
            if limited:
                cfg["rate_limit_next"] = max(0, cfg["rate_limit_next"] - 1)
                STATE.rate_limited += 1
            failing = cfg["fail_next"] > 0 and not limited
            if failing:
                cfg["fail_next"] -= 1
        if failing:
            return api_error(self, cfg["fail_status"], "Service unavailable")
        if limited:
            return api_error(self, 429, "API rate limit exceeded", {"Retry-After": str(cfg["retry_after"])},
                             cfg["rate_limit_reason"] or None)
        auth = self.headers.get("Authorization") or ""
        if not auth.startswith("Bearer "):
            return api_error(self, 401, "No token provided")
        with LOCK:
            token = STATE.access.get(auth[len("Bearer "):])
        if token is None:
            return api_error(self, 401, "Invalid access token")
        if token["expires"] <= time.time():
            return api_error(self, 401, "The access token expired")
        needed = SCOPE_FOR.get(path)
        if needed and needed not in token["scope"].split():
            return api_error(self, 403, "Insufficient client scope")
        if self.command != "GET":
            return api_error(self, 405, "Method not allowed")
        with LOCK:
            return self.web_api_get(path, params)

    def web_api_get(self, path, params):
        cat, base = STATE.catalog, "http://%s" % (self.headers.get("Host") or "127.0.0.1")
        parts = path.split("/")[2:]  # after "/v1"
        if parts == ["me"]:
            return self.send_json(200, cat.user_object())
        if parts == ["me", "playlists"]:
            items = [cat.playlist_object(pid, base, simplified=True) for pid in cat.order]
            return self.paged(base, path, params, items, 20, 50)
        if parts == ["me", "tracks"]:
            return self.paged(base, path, params, cat.liked, 20, 50)
        if parts == ["me", "following"]:
            return self.following(base, path, params)
        if parts == ["me", "albums"]:
            items = [{"added_at": s["added_at"], "album": cat.album_object(s["id"], base)}
                     for s in cat.saved_albums if s["id"] in cat.albums]
            return self.paged(base, path, params, items, 20, 50)
        if len(parts) in (2, 3) and parts[0] == "albums":
            if parts[1] not in cat.albums:
                return api_error(self, 404 if len(parts[1]) == 22 else 400,
                                 "Resource not found" if len(parts[1]) == 22 else "Invalid base62 id")
            if len(parts) == 2:
                return self.send_json(200, cat.album_object(parts[1], base))
            if parts[2] == "tracks":
                return self.paged(base, path, params, cat.albums[parts[1]]["tracks"], 20, 50)
        if len(parts) >= 2 and parts[0] == "playlists":
            pl = cat.playlists.get(parts[1])
            if pl is None:
                return api_error(self, 404, "Resource not found")
            if len(parts) == 2:
                return self.send_json(200, cat.playlist_object(parts[1], base, STATE.cfg["items_max_limit"]))
            if len(parts) == 3 and parts[2] in ("items", "tracks"):
                return self.playlist_items(base, path, params, parts[1], parts[2])
        api_error(self, 404, "Service not found")

    def playlist_items(self, base, path, params, pid, kind):
        mode = STATE.cfg["items_endpoint"]
        if kind == "items" and mode == "tracks":
            return api_error(self, 404, "Service not found")  # a deployment from before the 2026 rename
        if kind == "tracks" and mode == "items":
            return api_error(self, 403, "Forbidden")  # dev-mode apps since 2026 [observed]
        if not STATE.catalog.user_may_read_items(pid):
            return api_error(self, 403, "Forbidden")
        max_limit = STATE.cfg["items_max_limit"] if kind == "items" else 100
        items = STATE.catalog.rendered_entries(pid)
        return self.paged(base, path, params, items, 20 if kind == "items" else 100, max_limit)

    def paged(self, base, path, params, items, default_limit, max_limit):
        page = catalog.paging(base, path, params, items, default_limit, max_limit)
        if isinstance(page, str):
            return api_error(self, 400, page)
        self.send_json(200, page)

    def following(self, base, path, params):
        if params.get("type") != "artist":
            return api_error(self, 400, "Only valid type is 'artist'")
        try:
            limit = int(params.get("limit", 20))
        except ValueError:
            limit = -1
        if not 1 <= limit <= 50:
            return api_error(self, 400, "Invalid limit")
        artists = STATE.catalog.artists
        start = 0
        if params.get("after"):
            ids = [a["id"] for a in artists]
            start = ids.index(params["after"]) + 1 if params["after"] in ids else len(artists)
        chunk = artists[start:start + limit]
        more = start + limit < len(artists)
        after = chunk[-1]["id"] if more and chunk else None
        query = {"type": "artist", "limit": limit}
        nxt = base + path + "?" + urllib.parse.urlencode(dict(query, after=after)) if after else None
        self.send_json(200, {"artists": {"href": base + path + "?" + urllib.parse.urlencode(params), "limit": limit,
                                         "next": nxt, "cursors": {"after": after}, "total": len(artists),
                                         "items": chunk}})

    # ---- Test control API (not Spotify) -------------------------------------------------------------------
    def control(self, path, params):
        body = self.read_json() or {}
        parts = path.split("/")[2:]
        with LOCK:
            if parts == ["revoke-refresh-tokens"]:
                for entry in STATE.refresh.values():
                    entry["revoked"] = True
                return self.send_json(200, {"revoked": len(STATE.refresh)})
            if parts == ["expire-access-tokens"]:
                for entry in STATE.access.values():
                    entry["expires"] = 0
                return self.send_json(200, {"expired": len(STATE.access)})
            if parts == ["config"]:
                unknown = [k for k in body if k not in STATE.cfg]
                if unknown:
                    return self.send_json(400, {"error": "unknown keys %s" % unknown})
                STATE.cfg.update(body)
                return self.send_json(200, STATE.cfg)
            if parts == ["tokens"] and self.command == "POST":
                ttl = body.get("ttl")
                saved = STATE.cfg["token_ttl"]
                STATE.cfg["token_ttl"] = ttl if ttl is not None else saved
                tokens = STATE.issue_tokens(body.get("client_id", STATE.client_id or "test-client"),
                                            body.get("scope", ALL_SCOPES))
                STATE.cfg["token_ttl"] = saved
                return self.send_json(200, tokens)
            if parts == ["requests"]:
                if self.command == "DELETE":
                    STATE.counts, STATE.total, STATE.rate_limited = {}, 0, 0
                return self.send_json(200, {"total": STATE.total, "rate_limited": STATE.rate_limited,
                                            "paths": STATE.counts})
            if len(parts) >= 2 and parts[0] == "playlists":
                result = STATE.catalog.control(self.command, parts[1], parts[2:], body)
                return self.send_json(*result)
        self.send_json(404, {"error": "unknown control endpoint"})


def add_args(parser):
    parser.add_argument("--data", help="JSON file with user, playlists, liked, followed_artists")
    parser.add_argument("--generate-playlist", action="append", default=[], metavar="ID:N",
                        help="add an owned playlist ID with N synthetic tracks (ISRCs included); repeatable")
    parser.add_argument("--generate-liked", type=int, default=0, metavar="N", help="append N synthetic liked songs")
    parser.add_argument("--generate-artists", type=int, default=0, metavar="N", help="append N followed artists")
    parser.add_argument("--token-ttl", type=int, default=3600, help="access-token lifetime in seconds")
    parser.add_argument("--code-ttl", type=int, default=600, help="authorization-code lifetime in seconds")
    parser.add_argument("--refresh-mode", choices=["rotate", "omit", "keep"], default="rotate",
                        help="rotate: new refresh token, old revoked; omit: no refresh_token; keep: same one")
    parser.add_argument("--items-endpoint", choices=["both", "items", "tracks"], default="both",
                        help="items: /tracks answers 403; tracks: /items answers 404")
    parser.add_argument("--items-max-limit", type=int, default=50, help="largest limit /items accepts")
    parser.add_argument("--rate-limit-every", type=int, default=0, help="every Nth /v1 request gets 429")
    parser.add_argument("--retry-after", type=int, default=1, help="Retry-After seconds on 429")
    parser.add_argument("--rate-limit-reason", default="", help='e.g. QUOTA_EXCEEDED; "" for none')
    parser.add_argument("--client-id", default="", help="accept only this client_id (default: any)")
    parser.add_argument("--redirect-uri", action="append", help="registered redirect URI; repeatable")


if __name__ == "__main__":
    ARGS = fakeutil.parse_args(add_args)
    STATE = State(ARGS)
    fakeutil.serve(Handler, ARGS.port)
