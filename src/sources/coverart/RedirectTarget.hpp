#pragma once
// Resolving a redirect's Location by hand (the HTTP client does not follow redirects, so that hops are
// counted and limited to http/https). CAA answers scheme-relative and absolute locations; storage nodes
// may answer path-absolute ones.

#include <optional>
#include <string>
#include <string_view>

namespace soulspot::sources::coverart
{
    /// The absolute URL `location` points to from `current`; nullopt unless the result is http(s).
    /// Handles "https://host/p", "//host/p" (scheme of current), "/p" (origin of current) and "p"
    /// (relative to current's directory).
    std::optional<std::string> resolveRedirect(std::string_view current, std::string_view location);
} // namespace soulspot::sources::coverart
