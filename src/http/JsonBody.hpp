#pragma once
// JSON helpers for handlers. nlohmann stays out of this header (json_fwd only).

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/Error.hpp"

namespace soulspot::http
{
    struct Request;

    std::string errorBody(std::string_view code, std::string_view message);
    /// Compact JSON text; invalid UTF-8 from peers or tags is replaced rather than throwing.
    std::string dumpJson(const nlohmann::json& j);
    /// Parses the request body as a JSON object; InvalidArgument ("malformed JSON: …") otherwise.
    core::Result<nlohmann::json> parseJsonObject(const Request& request);
} // namespace soulspot::http
