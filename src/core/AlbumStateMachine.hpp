#pragma once
// The album road's one table (issue 10 §3, issue 12 §1): the same statuses and reason codes as the download
// road (core/DownloadStateMachine), one level up. An album is SEARCHING while its folders are found and
// scored, DOWNLOADING while its tracks travel the download road, and settles when every track has:
// IMPORTED (all in the library), COMPLETED (some missing, kept by the "keep partial" policy), FAILED, or back
// to QUEUED to search again for the missing ones ("wait and retry").

#include <span>

#include "core/DownloadStateMachine.hpp"

namespace soulspot::core
{
    /// Every legal (from, to, reason) triple of an album.
    std::span<const Transition> albumTransitions();
    bool isLegalAlbumTransition(DownloadStatus from, DownloadStatus to, TransitionReason reason);
    /// SEARCHING and DOWNLOADING albums have an owner (a lease) while they last.
    bool isOwnedAlbumStatus(DownloadStatus s);
} // namespace soulspot::core
