#include "core/DownloadStatus.hpp"

#include <array>
#include <utility>

namespace soulspot::core
{
    namespace
    {
        constexpr std::array<std::pair<DownloadStatus, std::string_view>, 9> kNames{{
            {DownloadStatus::Queued, "QUEUED"},
            {DownloadStatus::Searching, "SEARCHING"},
            {DownloadStatus::Downloading, "DOWNLOADING"},
            {DownloadStatus::Verifying, "VERIFYING"},
            {DownloadStatus::Completed, "COMPLETED"},
            {DownloadStatus::Imported, "IMPORTED"},
            {DownloadStatus::NotFound, "NOT_FOUND"},
            {DownloadStatus::Failed, "FAILED"},
            {DownloadStatus::Cancelled, "CANCELLED"},
        }};
    } // namespace

    std::string_view toString(DownloadStatus s)
    {
        for (const auto& [status, name] : kNames)
            if (status == s)
                return name;
        return "FAILED";
    }

    std::optional<DownloadStatus> parseDownloadStatus(std::string_view s)
    {
        for (const auto& [status, name] : kNames)
            if (name == s)
                return status;
        return std::nullopt;
    }

    bool isTerminal(DownloadStatus s)
    {
        return s == DownloadStatus::Completed || s == DownloadStatus::Imported || s == DownloadStatus::NotFound ||
               s == DownloadStatus::Failed || s == DownloadStatus::Cancelled;
    }
} // namespace soulspot::core
