// The transition tables of the download and album roads: the moves the roads depend on are there, the
// ones that would lose or double work are not, and every reason has a stable name.
#include "core/AlbumStateMachine.hpp"
#include "core/DownloadStateMachine.hpp"

#include <set>

#include <gtest/gtest.h>

namespace soulspot::core
{
    using S = DownloadStatus;
    using R = TransitionReason;

    struct Move
    {
        S from;
        S to;
        R reason;
        bool legal;
    };

    TEST(DownloadStateMachine, TableHoldsTheRoadAndRefusesTheRest)
    {
        const Move cases[] = {
            {S::Queued, S::Searching, R::Claimed, true},
            {S::Searching, S::NotFound, R::NoMatch, true},
            {S::Searching, S::Queued, R::WaitForSlskd, true},
            {S::Downloading, S::Queued, R::WaitForSlskd, true},
            {S::Downloading, S::Verifying, R::TransferSucceeded, true},
            {S::Verifying, S::Imported, R::Imported, true},
            {S::NotFound, S::Queued, R::WishlistRetry, true},
            {S::Failed, S::Queued, R::UserRetry, true},
            // an outage is never "nothing exists", and finished work never runs again by itself
            {S::Searching, S::NotFound, R::WaitForSlskd, false},
            {S::Downloading, S::NotFound, R::NoMatch, false},
            {S::Imported, S::Queued, R::UserRetry, false},
            {S::Cancelled, S::Downloading, R::Enqueued, false},
            {S::Imported, S::Cancelled, R::UserCancelled, false},
            {S::Queued, S::Downloading, R::Enqueued, false},
        };
        for (const auto& c : cases)
            EXPECT_EQ(isLegalTransition(c.from, c.to, c.reason), c.legal)
                << toString(c.from) << " → " << toString(c.to) << " (" << toString(c.reason) << ")";
    }

    TEST(AlbumStateMachine, TableHoldsTheAlbumRoadAndRefusesTheRest)
    {
        const Move cases[] = {
            {S::Queued, S::Searching, R::Claimed, true},
            {S::Searching, S::Downloading, R::Enqueued, true},
            {S::Searching, S::Imported, R::AlreadyOwned, true},
            {S::Searching, S::NotFound, R::NoMatch, true},
            {S::Searching, S::Queued, R::WaitForSlskd, true},
            {S::Searching, S::Queued, R::Stranded, true},
            {S::Downloading, S::Imported, R::Imported, true},
            {S::Downloading, S::Completed, R::PartialKept, true},
            {S::Downloading, S::Queued, R::SearchAgainLater, true},
            {S::Downloading, S::Failed, R::Discarded, true},
            {S::NotFound, S::Searching, R::UserPicked, true},
            {S::Completed, S::Queued, R::UserRetry, true},
            {S::Searching, S::NotFound, R::WaitForSlskd, false},
            {S::Downloading, S::NotFound, R::NoMatch, false},
            {S::Imported, S::Queued, R::UserRetry, false},
            {S::Imported, S::Searching, R::UserPicked, false},
            {S::Queued, S::Downloading, R::Enqueued, false},
            {S::Cancelled, S::Downloading, R::Enqueued, false},
            {S::Searching, S::Verifying, R::TransferSucceeded, false},
        };
        for (const auto& c : cases)
            EXPECT_EQ(isLegalAlbumTransition(c.from, c.to, c.reason), c.legal)
                << toString(c.from) << " → " << toString(c.to) << " (" << toString(c.reason) << ")";
        EXPECT_TRUE(isOwnedAlbumStatus(S::Searching));
        EXPECT_TRUE(isOwnedAlbumStatus(S::Downloading));
        EXPECT_FALSE(isOwnedAlbumStatus(S::Queued));
    }

    TEST(StateMachines, EveryReasonUsedHasItsOwnName)
    {
        std::set<std::string_view> names;
        std::set<R> reasons;
        for (const auto table : {downloadTransitions(), albumTransitions()})
            for (const auto& t : table)
                reasons.insert(t.reason);
        for (const auto r : reasons)
        {
            EXPECT_NE(toString(r), "unknown");
            names.insert(toString(r));
        }
        EXPECT_EQ(names.size(), reasons.size());
    }
} // namespace soulspot::core
