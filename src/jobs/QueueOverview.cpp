#include "jobs/QueueOverview.hpp"

#include "core/DownloadStatus.hpp"
#include "db/repositories/DownloadRepository.hpp"
#include "jobs/DownloadService.hpp"

namespace soulspot::jobs
{
    QueueOverview::QueueOverview(db::Database& db, std::shared_ptr<DownloadService> downloads)
        : db_(db), downloads_(std::move(downloads))
    {
    }

    core::Result<QueueSummary> QueueOverview::summary()
    {
        db::DownloadRepository repo(db_);
        auto counts = repo.countByStatus();
        if (!counts)
            return core::fail(counts.error());
        QueueSummary out;
        using S = core::DownloadStatus;
        for (const auto status : {S::Queued, S::Searching, S::Downloading, S::Verifying, S::Completed, S::Imported, S::NotFound,
                                  S::Failed, S::Cancelled})
            out.counts[std::string(core::toString(status))] = 0;
        for (const auto& [status, n] : *counts)
        {
            out.counts[status] = n;
            out.total += n;
        }
        out.paused = downloads_ && downloads_->paused();
        return out;
    }
} // namespace soulspot::jobs
