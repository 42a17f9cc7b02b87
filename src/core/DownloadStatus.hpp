#pragma once
// The states a wanted track's download passes through (DESIGN.md "the road"). API strings are upper case
// because the operations runbook filters on them with jq.

#include <optional>
#include <string_view>

namespace soulspot::core
{
    enum class DownloadStatus
    {
        Queued,
        Searching,
        Downloading,
        Verifying,
        Completed,
        Imported,
        NotFound,
        Failed,
        Cancelled,
    };

    std::string_view toString(DownloadStatus s);
    std::optional<DownloadStatus> parseDownloadStatus(std::string_view s);
    /// True for states that no worker will move on from by itself.
    bool isTerminal(DownloadStatus s);
} // namespace soulspot::core
