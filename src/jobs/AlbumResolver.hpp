#pragma once
// Turns what a user pastes into wanted albums with their tracklists (issue 10 §1):
// - a Spotify album URL/URI → GET /albums/{id} (tracks paged to the end);
// - the user's Spotify saved albums → GET /me/albums, all pages;
// - every album a Spotify playlist touches → the playlist's items, then each album once;
// - a MusicBrainz release id/URL → /release/{mbid}?inc=recordings+media+isrcs+artist-credits;
// - a MusicBrainz release-group id/URL, or "Artist - Album" text (searched as a release group) → the
//   group's releases, one chosen as Lidarr does (sources/musicbrainz/ReleaseChoice), the reason kept.
// Spotify or MusicBrainz not configured → Unavailable for the inputs that need it, with a message saying so.

#include <memory>
#include <string>
#include <vector>

#include "jobs/AlbumService.hpp"

namespace soulspot::sources::spotify { class ISpotifyApi; }
namespace soulspot::sources::musicbrainz { class IMusicBrainzApi; }

namespace soulspot::jobs
{
    struct AlbumResolverSettings
    {
        std::vector<std::string> preferredCountries{"XW", "US", "GB"};
        std::vector<std::string> preferredFormats{"Digital Media", "CD"};
    };

    AlbumResolver makeAlbumResolver(std::shared_ptr<sources::spotify::ISpotifyApi> spotify,
                                    std::shared_ptr<sources::musicbrainz::IMusicBrainzApi> musicbrainz,
                                    AlbumResolverSettings settings);
} // namespace soulspot::jobs
