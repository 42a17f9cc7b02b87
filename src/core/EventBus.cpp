#include "core/EventBus.hpp"

namespace soulspot::core
{
    EventBus::EventBus(std::size_t capacity, std::int64_t firstId)
        : capacity_(capacity == 0 ? 1 : capacity), firstId_(firstId), nextId_(firstId)
    {
    }

    std::int64_t EventBus::publish(std::string type, std::string data)
    {
        std::int64_t id = 0;
        {
            std::lock_guard lock(mutex_);
            id = nextId_++;
            ring_.push_back({id, std::move(type), std::move(data)});
            if (ring_.size() > capacity_)
                ring_.pop_front();
        }
        cv_.notify_all();
        return id;
    }

    EventBatch EventBus::collect(std::int64_t afterId) const
    {
        EventBatch batch;
        const std::int64_t newest = nextId_ - 1;
        // An id we never issued (a previous run, or garbage) or one that has already left the ring.
        const std::int64_t oldest = ring_.empty() ? nextId_ : ring_.front().id;
        if (afterId > newest || afterId < firstId_ - 1 || afterId < oldest - 1)
        {
            batch.gap = true;
            return batch;
        }
        for (const auto& e : ring_)
            if (e.id > afterId)
                batch.events.push_back(e);
        return batch;
    }

    EventBatch EventBus::waitSince(std::int64_t afterId, std::chrono::milliseconds timeout)
    {
        std::unique_lock lock(mutex_);
        if (timeout.count() > 0 && !closed_)
            cv_.wait_for(lock, timeout, [&] { return closed_ || nextId_ - 1 > afterId || afterId > nextId_ - 1; });
        return collect(afterId);
    }

    std::int64_t EventBus::lastId() const
    {
        std::lock_guard lock(mutex_);
        return nextId_ - 1;
    }

    void EventBus::close()
    {
        {
            std::lock_guard lock(mutex_);
            closed_ = true;
        }
        cv_.notify_all();
    }
} // namespace soulspot::core
