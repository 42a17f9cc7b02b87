#pragma once
// What the API can ask of the download queue. Handlers parse and render; this decides.

#include <memory>
#include <optional>

#include "db/repositories/DownloadRepository.hpp"
#include "db/repositories/DownloadStateStore.hpp"
#include "db/repositories/PeerRepository.hpp"
#include "db/repositories/TrackRepository.hpp"
#include "jobs/DownloadLifecycle.hpp"
#include "jobs/DownloadWorkers.hpp"

namespace soulspot::jobs
{
    struct DownloadDetail
    {
        db::DownloadRecord download;
        std::vector<db::CandidateRecord> candidates;
        std::vector<db::AttemptRecord> attempts;
    };

    struct CreateResult
    {
        db::DownloadRecord download;
        bool created{false}; // false: the track already had an active download, which is returned
        /// Set when the track is already in the library: no download was created (download is empty) and
        /// the track row now records this path as its local copy.
        std::optional<std::string> ownedPath;
    };

    class DownloadService
    {
    public:
        /// `lifecycle`/`workers` are null when slskd is not configured: the queue still accepts work.
        DownloadService(db::Database& db, std::shared_ptr<DownloadLifecycle> lifecycle, std::shared_ptr<DownloadWorkers> workers);

        /// `allowOwned`: queue it even when the library already has the track (e.g. to upgrade its quality).
        core::Result<CreateResult> createForTrack(const db::TrackInput& track, int priority,
                                                  const std::optional<std::string>& profile, const std::string& correlationId,
                                                  bool allowOwned = false);
        core::Result<CreateResult> createForTrackId(std::int64_t trackId, int priority,
                                                    const std::optional<std::string>& profile, const std::string& correlationId,
                                                    bool allowOwned = false);
        core::Result<std::pair<std::vector<db::DownloadRecord>, std::int64_t>> list(const db::DownloadFilter& filter);
        core::Result<DownloadDetail> detail(std::int64_t id);
        core::Result<db::DownloadRecord> retry(std::int64_t id);
        core::Result<db::DownloadRecord> cancel(std::int64_t id);
        core::Result<db::DownloadRecord> setPriority(std::int64_t id, int priority);
        core::Result<db::DownloadRecord> chooseCandidate(std::int64_t id, int rank);
        core::Result<void> pause();
        core::Result<void> resume();
        bool paused() const;

        core::Result<std::vector<db::BlocklistEntry>> blocklist();
        core::Result<db::BlocklistEntry> block(const std::string& username, const std::optional<std::string>& filename,
                                               const std::string& reason, const std::optional<std::string>& expiresAt);
        core::Result<void> unblock(std::int64_t id);

    private:
        core::Result<db::DownloadRecord> load(std::int64_t id);

        db::Database& db_;
        db::DownloadRepository downloads_;
        db::DownloadStateStore states_;
        db::TrackRepository tracks_;
        db::PeerRepository peers_;
        std::shared_ptr<DownloadLifecycle> lifecycle_;
        std::shared_ptr<DownloadWorkers> workers_;
    };
} // namespace soulspot::jobs
