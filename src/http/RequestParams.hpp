#pragma once
// Parsing of path and query parameters shared by the handlers; failures are InvalidArgument (→ 400).

#include <cstdint>
#include <string>

#include "core/Error.hpp"
#include "http/HttpMessage.hpp"

namespace soulspot::http
{
    /// A non-negative integer path parameter; `what` names it in the error message.
    core::Result<std::int64_t> parseId(const std::string& text, const char* what);
    /// An integer query parameter within [lo, hi], or `fallback` when absent.
    core::Result<int> intQuery(const Request& request, const std::string& name, int fallback, int lo, int hi);
} // namespace soulspot::http
