#pragma once
// Values the Spotify client hands to the rest of SoulSpot. Only the fields SoulSpot uses are kept;
// missing or null JSON fields become empty strings / zero (reference/spotify-api.md §3).

#include <chrono>
#include <string>
#include <vector>

namespace soulspot::sources::spotify
{
    struct TokenSet
    {
        std::string accessToken;
        std::string refreshToken;
        std::chrono::system_clock::time_point expiresAt{};
        std::vector<std::string> scopes;
        /// True when the token endpoint returned a refresh token different from the one sent: persist it
        /// durably *before* using the new access token, because the old one may already be revoked (§1.5).
        bool refreshTokenRotated{false};
    };

    struct SpotifyUser
    {
        std::string id;
        std::string accountId; // stable pseudonymous id (2026); prefer it for linking when present
        std::string displayName;
    };

    struct PlaylistOwner
    {
        std::string id;
        std::string displayName;
    };

    struct PlaylistSummary
    {
        std::string id;
        std::string name;
        PlaylistOwner owner;
        std::string snapshotId; // changes whenever the content changes: skip re-syncing when equal
        int trackCount{0};      // from items.total (or deprecated tracks.total); 0 when Spotify omits both
        std::string imageUrl;   // largest image; Spotify's image URLs expire within a day
        bool collaborative{false};
        std::string description;
    };

    struct ArtistRef
    {
        std::string id; // empty for local files
        std::string name;
    };

    struct AlbumRef
    {
        std::string id; // empty for local files
        std::string name;
        std::string releaseDate; // YYYY, YYYY-MM or YYYY-MM-DD as Spotify sends it
        std::string imageUrl;    // largest image
    };

    struct SpotifyTrack
    {
        std::string id; // empty for local files
        std::string name;
        std::vector<ArtistRef> artists;
        AlbumRef album;
        int durationMs{0};
        int trackNumber{0};
        int discNumber{0};
        std::string isrc; // upper-cased; often the best key for a MusicBrainz lookup, may be empty
        bool isLocal{false};
        std::string addedAt; // ISO 8601 from the playlist/saved-track wrapper, empty when unknown
    };

    /// A playlist's items or the liked songs, walked to the end.
    struct TrackListing
    {
        std::vector<SpotifyTrack> tracks;      // playable catalogue tracks, in list order
        std::vector<SpotifyTrack> localTracks; // is_local entries: text only, kept so callers may still match them
        int skippedLocal{0};                   // == localTracks.size()
        int skippedUnavailable{0};             // entries whose track was null (removed from the catalogue)
        int skippedEpisodes{0};                // podcast episodes inside a playlist
        int reportedTotal{0};                  // `total` of the first page (the list may change while walking)
    };

    /// An album with its whole track list (GET /albums/{id} with tracks.next followed, or a /me/albums item).
    struct SpotifyAlbum
    {
        std::string id;
        std::string name;
        std::vector<ArtistRef> artists;
        std::string releaseDate;      // YYYY, YYYY-MM or YYYY-MM-DD, as releasePrecision says
        std::string releasePrecision; // "year", "month", "day"; "" when Spotify omits it
        std::string imageUrl;         // largest image
        std::string albumType;        // "album", "single" (EPs too) or "compilation"
        int totalTracks{0};
        std::string upc;     // external_ids.upc; often absent
        std::string addedAt; // ISO 8601 for saved albums, "" otherwise
        /// In album order. Album track pages hold *simplified* tracks: no external_ids, so isrc stays empty
        /// (see SpotifyApiClient::album); each track's `album` is filled from this album.
        std::vector<SpotifyTrack> tracks;
    };

    struct FollowedArtist
    {
        std::string id;
        std::string name;
        std::string imageUrl;
    };
} // namespace soulspot::sources::spotify
