"""MusicBrainz WS/2 JSON shapes and the slice of Lucene the fake understands (reference/musicbrainz-api.md
§2–3). Keys MusicBrainz always sends are always sent here too, null where the real service sends null."""
import re
import unicodedata
import uuid

HELP = "For usage, please see: https://musicbrainz.org/development/mmd"
TRACK_NS = uuid.UUID("6ba7b811-9dad-11d1-80b4-00c04fd430c8")
TYPE_IDS = {"Album": "f529b476-6e62-324f-b0aa-1f3e33d313fc", "Single": "d6038452-8ee0-3f68-affc-2de9a1ede0b9",
            "EP": "6d0c5bf6-7a33-3420-a519-44fc63eedebf", "Group": "e431f5f6-b5d2-343d-8b36-72607fffb74b",
            "Person": "b6e035f4-3ce9-331c-97df-83397230b0df", "Official": "4e304316-386d-3409-af2e-78857eec5cfe"}


def error_body(message):
    return {"error": message, "help": HELP}


def artist_credit(artists):
    out = []
    for a in artists:
        kind = a.get("type", "Person")
        out.append({"name": a.get("credited", a["name"]), "joinphrase": a.get("joinphrase", ""),
                    "artist": {"id": a["id"], "name": a["name"], "sort-name": a.get("sortName", a["name"]),
                               "disambiguation": "", "type": kind, "type-id": TYPE_IDS.get(kind), "country": None}})
    return out


def release_group(rel):
    rg = rel.get("releaseGroup", {})
    primary = rg.get("primaryType")
    return {"id": rg.get("id"), "title": rg.get("title", rel["title"]), "primary-type": primary,
            "primary-type-id": TYPE_IDS.get(primary), "secondary-types": rg.get("secondaryTypes", []),
            "secondary-type-ids": [], "first-release-date": rel.get("date", ""), "disambiguation": ""}


def release_summary(rel, with_group=False, with_credit=False):
    """A release as it appears inside lookups (no media): §2.4."""
    cover = bool(rel.get("cover"))
    out = {"id": rel["id"], "title": rel["title"], "status": rel.get("status"),
           "status-id": TYPE_IDS.get(rel.get("status")), "quality": "normal", "disambiguation": "",
           "packaging": None, "packaging-id": None, "barcode": rel.get("barcode"),
           "text-representation": {"language": "eng", "script": "Latn"},
           "cover-art-archive": {"artwork": cover, "count": 1 if cover else 0, "front": cover, "back": False,
                                 "darkened": False}}
    if rel.get("date"):  # date/country/release-events only when the release has events
        out["date"] = rel["date"]
        out["country"] = rel.get("country")
        out["release-events"] = [{"date": rel["date"], "area": None}]
    if with_group:
        out["release-group"] = release_group(rel)
    if with_credit:
        out["artist-credit"] = artist_credit(rel.get("artists", []))
    return out


def first_release_date(rec, releases):
    dates = [releases[r["id"]].get("date", "") for r in rec.get("releases", []) if r["id"] in releases]
    dates = [d for d in dates if d]
    return min(dates) if dates else ""


def recording(rec, releases, inc):
    """A recording in a lookup (§2.2, §3.1, §3.2); `inc` is the set of inc values asked for."""
    out = {"id": rec["id"], "title": rec["title"], "length": rec.get("length"), "video": False,
           "disambiguation": rec.get("disambiguation", ""), "first-release-date": first_release_date(rec, releases)}
    if "artist-credits" in inc or "artists" in inc:
        out["artist-credit"] = artist_credit(rec["artists"])
    if "isrcs" in inc:
        out["isrcs"] = rec.get("isrcs", [])
    if "releases" in inc:
        refs = [r for r in rec.get("releases", []) if r["id"] in releases][:25]  # lookups cap lists at 25
        out["releases"] = [release_summary(releases[r["id"]], "release-groups" in inc) for r in refs]
    return out


def track_id(release_id, disc, position):
    return str(uuid.uuid5(TRACK_NS, "%s/%d/%d" % (release_id, disc, position)))


