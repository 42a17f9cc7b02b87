#pragma once
// Turns what a user pastes into a bare playlist or album id.

#include <string>
#include <string_view>

#include "core/Error.hpp"

namespace soulspot::sources::spotify
{
    /// Accepts https://open.spotify.com/[intl-xx/]playlist/ID[?si=…], open.spotify.com/… without scheme,
    /// spotify:playlist:ID, spotify:user:U:playlist:ID and a bare 22-character base62 ID (surrounding
    /// whitespace ignored). Anything else, including links to tracks or albums, is InvalidArgument.
    core::Result<std::string> parsePlaylistRef(std::string_view input);

    /// The same forms for albums: https://open.spotify.com/[intl-xx/]album/ID[?si=…], open.spotify.com/album/ID,
    /// spotify:album:ID and a bare id. Playlist, track and artist links are InvalidArgument.
    core::Result<std::string> parseAlbumRef(std::string_view input);

    /// True for a 22-character base62 Spotify id.
    bool isSpotifyId(std::string_view text);
} // namespace soulspot::sources::spotify
