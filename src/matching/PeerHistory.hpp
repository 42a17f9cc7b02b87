#pragma once
// What past downloads taught us about peers: the download lifecycle records successes and failures and
// blocks bad sources; the scorer only asks.

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace soulspot::matching
{
    struct PeerStats
    {
        int successes{0};
        int failures{0};
    };

    class PeerHistory
    {
    public:
        virtual ~PeerHistory() = default;
        virtual PeerStats stats(std::string_view username) const = 0;
        /// True when this user, or this user's file, must not be downloaded from again.
        virtual bool isBlocked(std::string_view username, std::string_view filename) const = 0;
    };

    /// Knows nothing and blocks nothing.
    const PeerHistory& emptyPeerHistory();

    /// A plain in-memory implementation, for tests and for callers that load history once per batch.
    class InMemoryPeerHistory final : public PeerHistory
    {
    public:
        void recordSuccess(const std::string& username) { ++stats_[username].successes; }
        void recordFailure(const std::string& username) { ++stats_[username].failures; }
        void blockUser(const std::string& username) { blockedUsers_.insert(username); }
        void blockFile(const std::string& username, const std::string& filename)
        {
            blockedFiles_.emplace(username, filename);
        }

        PeerStats stats(std::string_view username) const override;
        bool isBlocked(std::string_view username, std::string_view filename) const override;

    private:
        std::map<std::string, PeerStats, std::less<>> stats_;
        std::set<std::string, std::less<>> blockedUsers_;
        std::set<std::pair<std::string, std::string>> blockedFiles_;
    };
} // namespace soulspot::matching
