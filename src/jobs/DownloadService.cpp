#include "jobs/DownloadService.hpp"

#include "core/Clock.hpp"
#include "core/CorrelationId.hpp"
#include "core/Log.hpp"
#include "jobs/LibraryService.hpp"

namespace soulspot::jobs
{
    DownloadService::DownloadService(db::Database& db, std::shared_ptr<DownloadLifecycle> lifecycle,
                                     std::shared_ptr<DownloadWorkers> workers)
        : db_(db), downloads_(db), states_(db), tracks_(db), peers_(db), lifecycle_(std::move(lifecycle)), workers_(std::move(workers))
    {
    }

    core::Result<db::DownloadRecord> DownloadService::load(std::int64_t id)
    {
        auto d = downloads_.get(id);
        if (!d)
            return core::fail(d.error());
        if (!*d)
            return core::fail(core::Error::notFound("download " + std::to_string(id) + " not found"));
        return std::move(**d);
    }

    core::Result<CreateResult> DownloadService::createForTrack(const db::TrackInput& track, int priority,
                                                               const std::optional<std::string>& profile,
                                                               const std::string& correlationId, bool allowOwned)
    {
        auto trackId = tracks_.upsert(track);
        if (!trackId)
            return core::fail(trackId.error());
        return createForTrackId(*trackId, priority, profile, correlationId, allowOwned);
    }

    core::Result<CreateResult> DownloadService::createForTrackId(std::int64_t trackId, int priority,
                                                                 const std::optional<std::string>& profile,
                                                                 const std::string& correlationId, bool allowOwned)
    {
        auto track = tracks_.find(trackId);
        if (!track)
            return core::fail(track.error());
        if (!*track)
            return core::fail(core::Error::notFound("track " + std::to_string(trackId) + " not found"));
        auto active = downloads_.findActiveForTrack(trackId);
        if (!active)
            return core::fail(active.error());
        if (*active)
        {
            auto d = load(**active);
            if (!d)
                return core::fail(d.error());
            return CreateResult{std::move(*d), false};
        }
        if (!allowOwned)
        {
            // Lidarr's rule: a wanted track whose file is already in the library is not searched for.
            auto owned = findOwnedCopy(db_, **track);
            if (!owned)
                return core::fail(owned.error());
            if (*owned)
            {
                if (auto marked = db::LibraryRepository(db_).markTrackOwned(trackId, (*owned)->path); !marked)
                    return core::fail(marked.error());
                core::Logger("jobs.download").info("already in the library; not downloading",
                                                   {{"track_id", trackId}, {"path", (*owned)->path}});
                return CreateResult{db::DownloadRecord{}, false, (*owned)->path};
            }
        }
        auto id = downloads_.create(trackId, priority, profile, correlationId);
        if (!id && id.error().code == core::ErrorCode::Conflict)
        {
            // A concurrent request created it between our check and our insert; the unique index kept one.
            auto winner = downloads_.findActiveForTrack(trackId);
            if (!winner)
                return core::fail(winner.error());
            if (!*winner)
                return core::fail(id.error());
            auto d = load(**winner);
            if (!d)
                return core::fail(d.error());
            return CreateResult{std::move(*d), false};
        }
        if (!id)
            return core::fail(id.error());
        auto d = load(*id);
        if (!d)
            return core::fail(d.error());
        core::Logger("jobs.download").info("download queued", {{"download_id", *id},
                                                                {"artist", d->track.artistDisplay()},
                                                                {"title", d->track.title}});
        return CreateResult{std::move(*d), true};
    }

    core::Result<std::pair<std::vector<db::DownloadRecord>, std::int64_t>> DownloadService::list(const db::DownloadFilter& filter)
    {
        auto rows = downloads_.list(filter);
        if (!rows)
            return core::fail(rows.error());
        auto total = downloads_.count(filter.statuses);
        if (!total)
            return core::fail(total.error());
        return std::make_pair(std::move(*rows), *total);
    }

    core::Result<DownloadDetail> DownloadService::detail(std::int64_t id)
    {
        auto d = load(id);
        if (!d)
            return core::fail(d.error());
        auto cs = downloads_.candidates(id);
        if (!cs)
            return core::fail(cs.error());
        auto as = downloads_.attempts(id);
        if (!as)
            return core::fail(as.error());
        return DownloadDetail{std::move(*d), std::move(*cs), std::move(*as)};
    }

