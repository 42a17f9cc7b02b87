#pragma once
// Wanted albums (issue 10): the album row, its tracklist, its scored folders and its history. Every status
// write goes through save()/move(), checked against core/AlbumStateMachine and a compare-and-set on the
// status, with an album_events row in the same transaction — the same rules as DownloadStateStore.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/AlbumStateMachine.hpp"
#include "core/Error.hpp"
#include "db/Database.hpp"
#include "db/repositories/Records.hpp"

namespace soulspot::db
{
    struct AlbumFilter
    {
        std::vector<core::DownloadStatus> statuses; // empty = all
        std::optional<int> limit;                   // nullopt = every album
        int offset{0};
    };

    /// A download the album road creates for one track of its chosen folder.
    struct AlbumDownloadPlan
    {
        int position{0};
        std::int64_t trackId{0};
        std::vector<CandidateRecord> candidates; // rank 0 = the chosen folder's file, then other folders' copies
    };

    struct AlbumDownloadCreated
    {
        int position{0};
        std::int64_t downloadId{0};
        bool created{false}; // false: the track already had an active download, which now serves the album
    };

    struct AlbumCreated
    {
        std::int64_t id{0};
        bool created{false}; // false: the same release (Spotify id / release MBID) is already wanted
    };

    class AlbumRepository
    {
    public:
        explicit AlbumRepository(Database& db) : db_(db) {}

        /// The album, its tracks (deduplicated like every track) and its tracklist, QUEUED, in one transaction.
        core::Result<AlbumCreated> create(const AlbumInput& input);
        core::Result<std::optional<AlbumRecord>> find(std::int64_t id);
        core::Result<std::vector<AlbumRecord>> list(const AlbumFilter& filter);
        core::Result<std::vector<AlbumTrackRecord>> tracks(std::int64_t albumId);

        core::Result<void> replaceFolders(std::int64_t albumId, const std::vector<AlbumFolderRecord>& folders);
        core::Result<std::vector<AlbumFolderRecord>> folders(std::int64_t albumId);

        /// Writes the mutable fields of `album` when its row is still `expected` and the move is legal.
        core::Result<bool> save(const AlbumRecord& album, core::DownloadStatus expected, core::TransitionReason reason,
                                std::string_view note = {});
        /// User actions: from whichever of `from` the album is in to `to`. The status it left, or nullopt.
        core::Result<std::optional<core::DownloadStatus>> move(std::int64_t id, const std::vector<core::DownloadStatus>& from,
                                                               core::DownloadStatus to, core::TransitionReason reason,
                                                               const std::optional<std::string>& message = {},
                                                               const std::string& leaseOwner = {},
                                                               const std::string& leaseUntil = {});

        /// Takes the next due QUEUED album for `instance` (SEARCHING, leased): its id or nullopt.
        core::Result<std::optional<std::int64_t>> claimNext(const std::string& instance, const std::string& nowIso,
                                                              const std::string& leaseUntil);
        core::Result<void> renewLeases(const std::string& instance, const std::vector<std::int64_t>& ids,
                                       const std::string& leaseUntil);
        /// SEARCHING albums whose lease ran out (or, with `includeOwn`, that this instance held before a
        /// restart) go back to QUEUED; returns how many.
        core::Result<std::int64_t> requeueStranded(const std::string& instance, const std::string& nowIso, bool includeOwn);
        /// DOWNLOADING albums, for the pass that settles them once their tracks have.
        core::Result<std::vector<AlbumRecord>> downloading();
        /// NOT_FOUND albums whose retry time has come go back to QUEUED; returns how many.
        core::Result<std::int64_t> reviveNotFound(const std::string& nowIso);

        /// Creates SEARCHING downloads (leased to `instance`, enqueue pending) for the chosen folder's files,
        /// with their candidates, in one transaction. A track that already has an active download keeps it.
        core::Result<std::vector<AlbumDownloadCreated>> createDownloads(std::int64_t albumId,
                                                                        const std::vector<AlbumDownloadPlan>& plans,
                                                                        const std::optional<std::string>& profile,
                                                                        const std::string& instance,
                                                                        const std::string& leaseUntil);
        /// The album (and the track's place on it) a download was fetched for; nullopt for a lone track.
        struct Placement
        {
            AlbumRecord album;
            int discNumber{1};
            int trackNumber{0};
            int tracksOnDisc{0};
        };
        core::Result<std::optional<Placement>> placementOf(std::int64_t downloadId);

        core::Result<std::vector<AlbumEventRecord>> events(std::int64_t albumId);

        /// The release (MBID, cover URL) of the newest wanted album a track is on, so enrichment embeds the
        /// album's one cover instead of the cover of whichever release a lone lookup picks.
        struct TrackRelease
        {
            std::string releaseMbid;
            std::string coverUrl;
        };
        core::Result<std::optional<TrackRelease>> releaseOfTrack(std::int64_t trackId);

    private:
        /// Moves every album whose id is in the first column of `ids` (one event each); returns how many moved.
        core::Result<std::int64_t> moveEach(const ResultSet& ids, core::DownloadStatus from, core::DownloadStatus to,
                                            core::TransitionReason reason, const std::optional<std::string>& message);
        Database& db_;
    };
} // namespace soulspot::db
