#pragma once
// JSON at the album matcher's edges (`soulspot match --album`): a wanted album in, scored folders out.
// nlohmann stays inside AlbumMatchJson.cpp; slskd responses are read by MatchJson.hpp.

#include <nlohmann/json_fwd.hpp>

#include "core/Error.hpp"
#include "matching/AlbumScorer.hpp"
#include "matching/WantedAlbum.hpp"

namespace soulspot::matching
{
    /// {"title", "artists": ["…" | {"name"}], "releaseDate"?, "primaryType"?, "discCount"?, "tracks": [{"title",
    /// "artists"?, "durationMs"?, "trackNumber"?, "discNumber"?, "isrc"?}]}. Spotify album spellings (name,
    /// release_date, tracks.items, duration_ms, track_number, disc_number, external_ids.isrc) are read too.
    /// Needs a title, an artist and at least one track with a title.
    core::Result<WantedAlbum> wantedAlbumFromJson(const nlohmann::json& album);

    /// {"onlyTracks": [indices], "allowPartial": bool, "acceptConfidence": number}; absent fields keep defaults.
    core::Result<AlbumMatchOptions> albumMatchOptionsFromJson(const nlohmann::json& options);

    /// Folders the caller already browsed: [{"username", "directory", "files": [slskd File]}, peer fields as in
    /// a Response]. File names without a separator (a browse answer gives basenames) are put in `directory`.
    core::Result<std::vector<AlbumFolder>> browsedFoldersFromJson(const nlohmann::json& folders);

    nlohmann::json toJson(const ScoredFolder& folder);
    /// {"chosen": {"username","directory"} | null, "needsBrowse": [{"username","directory"}], "folders": [...]}.
    nlohmann::json toJson(const AlbumMatchResult& result);
} // namespace soulspot::matching
