#pragma once
// The road of one wanted album (issue 10; every move is in core/AlbumStateMachine):
// QUEUED → SEARCHING (search "artist album" with fallbacks, group answers into folders, browse folders the
// search showed only in part, score them with matching/AlbumScorer) → DOWNLOADING (one download per track
// of the chosen folder, every file of a remote folder enqueued in one slskd request) → settled when every
// track has: IMPORTED, or by the album's policy COMPLETED (keep partial), QUEUED again for the missing ones
// (wait and retry) or FAILED (discard). NOT_FOUND only when the searches completed and no folder was right.
//
// From DOWNLOADING on each track travels the download road alone: a failed file falls over to the same
// track in the next accepted folder (its candidates), then to a search of its own. Owned tracks are never
// fetched again unless the album asks to replace them.

#include <memory>
#include <optional>
#include <stop_token>

#include "db/repositories/AlbumRepository.hpp"
#include "db/repositories/KeyValueRepository.hpp"
#include "jobs/DownloadLifecycle.hpp"
#include "matching/AlbumScorer.hpp"

namespace soulspot::jobs
{
    class AlbumRoad
    {
    public:
        AlbumRoad(db::Database& db, DownloadRoad& road, std::shared_ptr<SearchScheduler> scheduler, ProfileResolver profiles);

        /// Claims the next due QUEUED album for this instance (SEARCHING); nullopt when none is due.
        std::optional<std::int64_t> claimNext();
        /// Takes one claimed album to DOWNLOADING, NOT_FOUND, IMPORTED (all owned), or back to QUEUED when slskd
        /// cannot be asked (nothing charged).
        void acquire(std::int64_t albumId, std::stop_token stop);
        /// One pass over DOWNLOADING albums: settles those whose tracks have all settled.
        void settle();
        /// Renews the leases of albums being searched here; albums with no live owner go back to the queue.
        void watchdog(bool startup);
        /// The user's "pick another": enqueue folder `rank` of the album's last scoring.
        core::Result<void> chooseFolder(std::int64_t albumId, int rank);

    private:
        struct Scoring;
        core::Result<std::vector<matching::SearchResponse>> search(db::AlbumRecord& album, const std::string& query,
                                                                  std::stop_token stop);
        /// Browses the folders the search showed only in part (at most a few per round) and scores again.
        core::Result<void> browseAndRescore(Scoring& s);
        void enqueueFolder(db::AlbumRecord album, const std::vector<db::AlbumFolderRecord>& folders, int rank,
                           const std::vector<std::size_t>& asked);
        void backToQueue(db::AlbumRecord album, std::chrono::milliseconds delay, core::TransitionReason reason,
                         const std::string& why);

        db::Database& db_;
        DownloadRoad& road_;
        db::AlbumRepository albums_;
        db::SearchCacheRepository cache_;
        std::shared_ptr<SearchScheduler> scheduler_;
        ProfileResolver profiles_;
        matching::AlbumScorer scorer_;
        std::mutex liveMutex_;
        std::set<std::int64_t> live_;
    };

    /// The album as the matcher sees it (tracks in position order).
    matching::WantedAlbum toWantedAlbum(const db::AlbumRecord& album, const std::vector<db::AlbumTrackRecord>& tracks);
    /// Scored folders as stored rows (rank = order of `result.folders`).
    std::vector<db::AlbumFolderRecord> toFolderRecords(const matching::AlbumMatchResult& result,
                                                       const std::vector<matching::AlbumFolder>& folders);
} // namespace soulspot::jobs