def release_lookup(rel, recordings, inc):
    """GET /release/{mbid} (§3.3): media with every track when inc has recordings."""
    out = release_summary(rel, "release-groups" in inc, "artist-credits" in inc or "artists" in inc)
    if not ({"media", "recordings"} & inc):
        return out
    on_release = {}
    for rec in recordings.values():
        for ref in rec.get("releases", []):
            if ref["id"] == rel["id"]:
                on_release[(ref.get("disc", 1), ref["track"])] = rec
    media = []
    for m in rel.get("media", []):
        disc = m["position"]
        for pos, t in enumerate(m.get("tracks") or [], 1):  # tracks written inline in the data file
            on_release[(disc, pos)] = {"id": t.get("recording") or track_id(rel["id"], disc, pos + 2000),
                                       "title": t["title"], "length": t.get("length"), "isrcs": t.get("isrcs", []),
                                       "artists": t.get("artists", rel.get("artists", []))}
        medium = {"id": track_id(rel["id"], disc, 0), "position": disc, "title": m.get("title", ""), "format": m.get("format"),
                  "format-id": None, "track-count": m["trackCount"], "track-offset": 0}
        if "recordings" in inc:
            tracks = []
            for pos in range(1, m["trackCount"] + 1):
                rec = on_release.get((disc, pos)) or {"id": track_id(rel["id"], disc, pos + 1000),
                                                      "title": "Track %d" % pos, "length": None,
                                                      "artists": rel.get("artists", [])}
                rec_json = {"id": rec["id"], "title": rec["title"], "length": rec.get("length"), "video": False,
                            "disambiguation": rec.get("disambiguation", "")}
                if "isrcs" in inc:
                    rec_json["isrcs"] = rec.get("isrcs", [])
                track = {"id": track_id(rel["id"], disc, pos), "position": pos, "number": str(pos),
                         "title": rec["title"], "length": rec.get("length"), "recording": rec_json}
                if "artist-credits" in inc:
                    track["artist-credit"] = artist_credit(rec.get("artists", []))
                tracks.append(track)
            medium["tracks"] = tracks
        media.append(medium)
    out["media"] = media
    return out


def release_groups(releases):
    """Release groups as the fake knows them: built from the releases that name them."""
    groups = {}
    for rel in releases.values():
        rg = rel.get("releaseGroup") or {}
        if not rg.get("id"):
            continue
        g = groups.setdefault(rg["id"], {"id": rg["id"], "title": rg.get("title", rel["title"]),
                                         "primaryType": rg.get("primaryType"),
                                         "secondaryTypes": rg.get("secondaryTypes", []),
                                         "artists": rel.get("artists", []), "releases": []})
        g["releases"].append(rel)
    return groups


def release_group_hit(group, score):
    """One entry of a release-group search answer."""
    dates = sorted(r["date"] for r in group["releases"] if r.get("date"))
    primary = group["primaryType"]
    return {"id": group["id"], "type-id": TYPE_IDS.get(primary), "score": score, "primary-type-id": TYPE_IDS.get(primary),
            "count": len(group["releases"]), "title": group["title"], "first-release-date": dates[0] if dates else "",
            "primary-type": primary, "secondary-types": group["secondaryTypes"],
            "artist-credit": artist_credit(group["artists"]),
            "releases": [{"id": r["id"], "status-id": TYPE_IDS.get(r.get("status")), "title": r["title"],
                          "status": r.get("status")} for r in group["releases"]], "tags": []}


def score_release_group(group, clauses):
    """Like score_recording: 0 = no hit, else 100 minus 15 per text field matched only in part."""
    credit = "".join(c["name"] + c["joinphrase"] for c in artist_credit(group["artists"]))
    score = 100
    for field, value in clauses:
        if field in ("releasegroup", "releasegroupaccent", "release", "artist"):
            texts = [credit] if field == "artist" else [group["title"]] + (
                [r["title"] for r in group["releases"]] if field == "release" else [])
            ok = any(phrase_in(value, t) for t in texts)
            if ok and not any(tokens(value) == tokens(t) for t in texts):
                score -= 15
        elif field == "artistname":
            ok = any(phrase_in(value, a["name"]) for a in group["artists"])
        elif field == "primarytype":
            ok = (group["primaryType"] or "").lower() == str(value).lower()
        elif field == "rgid":
            ok = str(value).lower() == group["id"]
        else:
            ok = True
        if not ok:
            return 0
    return max(score, 1)


