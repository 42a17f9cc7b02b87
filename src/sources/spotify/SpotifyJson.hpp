#pragma once
// Internal to soulspot_spotify: reading Spotify's JSON objects into the DTOs of SpotifyTypes.hpp.
// Spotify sends null for many fields (local files, old playlists), so every read tolerates null/missing.

#include <string>

#include <nlohmann/json.hpp>

#include "core/Error.hpp"
#include "sources/spotify/SpotifyTypes.hpp"

namespace soulspot::sources::spotify::json
{
    using Json = nlohmann::json;

    core::Result<Json> parseObject(const std::string& body, std::string_view what);

    /// obj[key] as a string; "" when obj is not an object, the key is missing, null or not a string.
    std::string text(const Json& obj, const char* key);
    /// obj[key] as an int; 0 when missing, null or not a number.
    int integer(const Json& obj, const char* key);
    /// The URL of the largest image in an `images` array ("" when empty).
    std::string largestImage(const Json& images);

    SpotifyTrack parseTrack(const Json& track);
    PlaylistSummary parsePlaylist(const Json& playlist);
    SpotifyUser parseUser(const Json& user);
    FollowedArtist parseArtist(const Json& artist);

    /// Album metadata plus the tracks of the embedded first `tracks` page (2026 may call it `items`).
    SpotifyAlbum parseAlbum(const Json& album);
    /// The album's embedded track page (`tracks`, else `items`); null when the answer carries none.
    const Json& albumTrackPage(const Json& album);
    /// Appends the non-null tracks of one album-track paging object, stamping them with the album.
    void addAlbumTracks(const Json& page, SpotifyAlbum& album);

    /// Adds one playlist-track object (`item` preferred over the deprecated `track`) or saved-track object
    /// to `out`, skipping and counting null, local and episode entries.
    void addListEntry(const Json& entry, TrackListing& out);
} // namespace soulspot::sources::spotify::json
