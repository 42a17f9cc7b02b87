#pragma once
// /metrics, /openapi.json and /docs.

#include <memory>

#include "http/Metrics.hpp"
#include "http/Router.hpp"

namespace soulspot::http
{
    void registerMetaRoutes(Router& router, std::shared_ptr<Metrics> metrics);
    /// The OpenAPI 3 document shipped in the binary (docs/openapi.json).
    std::string_view openApiDocument();
} // namespace soulspot::http
