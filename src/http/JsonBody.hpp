#pragma once
// JSON helpers for handlers. nlohmann stays out of this header (json_fwd only).

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

#include "core/Error.hpp"

namespace soulspot::http
{
    struct Request;

    /// `{"error":{"code","message"}}`, plus "field" when the error is about one request field.
    std::string errorBody(std::string_view code, std::string_view message, std::string_view field = {});
    /// Compact JSON text; invalid UTF-8 from peers or tags is replaced rather than throwing.
    std::string dumpJson(const nlohmann::json& j);
    /// Parses the request body as a JSON object; InvalidArgument ("malformed JSON: …") otherwise. A non-empty
    /// body sent without Content-Type application/json (or …+json, any charset) is refused with reason
    /// kUnsupportedMediaType (→ 415) before it is parsed; an empty body is let through (and fails as
    /// malformed), so handlers with an optional body keep working whatever the client labels it.
    core::Result<nlohmann::json> parseJsonObject(const Request& request);

    inline constexpr std::string_view kUnsupportedMediaType = "unsupported_media_type";
    /// True for the parseJsonObject failure that must answer 415, for handlers that tolerate a bad body.
    bool isUnsupportedMediaType(const core::Error& error);
} // namespace soulspot::http
