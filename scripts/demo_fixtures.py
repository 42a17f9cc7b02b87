#!/usr/bin/env python3
"""Writes everything `make demo` needs into DIR: short generated audio files (sox, lame), a fake_slskd
scenario whose searches find them, a fake Spotify library with two playlists, and a fake MusicBrainz
catalog that knows the same recordings. Idempotent: existing audio is reused.

Artists and titles are invented; the audio is generated noise, so nothing here is anyone's music."""
import json
import os
import subprocess
import sys

ALBUMS = {
    "Velvet Harbor": ("Night Works", "2021-03-05"),
    "Nova Drift": ("Low Orbit", "2019-10-11"),
    "Juniper Hale": ("Field Recordings", "2023-06-02"),
    "Marlow Reed": ("After Hours", "2020-01-24"),
}
# (artist, title, seconds, isrc, track number, playlist, first candidate fails)
TRACKS = [
    ("Velvet Harbor", "Midnight Signal", 34, "QZDMO2100001", 1, "mix", False),
    ("Velvet Harbor", "Glass Rivers", 38, "QZDMO2100002", 2, "mix", False),
    ("Nova Drift", "Slow Orbit", 36, "QZDMO1900001", 1, "mix", True),
    ("Nova Drift", "Paper Satellites", 32, "QZDMO1900002", 2, "mix", False),
    ("Juniper Hale", "Quiet Machines", 40, "QZDMO2300001", 1, "mix", False),
    ("Juniper Hale", "Lantern Song", 33, "QZDMO2300002", 2, "mix", False),
    ("Marlow Reed", "Streetlight Waltz", 31, "QZDMO2000001", 1, "late", False),
    ("Marlow Reed", "Last Tram Home", 35, "QZDMO2000002", 2, "late", False),
    ("Marlow Reed", "Neon Rain", 30, "QZDMO2000003", 3, "late", False),
]
PLAYLISTS = {"mix": ("37i9dQZF1DXdemoMix0001", "SoulSpot Demo Mix"),
             "late": ("37i9dQZF1DXdemoLate001", "Demo: Late Night")}


def slug(text):
    return "".join(c.lower() if c.isalnum() else "-" for c in text).strip("-")


def generate(path, seconds, fmt):
    if os.path.exists(path) and os.path.getsize(path) > 0:
        return
    tmp = path + ".tmp"
    # Quiet pink noise with fades: lossless-plausible FLAC sizes, no silence detection tripping.
    synth = ["sox", "-q", "-n", "-r", "44100", "-c", "2", "-b", "16"]
    effects = ["synth", str(seconds), "pinknoise", "vol", "0.15", "fade", "0.3", str(seconds), "0.3"]
    if fmt == "flac":
        subprocess.run(synth + ["-t", "flac", tmp] + effects, check=True)
    else:
        wav = tmp + ".wav"
        subprocess.run(synth + ["-t", "wav", wav] + effects, check=True)
        subprocess.run(["lame", "--quiet", "-b", "192", wav, tmp], check=True)
        os.remove(wav)
    os.replace(tmp, path)


