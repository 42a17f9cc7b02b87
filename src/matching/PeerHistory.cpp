#include "matching/PeerHistory.hpp"

namespace soulspot::matching
{
    namespace
    {
        class EmptyPeerHistory final : public PeerHistory
        {
        public:
            PeerStats stats(std::string_view) const override { return {}; }
            bool isBlocked(std::string_view, std::string_view) const override { return false; }
        };
    } // namespace

    const PeerHistory& emptyPeerHistory()
    {
        static const EmptyPeerHistory history;
        return history;
    }

    PeerStats InMemoryPeerHistory::stats(std::string_view username) const
    {
        const auto it = stats_.find(username);
        return it == stats_.end() ? PeerStats{} : it->second;
    }

    bool InMemoryPeerHistory::isBlocked(std::string_view username, std::string_view filename) const
    {
        if (blockedUsers_.find(username) != blockedUsers_.end())
            return true;
        return blockedFiles_.count({std::string(username), std::string(filename)}) > 0;
    }
} // namespace soulspot::matching
