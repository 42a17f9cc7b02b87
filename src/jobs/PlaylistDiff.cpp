#include "jobs/PlaylistDiff.hpp"

#include <unordered_map>
#include <unordered_set>

namespace soulspot::jobs
{
    MembershipDiff diffMembership(const std::vector<db::PlaylistEntry>& current, const std::vector<IncomingTrack>& incoming)
    {
        std::unordered_map<std::int64_t, const db::PlaylistEntry*> byTrack;
        for (const auto& e : current)
            byTrack.emplace(e.trackId, &e);

        MembershipDiff diff;
        std::unordered_set<std::int64_t> seen;
        int position = 0;
        for (const auto& in : incoming)
        {
            if (!seen.insert(in.trackId).second)
                continue;
            const auto it = byTrack.find(in.trackId);
            if (it == byTrack.end() || it->second->removed)
                diff.adds.push_back({in.trackId, position, in.addedAt});
            else if (it->second->position != position)
                diff.moves.push_back({in.trackId, position});
            ++position;
        }
        for (const auto& e : current)
            if (!e.removed && !seen.count(e.trackId))
                diff.removals.push_back(e.trackId);
        return diff;
    }
} // namespace soulspot::jobs
