#pragma once
// Internal to soulspot_playlistfile: one parser per format; parseWantedFile picks one.

#include <string_view>

#include "core/Error.hpp"
#include "sources/playlistfile/WantedFile.hpp"

namespace soulspot::sources::playlistfile
{
    /// Exportify or any CSV whose header names title and artist columns (case-insensitive).
    core::Result<ImportReport> parseCsvWantedList(std::string_view content);
    /// #EXTM3U / #EXTINF:<secs>,Artist - Title lines; a path line without #EXTINF is read from its file name.
    ImportReport parseM3uWantedList(std::string_view content);
    /// One "Artist - Title" per line; '#' starts a comment line.
    ImportReport parsePlainWantedList(std::string_view content);

    /// "spotify:track:ID", "https://open.spotify.com/track/ID" or a bare 22-character id → ID; else "".
    std::string spotifyTrackId(std::string_view text);
} // namespace soulspot::sources::playlistfile
