#include "core/AlbumStateMachine.hpp"

#include <algorithm>
#include <array>

namespace soulspot::core
{
    namespace
    {
        using S = DownloadStatus;
        using R = TransitionReason;

        // clang-format off
        // The album road, read top to bottom. Anything not listed here is refused.
        constexpr std::array kAlbumTransitions{
            Transition{S::Queued,      S::Searching,   R::Claimed},
            Transition{S::Searching,   S::Searching,   R::Saved},
            Transition{S::Downloading, S::Downloading, R::Saved},
            // slskd could not be asked, or the worker stopped: back to the queue, nothing charged
            Transition{S::Searching,   S::Queued,      R::WaitForSlskd},
            Transition{S::Searching,   S::Queued,      R::Interrupted},
            Transition{S::Searching,   S::Queued,      R::Stranded},
            // a completed search decides
            Transition{S::Searching,   S::NotFound,    R::NoMatch},
            Transition{S::Searching,   S::Downloading, R::Enqueued},
            Transition{S::Searching,   S::Imported,    R::AlreadyOwned},
            Transition{S::Searching,   S::Failed,      R::RetriesExhausted},
            // every track settled
            Transition{S::Downloading, S::Imported,    R::Imported},
            Transition{S::Downloading, S::Completed,   R::PartialKept},
            Transition{S::Downloading, S::Queued,      R::SearchAgainLater},
            Transition{S::Downloading, S::Failed,      R::Discarded},
            Transition{S::Downloading, S::Failed,      R::RetriesExhausted},
            // the wishlist comes round
            Transition{S::NotFound,    S::Queued,      R::WishlistRetry},
            // the user
            Transition{S::Queued,      S::Cancelled,   R::UserCancelled},
            Transition{S::Searching,   S::Cancelled,   R::UserCancelled},
            Transition{S::Downloading, S::Cancelled,   R::UserCancelled},
            Transition{S::NotFound,    S::Cancelled,   R::UserCancelled},
            Transition{S::Failed,      S::Queued,      R::UserRetry},
            Transition{S::NotFound,    S::Queued,      R::UserRetry},
            Transition{S::Cancelled,   S::Queued,      R::UserRetry},
            Transition{S::Completed,   S::Queued,      R::UserRetry},
            Transition{S::NotFound,    S::Searching,   R::UserPicked},
            Transition{S::Failed,      S::Searching,   R::UserPicked},
            Transition{S::Cancelled,   S::Searching,   R::UserPicked},
            Transition{S::Completed,   S::Searching,   R::UserPicked},
            Transition{S::Downloading, S::Searching,   R::UserPicked},
        };
        // clang-format on
    } // namespace

    std::span<const Transition> albumTransitions() { return kAlbumTransitions; }

    bool isLegalAlbumTransition(DownloadStatus from, DownloadStatus to, TransitionReason reason)
    {
        return std::any_of(kAlbumTransitions.begin(), kAlbumTransitions.end(),
                           [&](const Transition& t) { return t.from == from && t.to == to && t.reason == reason; });
    }

    bool isOwnedAlbumStatus(DownloadStatus s) { return s == DownloadStatus::Searching || s == DownloadStatus::Downloading; }
} // namespace soulspot::core
