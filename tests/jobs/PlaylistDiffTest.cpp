// The membership diff as a pure function: exactly the difference, nothing for an unchanged list.
#include <gtest/gtest.h>

#include "jobs/PlaylistDiff.hpp"

namespace soulspot::jobs
{
    namespace
    {
        std::vector<db::PlaylistEntry> current(std::vector<std::int64_t> active, std::vector<std::int64_t> removed = {})
        {
            std::vector<db::PlaylistEntry> out;
            int pos = 0;
            for (auto id : active)
                out.push_back({id, "", "", pos++, false});
            for (auto id : removed)
                out.push_back({id, "", "", 99, true});
            return out;
        }

        std::vector<IncomingTrack> incoming(std::vector<std::int64_t> ids)
        {
            std::vector<IncomingTrack> out;
            for (auto id : ids)
                out.push_back({id, ""});
            return out;
        }

        std::vector<std::int64_t> added(const MembershipDiff& d)
        {
            std::vector<std::int64_t> out;
            for (const auto& a : d.adds)
                out.push_back(a.trackId);
            return out;
        }
    } // namespace

    TEST(PlaylistDiff, AnUnchangedListIsAnEmptyDiff)
    {
        EXPECT_TRUE(diffMembership(current({1, 2, 3}), incoming({1, 2, 3})).empty());
        EXPECT_TRUE(diffMembership(current({1, 2}, {7}), incoming({1, 2})).empty()) << "old removals stay as they are";
    }

    TEST(PlaylistDiff, AddsRemovesMovesAndRevives)
    {
        const auto d = diffMembership(current({1, 2, 3}, {7}), incoming({2, 4, 1, 7}));
        EXPECT_EQ(added(d), (std::vector<std::int64_t>{4, 7}));
        EXPECT_EQ(d.removals, std::vector<std::int64_t>{3});
        ASSERT_EQ(d.moves.size(), 2u);
        EXPECT_EQ(d.moves[0].trackId, 2);
        EXPECT_EQ(d.moves[0].position, 0);
        EXPECT_EQ(d.moves[1].trackId, 1);
        EXPECT_EQ(d.moves[1].position, 2);
        EXPECT_EQ(d.adds[1].position, 3);
    }

    TEST(PlaylistDiff, ATrackListedTwiceKeepsItsFirstPosition)
    {
        const auto d = diffMembership(current({}), incoming({5, 6, 5}));
        EXPECT_EQ(added(d), (std::vector<std::int64_t>{5, 6}));
        EXPECT_EQ(d.adds[1].position, 1);
    }
} // namespace soulspot::jobs
