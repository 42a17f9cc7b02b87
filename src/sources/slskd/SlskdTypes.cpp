#include "sources/slskd/SlskdTypes.hpp"

#include <array>
#include <charconv>
#include <utility>

namespace soulspot::sources::slskd
{
    namespace
    {
        std::string_view trim(std::string_view s)
        {
            while (!s.empty() && (s.front() == ' ' || s.front() == '"'))
                s.remove_prefix(1);
            while (!s.empty() && (s.back() == ' ' || s.back() == '"' || s.back() == '\n' || s.back() == '\r'))
                s.remove_suffix(1);
            return s;
        }

        constexpr std::array<std::pair<std::string_view, std::uint32_t>, 13> kTransferFlagNames{{
            {"Requested", kRequested},
            {"Queued", kQueued},
            {"Initializing", kInitializing},
            {"InProgress", kInProgress},
            {"Completed", kCompleted},
            {"Succeeded", kSucceeded},
            {"Cancelled", kCancelled},
            {"TimedOut", kTimedOut},
            {"Errored", kErrored},
            {"Rejected", kRejected},
            {"Aborted", kAborted},
            {"Locally", kLocally},
            {"Remotely", kRemotely},
        }};
    } // namespace

    SlskdVersion SlskdVersion::parse(std::string_view text)
    {
        SlskdVersion v;
        text = trim(text);
        v.raw = std::string(text);
        if (!text.empty() && (text.front() == 'v' || text.front() == 'V'))
            text.remove_prefix(1);
        std::array<int*, 3> parts{&v.major, &v.minor, &v.patch};
        for (int* part : parts)
        {
            const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), *part);
            if (ec != std::errc{})
                break;
            text.remove_prefix(static_cast<std::size_t>(ptr - text.data()));
            if (text.empty() || text.front() != '.')
                break;
            text.remove_prefix(1);
        }
        return v;
    }

    bool SlskdVersion::atLeast(int maj, int min, int pat) const
    {
        if (major != maj)
            return major > maj;
        if (minor != min)
            return minor > min;
        return patch >= pat;
    }

    bool SearchState::isQueued() const
    {
        return !isComplete && state.find("Queued") != std::string::npos;
    }

    std::uint32_t parseTransferStates(std::string_view text)
    {
        std::uint32_t flags = 0;
        while (!text.empty())
        {
            const auto comma = text.find(',');
            const auto name = trim(text.substr(0, comma));
            for (const auto& [known, bit] : kTransferFlagNames)
                if (name == known)
                    flags |= bit;
            if (comma == std::string_view::npos)
                break;
            text.remove_prefix(comma + 1);
        }
        return flags;
    }

    TransferOutcome outcomeFromStates(std::uint32_t flags)
    {
        if (flags & kCompleted)
        {
            if (flags & kSucceeded)
                return TransferOutcome::Succeeded;
            if (flags & kRejected)
                return TransferOutcome::Rejected;
            if (flags & kTimedOut)
                return TransferOutcome::TimedOut;
            if (flags & kCancelled)
                return TransferOutcome::Cancelled;
            if (flags & kAborted)
                return TransferOutcome::Aborted;
            return TransferOutcome::Errored;
        }
        if (flags & (kInProgress | kInitializing))
            return TransferOutcome::InProgress;
        return TransferOutcome::Queued; // None, Requested, Queued Locally/Remotely, between server-side retries
    }

    bool isTerminal(TransferOutcome outcome)
    {
        return outcome != TransferOutcome::Queued && outcome != TransferOutcome::InProgress;
    }

    std::string_view reasonCode(TransferOutcome outcome)
    {
        switch (outcome)
        {
        case TransferOutcome::Queued: return "queued";
        case TransferOutcome::InProgress: return "in_progress";
        case TransferOutcome::Succeeded: return "succeeded";
        case TransferOutcome::Errored: return "errored";
        case TransferOutcome::Rejected: return "rejected";
        case TransferOutcome::TimedOut: return "timed_out";
        case TransferOutcome::Cancelled: return "cancelled";
        case TransferOutcome::Aborted: return "aborted";
        }
        return "errored";
    }

    core::DownloadStatus toDownloadStatus(TransferOutcome outcome)
    {
        switch (outcome)
        {
        case TransferOutcome::Queued:
        case TransferOutcome::InProgress: return core::DownloadStatus::Downloading;
        case TransferOutcome::Succeeded: return core::DownloadStatus::Verifying;
        case TransferOutcome::Cancelled: return core::DownloadStatus::Cancelled;
        case TransferOutcome::Errored:
        case TransferOutcome::Rejected:
        case TransferOutcome::TimedOut:
        case TransferOutcome::Aborted: return core::DownloadStatus::Failed;
        }
        return core::DownloadStatus::Failed;
    }
} // namespace soulspot::sources::slskd