def main(out):
    audio = os.path.join(out, "audio")
    os.makedirs(audio, exist_ok=True)
    searches, transfers, sp_tracks, mb_recordings, mb_releases = {}, {}, {"mix": [], "late": []}, [], {}
    for i, (artist, title, secs, isrc, number, playlist, first_fails) in enumerate(TRACKS):
        album, date = ALBUMS[artist]
        flac = os.path.join(audio, "%s-%s.flac" % (slug(artist), slug(title)))
        mp3 = os.path.join(audio, "%s-%s.mp3" % (slug(artist), slug(title)))
        generate(flac, secs, "flac")
        generate(mp3, secs, "mp3")
        flac_remote = "@@vinyl\\Music\\%s\\%s\\%02d - %s.flac" % (artist, album, number, title)
        mp3_remote = "@@mike\\mp3\\%s - %s.mp3" % (artist, title)
        flac_size, mp3_size = os.path.getsize(flac), os.path.getsize(mp3)
        query = " ".join(("%s %s" % (artist, title)).lower().split())
        searches[query] = {"duration_ms": 1200, "responses": [
            {"username": "vinyl_vault", "hasFreeUploadSlot": True, "uploadSpeed": 4200000, "queueLength": 0,
             "files": [{"filename": flac_remote, "size": flac_size, "bitRate": int(flac_size * 8 / secs / 1000),
                        "bitDepth": 16, "sampleRate": 44100, "length": secs}]},
            {"username": "mp3_mike", "hasFreeUploadSlot": True, "uploadSpeed": 900000, "queueLength": 2,
             "files": [{"filename": mp3_remote, "size": mp3_size, "bitRate": 192, "length": secs}]},
        ]}
        # Slow enough to watch the progress bars move; one source fails half-way to show the fallback.
        transfers["vinyl_vault|" + flac_remote] = (
            {"outcome": "Errored", "fail_at": 0.4, "queue_ms": 600, "init_ms": 300, "duration_ms": 6000} if first_fails else
            {"outcome": "Succeeded", "source_file": os.path.abspath(flac), "queue_ms": 600, "init_ms": 300,
             "duration_ms": 7000 + 500 * i})
        transfers["mp3_mike|" + mp3_remote] = {"outcome": "Succeeded", "source_file": os.path.abspath(mp3),
                                               "queue_ms": 800, "init_ms": 300, "duration_ms": 5000}
        sp_tracks[playlist].append({"name": title, "artists": [artist], "album": {"name": album, "release_date": date},
                                    "duration_ms": secs * 1000, "isrc": isrc, "track_number": number})
        release_id = "5e1ede00-0000-4000-8000-%012d" % (list(ALBUMS).index(artist) + 1)
        artist_id = "1af3ede0-0000-4000-8000-%012d" % (list(ALBUMS).index(artist) + 1)
        mb_recordings.append({"id": "0e1fde00-0000-4000-8000-%012d" % (i + 1), "title": title, "length": secs * 1000,
                              "artists": [{"id": artist_id, "name": artist}], "isrcs": [isrc],
                              "releases": [{"id": release_id, "disc": 1, "track": number}]})
        rel = mb_releases.setdefault(release_id, {
            "id": release_id, "title": album, "status": "Official", "date": date, "country": "XW",
            "artists": [{"id": artist_id, "name": artist}],
            "releaseGroup": {"id": release_id.replace("5e1e", "6e1e"), "primaryType": "Album", "secondaryTypes": []},
            "media": [{"position": 1, "format": "Digital Media", "trackCount": 0}]})
        rel["media"][0]["trackCount"] += 1

    scenario = {"searches": searches, "default_search": {"duration_ms": 800, "responses": []},
                "transfers": transfers, "default_transfer": {"outcome": "Errored"}, "responses_delay_ms": 200}
    spotify = {"user": {"id": "demo", "display_name": "Demo Listener"},
               "playlists": [{"id": PLAYLISTS[k][0], "name": PLAYLISTS[k][1], "description": "Generated for make demo",
                              "tracks": sp_tracks[k]} for k in ("mix", "late")]}
    musicbrainz = {"recordings": mb_recordings, "releases": list(mb_releases.values())}
    for name, data in (("slskd-scenario.json", scenario), ("spotify.json", spotify), ("musicbrainz.json", musicbrainz)):
        with open(os.path.join(out, name), "w") as f:
            json.dump(data, f, indent=1)
    with open(os.path.join(out, "late-night.csv"), "w") as f:
        f.write("Track Name,Artist Name(s),Album Name,Duration (ms),ISRC\n")
        for artist, title, secs, isrc, _n, playlist, _f in TRACKS:
            if playlist == "late":
                f.write("%s,%s,%s,%d,%s\n" % (title, artist, ALBUMS[artist][0], secs * 1000, isrc))
    print(json.dumps({k: v[0] for k, v in PLAYLISTS.items()}))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "demo-data")
