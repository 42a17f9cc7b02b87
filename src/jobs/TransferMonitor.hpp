#pragma once
// The transfer step of the download road: follows this instance's slskd transfers by id (progress,
// completion, failure with fallback, stalls), imports finished files, recovers after a restart, and — as
// the watchdog — renews this instance's leases and puts rows with no live owner back on the road.

#include <memory>

#include "jobs/DownloadRoad.hpp"
#include "jobs/ImportStep.hpp"

namespace soulspot::jobs
{
    class TransferMonitor
    {
    public:
        explicit TransferMonitor(DownloadRoad& road) : road_(road) {}

        /// Optional: without an import step a located file ends as COMPLETED in the downloads folder.
        void setImportStep(std::shared_ptr<IImportStep> step) { importStep_ = std::move(step); }

        /// One pass over the DOWNLOADING rows leased to this instance.
        void monitorTransfers();
        /// One pass over the VERIFYING rows leased to this instance: verify, tag, move.
        void importFinished();
        /// At start-up: searches interrupted by the restart go back to the queue, interrupted enqueues are
        /// re-attached, files that finished before an import step existed are imported.
        void recoverInterrupted();
        /// While running: renews leases of live work; SEARCHING rows whose lease ran out go back on the road.
        void watchdog();

    private:
        void finishSucceeded(db::DownloadRecord d, const sources::slskd::TransferDto& transfer);
        void runImport(db::DownloadRecord d);
        void recoverStranded(db::DownloadStateStore::Stranded scope);

        DownloadRoad& road_;
        std::shared_ptr<IImportStep> importStep_;
    };
} // namespace soulspot::jobs
