"""The fake Spotify's library: user, playlists (with versioned snapshot ids), liked songs, followed artists,
rendered in the Web API's wire shapes (reference/spotify-api.md §2.4, §3).

Data file (--data) format; every key is optional:
{
  "user": {"id": "tester", "display_name": "Tester", "account_id": "acc-1"},
  "playlists": [{"id": "<22 base62>", "name": "Mix", "owner": {"id": "tester", "display_name": "Tester"},
                 "collaborative": false, "public": true, "description": "", "images": [{"url":…,"width":…,"height":…}],
                 "tracks": [TRACK | null | {"is_local": true, …TRACK} | {"type": "episode", "name": "…"}]}],
  "liked": [TRACK],
  "followed_artists": [{"id": "…", "name": "…"} | "Name"],
  "albums": [{"id": "<22 base62>", "name", "artists": ["A"], "release_date", "album_type", "upc"?,
              "tracks": [TRACK], "generate": n (n synthetic tracks after "tracks")}],
  "saved_albums": ["<album id>" | {"id", "added_at"}]
}
TRACK shorthand: {"id"?, "name", "artists": ["A", …] | [{"id","name"}], "album": "X" | {"id","name","release_date",
"images"}, "duration_ms", "isrc", "track_number", "disc_number", "added_at"}; missing ids are derived from names.
Albums render as the full album object (GET /albums/{id}) with an embedded `tracks` page of *simplified*
tracks (no external_ids, no album: so no ISRC, as on the real wire); /albums/{id}/tracks pages them.
"owner" defaults to the user, so playlists are owned unless another owner is given (then /items answers 403
unless "collaborative": true).
"""
import base64
import hashlib
import json
import urllib.parse

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ADDED_AT = "2024-05-01T12:00:00Z"


def gen_id(seed):
    n = int.from_bytes(hashlib.sha1(seed.encode()).digest(), "big")
    out = ""
    for _ in range(22):
        n, r = divmod(n, 62)
        out += BASE62[r]
    return out


def images(seed):
    return [{"url": "https://i.scdn.co/image/%s-%d" % (seed, size), "height": size, "width": size}
            for size in (640, 300, 64)]


