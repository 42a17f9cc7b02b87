#pragma once
// What changes in a playlist's membership when a new track list arrives: pure, so the "exactly the
// difference" promise is testable without a database.

#include <cstdint>
#include <string>
#include <vector>

#include "db/repositories/PlaylistRepository.hpp"

namespace soulspot::jobs
{
    struct IncomingTrack
    {
        std::int64_t trackId{0};
        std::string addedAt;
    };

    struct MembershipDiff
    {
        std::vector<db::MembershipAdd> adds; // new to the playlist, or back after being removed
        std::vector<db::MembershipMove> moves;
        std::vector<std::int64_t> removals;

        bool empty() const { return adds.empty() && moves.empty() && removals.empty(); }
    };

    /// `incoming` in list order; a track listed twice keeps its first position (membership is a set).
    MembershipDiff diffMembership(const std::vector<db::PlaylistEntry>& current, const std::vector<IncomingTrack>& incoming);
} // namespace soulspot::jobs