def search_hit(rec, releases, score):
    """One entry of a recording search answer (§3.5): score, releases with one medium holding one track."""
    out = {"id": rec["id"], "score": score, "title": rec["title"], "length": rec.get("length"), "video": None,
           "artist-credit": artist_credit(rec["artists"]), "first-release-date": first_release_date(rec, releases),
           "isrcs": rec.get("isrcs", [])}
    hits = []
    for ref in rec.get("releases", []):
        rel = releases.get(ref["id"])
        if not rel:
            continue
        medium = next((m for m in rel.get("media", []) if m["position"] == ref.get("disc", 1)), None)
        entry = release_summary(rel, True)
        entry.pop("cover-art-archive", None)
        entry["track-count"] = sum(m["trackCount"] for m in rel.get("media", []))
        if medium:
            entry["media"] = [{"position": medium["position"], "format": medium.get("format"),
                               "track": [{"id": track_id(rel["id"], medium["position"], ref["track"]),
                                          "number": str(ref["track"]), "title": rec["title"],
                                          "length": rec.get("length")}],
                               "track-count": medium["trackCount"], "track-offset": ref["track"] - 1}]
        hits.append(entry)
    out["releases"] = hits
    return out


# --- Lucene -------------------------------------------------------------------------------------------------
CLAUSE = re.compile(r'\s*(?:(AND)\b|(\w+):(?:"((?:[^"\\]|\\.)*)"|\[(\S+) TO (\S+)\]|((?:[^\s"\\()\[\]{}/:^~*?!+-]|\\.)+)))')


def unescape(text):
    return re.sub(r"\\(.)", r"\1", text)


def parse_query(query):
    """`field:"phrase"`, `field:term`, `field:[a TO b]` joined by AND → [(field, value)] with value a string
    or a (low, high) pair; None when the query has anything else (e.g. an unescaped special character)."""
    clauses, pos = [], 0
    while pos < len(query):
        if not query[pos:].strip():
            break
        m = CLAUSE.match(query, pos)
        if not m:
            return None
        if not m.group(1):
            if m.group(4) is not None:
                clauses.append((m.group(2), (m.group(4), m.group(5))))
            else:
                clauses.append((m.group(2), unescape(m.group(3) if m.group(3) is not None else m.group(6))))
        pos = m.end()
    return clauses or None


def tokens(text):
    folded = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", " ", folded.replace("&", " and ")).split()


def phrase_in(phrase, text):
    want, have = tokens(phrase), tokens(text)
    return any(have[i:i + len(want)] == want for i in range(len(have) - len(want) + 1)) if want else True


def in_range(value, bounds):
    low, high = bounds
    if value is None:
        return False
    return (low == "*" or int(low) <= value) and (high == "*" or value <= int(high))


def score_recording(rec, clauses, releases):
    """0 = no hit; else 100 minus 15 per text field matched only in part (a data file may force a score)."""
    credit = "".join(c["name"] + c["joinphrase"] for c in artist_credit(rec["artists"]))
    rel_titles = [releases[r["id"]]["title"] for r in rec.get("releases", []) if r["id"] in releases]
    score = 100
    for field, value in clauses:
        if field == "dur":
            ok = in_range(rec.get("length"), value)
        elif field in ("recording", "recordingaccent", "artist", "release"):
            texts = {"artist": [credit], "release": rel_titles}.get(field, [rec["title"]])
            ok = any(phrase_in(value, t) for t in texts)
            if ok and not any(tokens(value) == tokens(t) for t in texts):
                score -= 15
        elif field == "artistname":
            ok = any(phrase_in(value, a["name"]) for a in rec["artists"])
        elif field == "isrc":
            ok = value.upper() in rec.get("isrcs", [])
        elif field in ("rid", "arid", "reid"):
            ids = {"rid": [rec["id"]], "arid": [a["id"] for a in rec["artists"]],
                   "reid": [r["id"] for r in rec.get("releases", [])]}[field]
            ok = value.lower() in ids
        else:
            ok = True  # fields the fake does not model match everything
        if not ok:
            return 0
    return rec.get("searchScore", max(score, 1))
