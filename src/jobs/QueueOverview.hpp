#pragma once
// The queue at a glance for the dashboard: downloads by status and whether the queue is paused.

#include <map>
#include <memory>
#include <string>

#include "core/Error.hpp"
#include "db/Database.hpp"

namespace soulspot::jobs
{
    class DownloadService;

    struct QueueSummary
    {
        std::map<std::string, std::int64_t> counts; // every status, zero included
        std::int64_t total{0};
        bool paused{false};
    };

    class QueueOverview
    {
    public:
        QueueOverview(db::Database& db, std::shared_ptr<DownloadService> downloads);
        core::Result<QueueSummary> summary();

    private:
        db::Database& db_;
        std::shared_ptr<DownloadService> downloads_;
    };
} // namespace soulspot::jobs