def local_track(t):
    artist = (t.get("artists") or [""])[0]
    artist = artist["name"] if isinstance(artist, dict) else artist
    album = t.get("album") or ""
    album = album.get("name", "") if isinstance(album, dict) else album
    ms = int(t.get("duration_ms", 0))
    q = urllib.parse.quote_plus
    uri = "spotify:local:%s:%s:%s:%d" % (q(artist), q(album), q(t.get("name", "")), ms // 1000)
    return {"id": None, "href": None, "uri": uri, "name": t.get("name", ""), "type": "track", "is_local": True,
            "duration_ms": ms, "track_number": 0, "disc_number": 0, "explicit": False, "external_ids": {},
            "album": {"id": None, "href": None, "uri": None, "name": album, "album_type": None, "type": "album",
                      "release_date": None, "release_date_precision": None, "images": [], "artists": []},
            "artists": [{"id": None, "href": None, "uri": None, "name": artist, "type": "artist"}]}


def full_track(t):
    if t.get("is_local"):
        return local_track(t)
    if t.get("type") == "episode":
        eid = t.get("id") or gen_id("episode:" + t.get("name", ""))
        return {"id": eid, "type": "episode", "name": t.get("name", ""), "uri": "spotify:episode:" + eid,
                "duration_ms": int(t.get("duration_ms", 1800000)), "is_local": False}
    artists = []
    for a in t.get("artists") or ["Unknown Artist"]:
        a = dict(a) if isinstance(a, dict) else {"name": a}
        a.setdefault("id", gen_id("artist:" + a["name"]))
        a.update({"type": "artist", "uri": "spotify:artist:" + a["id"],
                  "href": "https://api.spotify.com/v1/artists/" + a["id"]})
        artists.append(a)
    album = t.get("album") or "Unknown Album"
    album = dict(album) if isinstance(album, dict) else {"name": album}
    album.setdefault("id", gen_id("album:" + album["name"]))
    album.setdefault("release_date", "2020-01-01")
    album.setdefault("images", images(album["id"]))
    album.update({"type": "album", "album_type": album.get("album_type", "album"), "uri": "spotify:album:" + album["id"],
                  "release_date_precision": {4: "year", 7: "month"}.get(len(album["release_date"]), "day"),
                  "artists": album.get("artists", artists[:1]), "total_tracks": album.get("total_tracks", 12)})
    tid = t.get("id") or gen_id("track:%s:%s" % (t.get("name", ""), artists[0]["name"]))
    return {"id": tid, "name": t.get("name", ""), "uri": "spotify:track:" + tid, "type": "track",
            "href": "https://api.spotify.com/v1/tracks/" + tid, "duration_ms": int(t.get("duration_ms", 200000)),
            "explicit": False, "track_number": int(t.get("track_number", 1)), "disc_number": int(t.get("disc_number", 1)),
            "is_local": False, "external_ids": {"isrc": t["isrc"]} if t.get("isrc") else {},
            "artists": artists, "album": album}


def simplified_track(full):
    """An album's track as /albums/{id}/tracks sends it: the track object without album and external_ids."""
    out = {k: v for k, v in full.items() if k not in ("album", "external_ids", "popularity")}
    out["external_urls"] = {"spotify": "https://open.spotify.com/track/" + full["id"]}
    return out


def synthetic_tracks(pid, count, first_serial):
    return [{"id": gen_id("gen:%s:%d" % (pid, i)), "name": "Song %04d" % (i + 1), "artists": ["Artist %02d" % (i % 50)],
             "album": "Album %03d" % (i // 12), "duration_ms": 150000 + (i * 7919) % 150000,
             "track_number": i % 12 + 1, "isrc": "QZFAK26%05d" % (first_serial + i)} for i in range(count)]


def paging(base, path, params, items, default_limit, max_limit):
    """A seven-key paging object, or an error message string for a 400."""
    try:
        limit, offset = int(params.get("limit", default_limit)), int(params.get("offset", 0))
    except ValueError:
        return "Invalid limit"
    if not 1 <= limit <= max_limit:
        return "Invalid limit"
    if offset < 0:
        return "Invalid offset"
    rest = {k: v for k, v in params.items() if k not in ("offset", "limit")}

    def link(o):
        return base + path + "?" + urllib.parse.urlencode(dict(rest, offset=o, limit=limit))
    total = len(items)
    return {"href": link(offset), "items": items[offset:offset + limit], "limit": limit,
            "next": link(offset + limit) if offset + limit < total else None, "offset": offset,
            "previous": link(max(0, offset - limit)) if offset > 0 else None, "total": total}


class Catalog:
    def __init__(self, data_file, generate, generate_liked=0, generate_artists=0):
        data = {}
        if data_file:
            with open(data_file, encoding="utf-8") as f:
                data = json.load(f)
        self.user = dict({"id": "soulspot-tester", "display_name": "SoulSpot Tester", "account_id": "acc-0001"},
                         **data.get("user", {}))
        self.playlists, self.order, self.serial = {}, [], 0
        for p in data.get("playlists", []):
            self.put_playlist(p["id"], p)
        for spec in generate:
            pid, count = spec.rsplit(":", 1)
            self.put_playlist(pid, {"name": "Generated " + pid, "tracks": self.next_synthetic(pid, int(count))})
        liked = data.get("liked", []) + self.next_synthetic("liked", generate_liked)
        self.liked = [{"added_at": t.get("added_at", ADDED_AT), "track": full_track(t)} for t in liked]
        self.albums, self.saved_albums = {}, []
        for a in data.get("albums", []):
            self.put_album(a)
        for ref in data.get("saved_albums", []):
            ref = {"id": ref} if isinstance(ref, str) else ref
            self.saved_albums.append({"id": ref["id"], "added_at": ref.get("added_at", ADDED_AT)})
        self.artists = []
        extra = ["Followed Artist %03d" % i for i in range(generate_artists)]
        for a in data.get("followed_artists", []) + extra:
            a = {"name": a} if isinstance(a, str) else dict(a)
            a.setdefault("id", gen_id("artist:" + a["name"]))
            a.update({"type": "artist", "uri": "spotify:artist:" + a["id"], "genres": [], "images": images(a["id"])})
            self.artists.append(a)

    def put_album(self, a):
        aid = a.get("id") or gen_id("album:" + a["name"])
        artists = a.get("artists") or ["Unknown Artist"]
        specs = list(a.get("tracks", []))
        for i in range(int(a.get("generate", 0))):
            specs.append({"name": "%s Track %03d" % (a["name"], i + 1), "duration_ms": 120000 + (i * 7919) % 180000,
                          "isrc": "QZALB%02d%05d" % (len(self.albums), i)})
        tracks, disc_pos = [], {}
        for t in specs:
            t = dict(t)
            disc = int(t.get("disc_number", 1))
            disc_pos[disc] = disc_pos.get(disc, 0) + 1
            t.setdefault("track_number", disc_pos[disc])
            t.setdefault("artists", artists)
            t["album"] = {"id": aid, "name": a["name"]}
            tracks.append(simplified_track(full_track(t)))
        sample = full_track({"name": "x", "artists": artists, "album": {"id": aid, "name": a["name"],
                             "release_date": a.get("release_date", "2020-01-01"),
                             "album_type": a.get("album_type", "album"), "total_tracks": len(tracks)}})
        rendered = dict(sample["album"], artists=sample["artists"])  # every album artist, not only the first
        rendered.update({"href": "https://api.spotify.com/v1/albums/" + aid, "genres": [], "copyrights": [],
                         "external_urls": {"spotify": "https://open.spotify.com/album/" + aid},
                         "external_ids": {"upc": a["upc"]} if a.get("upc") else {}})
        self.albums[aid] = {"object": rendered, "tracks": tracks}

    def album_object(self, aid, base):
        album = self.albums[aid]
        obj = dict(album["object"], href=base + "/v1/albums/" + aid)
        obj["tracks"] = paging(base, "/v1/albums/%s/tracks" % aid, {}, album["tracks"], 50, 50)
        return obj

    def next_synthetic(self, pid, count):
        tracks = synthetic_tracks(pid + ":%d" % self.serial, count, self.serial)
        self.serial += count
        return tracks

    def put_playlist(self, pid, p):
        if pid not in self.playlists:
            self.order.append(pid)
        owner = p.get("owner") or {"id": self.user["id"], "display_name": self.user["display_name"]}
        self.playlists[pid] = {"meta": {"name": p.get("name", pid), "owner": owner, "public": p.get("public", True),
                                        "collaborative": p.get("collaborative", False),
                                        "description": p.get("description", ""),
                                        "images": p.get("images", images(pid))},
                               "entries": [self.entry(t) for t in p.get("tracks", [])], "version": 1}

    @staticmethod
    def entry(t):
        return {"added_at": (t or {}).get("added_at", ADDED_AT), "track": full_track(t) if t is not None else None}

    def snapshot_id(self, pid):
        pl = self.playlists[pid]
        digest = hashlib.sha1(json.dumps([e["track"] and e["track"]["uri"] for e in pl["entries"]]).encode()).hexdigest()
        return base64.b64encode(("%d,%s" % (pl["version"], digest[:24])).encode()).decode()

    def user_may_read_items(self, pid):
        meta = self.playlists[pid]["meta"]
        return meta["owner"]["id"] == self.user["id"] or meta["collaborative"]

    def rendered_entries(self, pid):
        out = []
        for e in self.playlists[pid]["entries"]:
            t = e["track"]
            out.append({"added_at": e["added_at"], "is_local": bool(t and t.get("is_local")), "primary_color": None,
                        "added_by": {"id": self.user["id"], "type": "user", "uri": "spotify:user:" + self.user["id"]},
                        "item": t, "track": t, "video_thumbnail": {"url": None}})
        return out

    def user_object(self):
        uid = self.user["id"]
        return {"id": uid, "account_id": self.user["account_id"], "display_name": self.user["display_name"],
                "type": "user", "uri": "spotify:user:" + uid, "href": "https://api.spotify.com/v1/users/" + uid,
                "images": [], "external_urls": {"spotify": "https://open.spotify.com/user/" + uid}}

    def playlist_object(self, pid, base, page_limit=100, simplified=False):
        pl = self.playlists[pid]
        meta = pl["meta"]
        owner = dict(meta["owner"], type="user", uri="spotify:user:" + meta["owner"]["id"])
        obj = {"id": pid, "name": meta["name"], "uri": "spotify:playlist:" + pid, "type": "playlist",
               "href": base + "/v1/playlists/" + pid, "snapshot_id": self.snapshot_id(pid),
               "collaborative": meta["collaborative"], "public": meta["public"], "description": meta["description"],
               "images": meta["images"], "owner": owner}
        if simplified:
            ref = {"href": base + "/v1/playlists/%s/items" % pid, "total": len(pl["entries"])}
            obj.update(items=ref, tracks=dict(ref, href=base + "/v1/playlists/%s/tracks" % pid))
            return obj
        obj["followers"] = {"href": None, "total": 0}
        if self.user_may_read_items(pid):  # 2026: embedded items only for owned/collaborative playlists
            page = paging(base, "/v1/playlists/%s/items" % pid, {}, self.rendered_entries(pid), page_limit, page_limit)
            obj.update(items=page, tracks=page)
        return obj

    def control(self, method, pid, rest, body):
        """/_control/playlists/{id}[/tracks]: returns (status, json)."""
        if method == "PUT" and not rest:
            self.put_playlist(pid, body)
        elif pid not in self.playlists:
            return 404, {"error": "no playlist " + pid}
        elif rest == ["tracks"] and method == "POST":
            new = [self.entry(t) for t in body.get("tracks", [])]
            new += [self.entry(t) for t in self.next_synthetic(pid, int(body.get("generate", 0)))]
            entries = self.playlists[pid]["entries"]
            pos = int(body.get("position", len(entries)))
            entries[pos:pos] = new
            self.playlists[pid]["version"] += 1
        elif rest == ["tracks"] and method == "DELETE":
            ids = set(body.get("ids", []))
            pl = self.playlists[pid]
            pl["entries"] = [e for e in pl["entries"] if not (e["track"] and e["track"].get("id") in ids)]
            pl["version"] += 1
        elif not rest and method == "DELETE":
            del self.playlists[pid]
            self.order.remove(pid)
            return 200, {"deleted": pid}
        elif method != "GET" or rest:
            return 404, {"error": "unknown playlist control"}
        return 200, {"id": pid, "snapshot_id": self.snapshot_id(pid), "total": len(self.playlists[pid]["entries"])}
