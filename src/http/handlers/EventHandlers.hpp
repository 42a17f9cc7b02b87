#pragma once
// GET /api/v1/events: Server-Sent Events from the in-process EventBus (issue 7).

#include <memory>

#include "http/Router.hpp"

namespace soulspot::core { class EventBus; }

namespace soulspot::http
{
    void registerEventRoutes(Router& router, std::shared_ptr<core::EventBus> bus);
}