    core::Result<db::DownloadRecord> DownloadService::retry(std::int64_t id)
    {
        auto d = load(id);
        if (!d)
            return core::fail(d.error());
        using S = core::DownloadStatus;
        auto moved = states_.requeue(id, {S::Failed, S::NotFound, S::Cancelled}, core::TransitionReason::UserRetry);
        if (!moved && moved.error().code == core::ErrorCode::Conflict)
            return core::fail(core::Error::conflict("this track already has another active download"));
        if (!moved)
            return core::fail(moved.error());
        if (!*moved)
            return core::fail(core::Error::conflict("only FAILED, NOT_FOUND or CANCELLED downloads can be retried; this one is " +
                                                    std::string(core::toString(d->status))));
        return load(id);
    }

    // The one cancel path: recorded first (status, open attempt closed), then slskd told to drop the transfer.
    core::Result<db::DownloadRecord> DownloadService::cancel(std::int64_t id)
    {
        auto d = load(id);
        if (!d)
            return core::fail(d.error());
        using S = core::DownloadStatus;
        auto moved = states_.move(id, {S::Queued, S::Searching, S::Downloading, S::Verifying, S::NotFound}, S::Cancelled,
                                  core::TransitionReason::UserCancelled, std::string("cancelled"),
                                  std::string("cancelled by the user"));
        if (!moved)
            return core::fail(moved.error());
        if (!*moved)
            return core::fail(core::Error::conflict("download " + std::to_string(id) + " is " +
                                                    std::string(core::toString(d->status)) + " and cannot be cancelled"));
        if (auto r = downloads_.finishOpenAttempt(id, "cancelled", std::string("cancelled"), std::string("cancelled by the user")); !r)
            return core::fail(r.error());
        if (lifecycle_)
        {
            core::CorrelationScope scope(d->correlationId.value_or(""));
            lifecycle_->cancelAtSlskd(*d);
        }
        return load(id);
    }

    core::Result<db::DownloadRecord> DownloadService::setPriority(std::int64_t id, int priority)
    {
        auto r = downloads_.setPriority(id, priority);
        if (!r)
            return core::fail(r.error());
        if (!*r)
            return core::fail(core::Error::notFound("download " + std::to_string(id) + " not found"));
        return load(id);
    }

    core::Result<db::DownloadRecord> DownloadService::chooseCandidate(std::int64_t id, int rank)
    {
        if (!lifecycle_)
            return core::fail(core::Error::unavailable("slskd is not configured (set SLSKD_URL)"));
        if (auto r = lifecycle_->chooseCandidate(id, rank); !r)
            return core::fail(r.error());
        return load(id);
    }

    core::Result<void> DownloadService::pause()
    {
        if (workers_)
            workers_->pause();
        return {};
    }

    core::Result<void> DownloadService::resume()
    {
        if (workers_)
            workers_->resume();
        return {};
    }

    bool DownloadService::paused() const { return workers_ && workers_->paused(); }

    core::Result<std::vector<db::BlocklistEntry>> DownloadService::blocklist()
    {
        return peers_.blocklist(core::toIso8601(std::chrono::system_clock::now()));
    }

    core::Result<db::BlocklistEntry> DownloadService::block(const std::string& username, const std::optional<std::string>& filename,
                                                            const std::string& reason, const std::optional<std::string>& expiresAt)
    {
        auto id = peers_.block(username, filename, reason, expiresAt);
        if (!id)
            return core::fail(id.error());
        auto all = blocklist();
        if (!all)
            return core::fail(all.error());
        for (auto& e : *all)
            if (e.id == *id)
                return e;
        return core::fail(core::Error::internal("blocklist entry vanished"));
    }

    core::Result<void> DownloadService::unblock(std::int64_t id)
    {
        auto r = peers_.unblock(id);
        if (!r)
            return core::fail(r.error());
        if (!*r)
            return core::fail(core::Error::notFound("blocklist entry " + std::to_string(id) + " not found"));
        return {};
    }
} // namespace soulspot::jobs
