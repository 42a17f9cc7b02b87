#pragma once
// The one table of the download road (DESIGN.md "the road"): every legal status change, with the reason code
// that names why it happens. Every write of a download's status is checked against this table first; a move
// that is not in it is refused (and logged by the writer), so the road can be read here and nowhere else.
//
// Albums travel the same vocabulary one level up; their table is in AlbumStateMachine (same shape).

#include <optional>
#include <span>
#include <string_view>

#include "core/DownloadStatus.hpp"

namespace soulspot::core
{
    /// Why a download changes status. The string form is stored in download_events and shown by the API.
    enum class TransitionReason
    {
        Claimed,            // QUEUED → SEARCHING: a worker took it
        Enqueued,           // SEARCHING/VERIFYING → DOWNLOADING: slskd accepted a candidate (or the next one)
        Reattached,         // SEARCHING/DOWNLOADING → DOWNLOADING: recovery found slskd's transfer for the file
        Saved,              // X → X for an owned X: progress or bookkeeping saved without a move
        WaitForSlskd,       // → QUEUED: slskd could not be asked; nothing charged, resumes by itself
        Interrupted,        // SEARCHING → QUEUED: shutdown or restart mid-search
        Stranded,           // SEARCHING → QUEUED: the watchdog found no live owner
        NoMatch,            // SEARCHING → NOT_FOUND: a search completed and nothing acceptable came back
        SearchAgainLater,   // → QUEUED: every candidate failed; a new search after the backoff
        RetriesExhausted,   // → FAILED: the backoff ran out
        TransferSucceeded,  // DOWNLOADING → VERIFYING (or COMPLETED without an import step)
        ImportPostponed,    // VERIFYING → VERIFYING: local trouble, the file waits
        ImportResumed,      // COMPLETED → VERIFYING: a file that finished before the import step existed
        Imported,           // VERIFYING → IMPORTED
        UserPicked,         // any settled/active state → SEARCHING: the user's "pick another"
        UserCancelled,      // active / NOT_FOUND → CANCELLED
        UserRetry,          // FAILED/NOT_FOUND/CANCELLED → QUEUED: manual retry
        WishlistRetry,      // NOT_FOUND → QUEUED: the wishlist schedule came round
        // album road only (core/AlbumStateMachine)
        AlreadyOwned,       // SEARCHING → IMPORTED: every wanted track of the album is in the library already
        PartialKept,        // DOWNLOADING → COMPLETED: tracks settled, some missing, the policy keeps what came
        Discarded,          // DOWNLOADING → FAILED: tracks settled, some missing, the policy discards the album
    };

    std::string_view toString(TransitionReason r);

    struct Transition
    {
        DownloadStatus from;
        DownloadStatus to;
        TransitionReason reason;
    };

    /// Every legal (from, to, reason) triple.
    std::span<const Transition> downloadTransitions();

    /// True when `from → to` is legal for `reason`.
    bool isLegalTransition(DownloadStatus from, DownloadStatus to, TransitionReason reason);
    /// True when `from → to` is legal for some reason (used where the reason is not known to the writer).
    bool isLegalTransition(DownloadStatus from, DownloadStatus to);

    /// Statuses that a worker owns while they last: a row in one of them needs a live owner.
    bool isOwnedStatus(DownloadStatus s);
} // namespace soulspot::core
