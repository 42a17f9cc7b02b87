#include "jobs/LibraryImportStep.hpp"

#include "core/Log.hpp"
#include "library/DownloadFolderPruner.hpp"
#include "library/PathSanitizer.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.import");
        constexpr int kDefaultToleranceSec = 3;
    } // namespace

    LibraryImportStep::LibraryImportStep(std::shared_ptr<LibraryFiler> filer, std::filesystem::path downloadsRoot,
                                         ProfileResolver profiles)
        : filer_(std::move(filer)), downloadsRoot_(std::move(downloadsRoot)), profiles_(std::move(profiles))
    {
    }

    tl::expected<ImportOutcome, ImportFailure> LibraryImportStep::importDownloaded(const db::DownloadRecord& download,
                                                                                  const std::filesystem::path& file)
    {
        FilingRequest request;
        request.file = file;
        request.track = download.track;
        request.downloadId = download.id;
        request.durationToleranceMs =
            1000 * (profiles_ ? profiles_(download.qualityProfile).lengthToleranceSec : kDefaultToleranceSec);
        if (download.filename)
            request.originalTitle = std::filesystem::path(std::string(library::peerFileName(*download.filename))).stem().string();

        auto filed = filer_->file(request);
        if (!filed)
        {
            const auto& f = filed.error();
            if (f.rejected)
                removeDownloaded(file);
            return tl::unexpected(ImportFailure{f.reasonCode, f.message, f.rejected, f.retryLater});
        }
        if (filed->placed.outcome == library::ImportOutcome::KeptExisting)
            removeDownloaded(file); // the library already has this recording at least as good
        else if (!downloadsRoot_.empty() && library::isWithin(downloadsRoot_, file.parent_path()))
            (void)library::pruneEmptyParents(file.parent_path(), downloadsRoot_);
        return ImportOutcome{filed->placed.finalPath.string(), filed->detail};
    }

    void LibraryImportStep::removeDownloaded(const std::filesystem::path& file) const
    {
        std::error_code ec;
        std::filesystem::remove(file, ec);
        if (ec)
            kLog.warning("could not delete the downloaded file", {{"file", file.string()}, {"error", ec.message()}});
        if (!downloadsRoot_.empty() && library::isWithin(downloadsRoot_, file.parent_path()))
            (void)library::pruneEmptyParents(file.parent_path(), downloadsRoot_);
    }
} // namespace soulspot::jobs
