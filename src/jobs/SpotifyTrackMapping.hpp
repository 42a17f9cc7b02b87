#pragma once
// How Spotify's listings become SoulSpot's wanted tracks: the DTO → TrackInput mapping, the Liked Songs
// pseudo-snapshot, and which user input means "Liked Songs".

#include <string>
#include <string_view>

#include "db/repositories/Records.hpp"
#include "sources/spotify/SpotifyTypes.hpp"

namespace soulspot::jobs
{
    /// "liked", "spotify:collection:tracks" or an open.spotify.com/collection/tracks link.
    bool isLikedSongsRef(std::string_view input);

    /// /me/tracks has no snapshot_id: a digest of the ordered track ids plays its part (stable across runs).
    std::string likedSnapshot(const sources::spotify::TrackListing& listing);

    /// Every field SoulSpot keeps: all artists, album, release date, track/disc numbers, duration, ISRC, cover.
    db::TrackInput toTrackInput(const sources::spotify::SpotifyTrack& track);
} // namespace soulspot::jobs
