#pragma once
// In-process publish/subscribe for live UI updates (Server-Sent Events): a bounded ring of recent events
// with increasing ids, so a client that reconnects with Last-Event-ID gets what it missed, or learns that
// the ring has moved on and it must refetch. No I/O; publishers never block on slow readers.

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <vector>

namespace soulspot::core
{
    struct BusEvent
    {
        std::int64_t id{0};
        std::string type; // "download", "sync", "scan", …
        std::string data; // a JSON document
    };

    struct EventBatch
    {
        std::vector<BusEvent> events;
        bool gap{false}; // the requested id is older than the ring (or from another run): refetch everything
    };

    class EventBus
    {
    public:
        /// `firstId` lets ids keep increasing across restarts (the app passes a clock-derived start), so a
        /// Last-Event-ID from a previous run is recognised as a gap instead of matching unrelated events.
        explicit EventBus(std::size_t capacity = 2048, std::int64_t firstId = 1);

        std::int64_t publish(std::string type, std::string data);
        /// Events with id > `afterId`; waits up to `timeout` when there are none yet (0 = do not wait).
        EventBatch waitSince(std::int64_t afterId, std::chrono::milliseconds timeout);
        /// The id of the newest event (firstId - 1 before any).
        std::int64_t lastId() const;
        /// Wakes every waiter; later waits return at once (shutdown).
        void close();

    private:
        EventBatch collect(std::int64_t afterId) const;

        const std::size_t capacity_;
        const std::int64_t firstId_;
        mutable std::mutex mutex_;
        std::condition_variable cv_;
        std::deque<BusEvent> ring_;
        std::int64_t nextId_;
        bool closed_{false};
    };
} // namespace soulspot::core
