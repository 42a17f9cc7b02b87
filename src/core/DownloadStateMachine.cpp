#include "core/DownloadStateMachine.hpp"

#include <algorithm>
#include <array>

namespace soulspot::core
{
    namespace
    {
        using S = DownloadStatus;
        using R = TransitionReason;

        // clang-format off
        // The road, read top to bottom. Anything not listed here is refused.
        constexpr std::array kTransitions{
            // a worker takes a queued download
            Transition{S::Queued,      S::Searching,   R::Claimed},
            // bookkeeping inside a state (search id, enqueue intent, progress, postponed import)
            Transition{S::Searching,   S::Searching,   R::Saved},
            Transition{S::Downloading, S::Downloading, R::Saved},
            Transition{S::Verifying,   S::Verifying,   R::Saved},
            Transition{S::Verifying,   S::Verifying,   R::ImportPostponed},
            // slskd could not be asked, or the worker stopped: back to the queue, nothing charged
            Transition{S::Searching,   S::Queued,      R::WaitForSlskd},
            Transition{S::Downloading, S::Queued,      R::WaitForSlskd},
            Transition{S::Verifying,   S::Queued,      R::WaitForSlskd},
            Transition{S::Downloading, S::Queued,      R::Interrupted},
            Transition{S::Searching,   S::Queued,      R::Interrupted},
            Transition{S::Searching,   S::Queued,      R::Stranded},
            // a completed search decides
            Transition{S::Searching,   S::NotFound,    R::NoMatch},
            Transition{S::Searching,   S::Downloading, R::Enqueued},
            Transition{S::Searching,   S::Downloading, R::Reattached},
            Transition{S::Downloading, S::Downloading, R::Reattached},
            // a transfer or an import failed: the next candidate, else a later search, else give up
            Transition{S::Downloading, S::Downloading, R::Enqueued},
            Transition{S::Verifying,   S::Downloading, R::Enqueued},
            Transition{S::Searching,   S::Queued,      R::SearchAgainLater},
            Transition{S::Downloading, S::Queued,      R::SearchAgainLater},
            Transition{S::Verifying,   S::Queued,      R::SearchAgainLater},
            Transition{S::Searching,   S::Failed,      R::RetriesExhausted},
            Transition{S::Downloading, S::Failed,      R::RetriesExhausted},
            Transition{S::Verifying,   S::Failed,      R::RetriesExhausted},
            // the file arrived
            Transition{S::Downloading, S::Verifying,   R::TransferSucceeded},
            Transition{S::Downloading, S::Completed,   R::TransferSucceeded},
            Transition{S::Completed,   S::Verifying,   R::ImportResumed},
            Transition{S::Verifying,   S::Imported,    R::Imported},
            // the wishlist comes round
            Transition{S::NotFound,    S::Queued,      R::WishlistRetry},
            // the user
            Transition{S::Queued,      S::Cancelled,   R::UserCancelled},
            Transition{S::Searching,   S::Cancelled,   R::UserCancelled},
            Transition{S::Downloading, S::Cancelled,   R::UserCancelled},
            Transition{S::Verifying,   S::Cancelled,   R::UserCancelled},
            Transition{S::NotFound,    S::Cancelled,   R::UserCancelled},
            Transition{S::Failed,      S::Queued,      R::UserRetry},
            Transition{S::NotFound,    S::Queued,      R::UserRetry},
            Transition{S::Cancelled,   S::Queued,      R::UserRetry},
            Transition{S::Queued,      S::Searching,   R::UserPicked},
            Transition{S::Downloading, S::Searching,   R::UserPicked},
            Transition{S::NotFound,    S::Searching,   R::UserPicked},
            Transition{S::Failed,      S::Searching,   R::UserPicked},
            Transition{S::Cancelled,   S::Searching,   R::UserPicked},
            Transition{S::Completed,   S::Searching,   R::UserPicked},
            Transition{S::Imported,    S::Searching,   R::UserPicked},
        };
        // clang-format on

        constexpr std::array<std::pair<R, std::string_view>, 21> kReasonNames{{
            {R::Claimed, "claimed"},
            {R::Enqueued, "enqueued"},
            {R::Reattached, "reattached"},
            {R::Saved, "saved"},
            {R::WaitForSlskd, "waiting_for_slskd"},
            {R::Interrupted, "interrupted"},
            {R::Stranded, "stranded"},
            {R::NoMatch, "no_match"},
            {R::SearchAgainLater, "search_again_later"},
            {R::RetriesExhausted, "retries_exhausted"},
            {R::TransferSucceeded, "transfer_succeeded"},
            {R::ImportPostponed, "import_postponed"},
            {R::ImportResumed, "import_resumed"},
            {R::Imported, "imported"},
            {R::UserPicked, "user_picked"},
            {R::UserCancelled, "user_cancelled"},
            {R::UserRetry, "user_retry"},
            {R::WishlistRetry, "wishlist_retry"},
            {R::AlreadyOwned, "already_owned"},
            {R::PartialKept, "partial_kept"},
            {R::Discarded, "discarded"},
        }};
    } // namespace

    std::string_view toString(TransitionReason r)
    {
        for (const auto& [reason, name] : kReasonNames)
            if (reason == r)
                return name;
        return "unknown";
    }

    std::span<const Transition> downloadTransitions() { return kTransitions; }

    bool isLegalTransition(DownloadStatus from, DownloadStatus to, TransitionReason reason)
    {
        return std::any_of(kTransitions.begin(), kTransitions.end(),
                           [&](const Transition& t) { return t.from == from && t.to == to && t.reason == reason; });
    }

    bool isLegalTransition(DownloadStatus from, DownloadStatus to)
    {
        return std::any_of(kTransitions.begin(), kTransitions.end(),
                           [&](const Transition& t) { return t.from == from && t.to == to; });
    }

    bool isOwnedStatus(DownloadStatus s)
    {
        return s == DownloadStatus::Searching || s == DownloadStatus::Downloading || s == DownloadStatus::Verifying;
    }
} // namespace soulspot::core
