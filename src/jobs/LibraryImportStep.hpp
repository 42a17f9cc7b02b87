#pragma once
// IImportStep for real (issue 6): a finished download is verified against the wanted track, tagged, named
// and moved into the library by LibraryFiler. A bad file is deleted and its source blocklisted (the
// lifecycle falls over to the next candidate); local trouble keeps the file for a later attempt.

#include <filesystem>
#include <memory>

#include "jobs/DownloadLifecycle.hpp"
#include "jobs/ImportStep.hpp"
#include "jobs/LibraryFiler.hpp"

namespace soulspot::jobs
{
    class LibraryImportStep final : public IImportStep
    {
    public:
        /// `downloadsRoot` bounds the pruning of emptied download folders; `profiles` gives the length
        /// tolerance of the download's quality profile.
        LibraryImportStep(std::shared_ptr<LibraryFiler> filer, std::filesystem::path downloadsRoot, ProfileResolver profiles);

        tl::expected<ImportOutcome, ImportFailure> importDownloaded(const db::DownloadRecord& download,
                                                                   const std::filesystem::path& file) override;

    private:
        void removeDownloaded(const std::filesystem::path& file) const;

        std::shared_ptr<LibraryFiler> filer_;
        std::filesystem::path downloadsRoot_;
        ProfileResolver profiles_;
    };
} // namespace soulspot::jobs
