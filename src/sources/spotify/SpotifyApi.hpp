#pragma once
// The Spotify Web API calls SoulSpot needs. Every list is walked to the end by following `next`
// (never by computing offsets from `total`, which can change mid-walk — reference/spotify-api.md §2.4).
// Error mapping: see SpotifyErrors.hpp.

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/Error.hpp"
#include "net/ServiceClient.hpp"
#include "sources/spotify/SpotifyTypes.hpp"

namespace soulspot::sources::spotify
{
    inline constexpr const char* kDefaultApiUrl = "https://api.spotify.com/v1";

    /// Supplies the access token for each request. Called with false before a request (a cached token is
    /// fine, refreshed early if near expiry) and with true after a 401 (refresh now, whatever the cache
    /// says). Errors (e.g. isInvalidGrant) are passed through to the API caller unchanged.
    using TokenProvider = std::function<core::Result<std::string>(bool forceRefresh)>;

    class ISpotifyApi
    {
    public:
        virtual ~ISpotifyApi() = default;
        virtual core::Result<SpotifyUser> me() = 0;
        /// Owned and followed playlists (GET /me/playlists, limit 50, all pages).
        virtual core::Result<std::vector<PlaylistSummary>> myPlaylists() = 0;
        /// Metadata and snapshot_id only; compare snapshotId before walking the items.
        virtual core::Result<PlaylistSummary> playlist(const std::string& playlistId) = 0;
        /// GET /playlists/{id}/items, all pages; falls back to the pre-2026 /tracks path when /items is 404.
        virtual core::Result<TrackListing> playlistTracks(const std::string& playlistId) = 0;
        /// Liked songs (GET /me/tracks, limit 50, all pages).
        virtual core::Result<TrackListing> likedTracks() = 0;
        /// GET /me/following?type=artist, cursor-paged to the end.
        virtual core::Result<std::vector<FollowedArtist>> followedArtists() = 0;
        /// GET /albums/{id}, then its tracks.next to the end (/albums/{id}/tracks, limit 50). ISRCs stay
        /// empty: album pages hold simplified tracks and the batch GET /tracks?ids= is gone (2026).
        virtual core::Result<SpotifyAlbum> album(const std::string& albumId) = 0;
        /// Saved albums (GET /me/albums, limit 50, all pages), each with its whole track list.
        virtual core::Result<std::vector<SpotifyAlbum>> savedAlbums() = 0;
    };

    class SpotifyApiClient final : public ISpotifyApi
    {
    public:
        /// `service` has the API base URL including /v1 (kDefaultApiUrl, or "<fake>/v1" in tests).
        SpotifyApiClient(std::shared_ptr<net::ServiceClient> service, TokenProvider tokens);

        core::Result<SpotifyUser> me() override;
        core::Result<std::vector<PlaylistSummary>> myPlaylists() override;
        core::Result<PlaylistSummary> playlist(const std::string& playlistId) override;
        core::Result<TrackListing> playlistTracks(const std::string& playlistId) override;
        core::Result<TrackListing> likedTracks() override;
        core::Result<std::vector<FollowedArtist>> followedArtists() override;
        core::Result<SpotifyAlbum> album(const std::string& albumId) override;
        core::Result<std::vector<SpotifyAlbum>> savedAlbums() override;

    private:
        /// GET with the bearer token; on 401 asks for a forced refresh and retries exactly once.
        core::Result<net::HttpResponse> authorizedGet(const std::string& pathOrUrl);
        /// authorizedGet + status mapping + JSON object parsing.
        core::Result<std::string> getBody(const std::string& pathOrUrl, const std::string& what);
        core::Result<TrackListing> walkTrackPages(std::string firstUrl, const std::string& what);
        /// Only `next` links under our own base URL are followed, so the bearer token never leaves it.
        core::Result<std::string> checkedNext(const std::string& next) const;
        /// Appends the album-track pages from `next` (an absolute link, or a path) until next is null.
        core::Result<void> followAlbumTracks(SpotifyAlbum& album, std::string next);

        std::shared_ptr<net::ServiceClient> service_;
        TokenProvider tokens_;
    };
} // namespace soulspot::sources::spotify
