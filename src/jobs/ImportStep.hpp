#pragma once
// What happens to a finished transfer before it counts as done: verification, tagging, naming and the
// atomic move into the library (issue 6). The download lifecycle calls it with the located file while the
// download is VERIFYING; success makes it IMPORTED, failure falls over to the next candidate.

#include <filesystem>
#include <string>

#include <tl/expected.hpp>

#include "db/repositories/Records.hpp"

namespace soulspot::jobs
{
    struct ImportOutcome
    {
        std::string finalPath; // where the file now lives in the library
        std::string detail;    // e.g. "imported", "kept existing better file"
    };

    struct ImportFailure
    {
        std::string reasonCode; // "not_audio", "duration_mismatch", "truncated", "implausible_lossless_size", "io_error"…
        std::string message;
        bool blockSource{true}; // a bad file blocklists its (user, file); a local I/O problem does not
        bool retryLater{false}; // local trouble (disk full…): keep the file, try the import again later
    };

    class IImportStep
    {
    public:
        virtual ~IImportStep() = default;
        /// Verifies `file` against the wanted track and files it into the library. A rejected file is removed
        /// from the downloads folder by the step; a retryLater failure leaves it in place.
        virtual tl::expected<ImportOutcome, ImportFailure> importDownloaded(const db::DownloadRecord& download,
                                                                           const std::filesystem::path& file) = 0;
    };
} // namespace soulspot::jobs
