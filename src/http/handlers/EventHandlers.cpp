#include "http/handlers/EventHandlers.hpp"

#include <charconv>

#include "core/EventBus.hpp"

namespace soulspot::http
{
    namespace
    {
        constexpr auto kHeartbeat = std::chrono::seconds(15);

        std::string frame(const core::BusEvent& e)
        {
            // Event data is one-line JSON, so a single data: field is enough.
            return "id: " + std::to_string(e.id) + "\nevent: " + e.type + "\ndata: " + e.data + "\n\n";
        }

        // Never blocks: an empty chunk tells the server "nothing yet", and it waits on a timer without
        // holding a worker thread (HttpServer), so many open event streams cost no workers.
        class EventStream final : public BodyStream
        {
        public:
            EventStream(std::shared_ptr<core::EventBus> bus, std::optional<std::int64_t> lastEventId)
                : bus_(std::move(bus)), lastId_(lastEventId.value_or(bus_->lastId())), resume_(lastEventId.has_value())
            {
            }

            std::optional<std::string> next() override
            {
                std::string out;
                const auto now = std::chrono::steady_clock::now();
                if (!started_)
                {
                    started_ = true;
                    lastWrite_ = now;
                    // The reconnect delay, then a hello carrying the current id so a client that has never
                    // seen an event can still resume from here.
                    out = "retry: 3000\n\n";
                    if (!resume_)
                        out += "id: " + std::to_string(lastId_) + "\nevent: hello\ndata: {}\n\n";
                }
                auto batch = bus_->waitSince(lastId_, std::chrono::milliseconds(0));
                if (batch.gap)
                {
                    lastId_ = bus_->lastId();
                    out += "id: " + std::to_string(lastId_) + "\nevent: reset\ndata: {\"reason\":\"missed events; refetch\"}\n\n";
                }
                for (const auto& e : batch.events)
                {
                    out += frame(e);
                    lastId_ = e.id;
                }
                if (out.empty() && now - lastWrite_ >= kHeartbeat)
                    out = "event: heartbeat\ndata: {}\n\n";
                if (!out.empty())
                    lastWrite_ = now;
                return out;
            }

        private:
            std::shared_ptr<core::EventBus> bus_;
            std::int64_t lastId_;
            bool resume_;
            bool started_{false};
            std::chrono::steady_clock::time_point lastWrite_{};
        };

        std::optional<std::int64_t> parseEventId(const std::optional<std::string>& text)
        {
            if (!text || text->empty())
                return std::nullopt;
            std::int64_t v = 0;
            auto [p, ec] = std::from_chars(text->data(), text->data() + text->size(), v);
            if (ec != std::errc() || p != text->data() + text->size())
                return std::int64_t{-1}; // unknown id: the stream starts with a reset
            return v;
        }
    } // namespace

    void registerEventRoutes(Router& router, std::shared_ptr<core::EventBus> bus)
    {
        router.add("GET", "/api/v1/events",
                   [bus](Request& req) {
                       // EventSource resends Last-Event-ID itself; ?last_event_id= serves clients that cannot set headers.
                       auto last = req.header("Last-Event-ID");
                       if (!last)
                           last = req.queryParam("last_event_id");
                       Response r;
                       r.contentType = "text/event-stream; charset=utf-8";
                       r.setHeader("X-Accel-Buffering", "no"); // nginx would otherwise hold the stream back
                       r.stream = std::make_shared<EventStream>(bus, parseEventId(last));
                       return r;
                   },
                   "Live updates (Server-Sent Events)");
    }
} // namespace soulspot::http
