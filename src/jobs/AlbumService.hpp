#pragma once
// What the API can ask of wanted albums (issue 10 §6). Handlers parse and render; this decides. Turning a
// link, id or text into a tracklist is the resolver's job (jobs/AlbumResolver), injected so the service
// runs without Spotify or MusicBrainz configured (those inputs then answer 503/400 clearly).

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "db/repositories/AlbumRepository.hpp"
#include "jobs/AlbumRoad.hpp"
#include "jobs/DownloadService.hpp"

namespace soulspot::jobs
{
    /// What the user asked for: one album (Spotify URL/URI, MusicBrainz release or release-group id/URL,
    /// "Artist - Album"), their Spotify saved albums, or every album a Spotify playlist touches.
    struct AlbumRequest
    {
        enum class Kind { Ref, SavedAlbums, PlaylistAlbums };
        Kind kind{Kind::Ref};
        std::string ref; // the album reference, or the playlist URL/id for PlaylistAlbums
        db::IncompletePolicy policy{db::IncompletePolicy::WaitAndRetry};
        bool replaceOwned{false};
        std::optional<std::string> qualityProfile;
    };

    /// Resolves a request into albums with their tracklists (policy fields copied from the request).
    using AlbumResolver = std::function<core::Result<std::vector<db::AlbumInput>>(const AlbumRequest&)>;

    struct AlbumDetail
    {
        db::AlbumRecord album;
        std::vector<db::AlbumTrackRecord> tracks;
        std::vector<db::AlbumFolderRecord> folders;
        std::vector<db::AlbumEventRecord> events;
    };

    struct AlbumsCreated
    {
        std::vector<db::AlbumRecord> albums;
        int created{0}; // the rest were wanted already
    };

    class AlbumService
    {
    public:
        /// `road` is null when slskd is not configured: albums are still accepted and wait in the queue.
        AlbumService(db::Database& db, AlbumResolver resolver, std::shared_ptr<AlbumRoad> road,
                     std::shared_ptr<DownloadService> downloads);

        core::Result<AlbumsCreated> create(const AlbumRequest& request);
        core::Result<std::vector<db::AlbumRecord>> list(const db::AlbumFilter& filter);
        core::Result<AlbumDetail> detail(std::int64_t id);
        core::Result<db::AlbumRecord> retry(std::int64_t id);
        /// Cancels the album and every download still fetching a track for it.
        core::Result<db::AlbumRecord> cancel(std::int64_t id);
        core::Result<db::AlbumRecord> chooseFolder(std::int64_t id, int rank);

    private:
        core::Result<db::AlbumRecord> load(std::int64_t id);

        db::AlbumRepository albums_;
        AlbumResolver resolver_;
        std::shared_ptr<AlbumRoad> road_;
        std::shared_ptr<DownloadService> downloads_;
    };
} // namespace soulspot::jobs
