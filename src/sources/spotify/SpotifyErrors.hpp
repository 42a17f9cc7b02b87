#pragma once
// How Spotify's two error dialects become core::Error, and how callers recognise the cases they must
// treat specially.
//
// Contract for callers:
//  - Refresh token dead (rotated away, revoked, 6-month expiry): ErrorCode::Unauthorized whose message
//    starts with "invalid_grant" — isInvalidGrant() is true. Flag the account needs_reauth; never retry.
//  - Rate limited beyond what ServiceClient waits for: ErrorCode::RateLimited, retryable, httpStatus 429,
//    message carries "retry_after_s=<n>" — retryAfterOf() extracts it; do not call Spotify before then.
//  - 401 from the Web API after one forced refresh: Unauthorized (not invalid_grant).
//  - 403 (missing scope, user not allow-listed, playlist not owned): UpstreamError, httpStatus 403.
//  - 404: NotFound (also algorithmic/editorial playlists for restricted apps). 5xx: Unavailable, retryable.

#include <chrono>
#include <optional>
#include <string_view>

#include "core/Error.hpp"
#include "net/HttpTypes.hpp"

namespace soulspot::sources::spotify
{
    bool isInvalidGrant(const core::Error& error);
    std::optional<std::chrono::seconds> retryAfterOf(const core::Error& error);

    /// A non-2xx answer of the Web API ({"error":{"status","message","reason"}}) as an Error.
    core::Error webApiError(const net::HttpResponse& response, std::string_view what);
    /// A non-2xx answer of the Accounts token endpoint ({"error","error_description"}) as an Error.
    core::Error tokenEndpointError(const net::HttpResponse& response);
} // namespace soulspot::sources::spotify
