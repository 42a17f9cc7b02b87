#pragma once
// The project's one failure type: handled failures travel as tl::expected<T, Error> (DESIGN.md).

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include <tl/expected.hpp>

namespace soulspot::core
{
    enum class ErrorCode
    {
        InvalidArgument,   // caller sent something malformed
        NotFound,          // the thing asked for does not exist
        Conflict,          // state does not allow the operation
        Unauthorized,      // credentials missing or refused
        RateLimited,       // upstream said 429 / slow down
        Unavailable,       // upstream down, breaker open, connection refused
        Timeout,           // no answer in time
        UpstreamError,     // upstream answered, but with an error we cannot use
        ParseError,        // data could not be decoded
        IoError,           // local filesystem / database failure
        Internal,          // broken invariant
    };

    std::string_view toString(ErrorCode code);

    struct Error
    {
        ErrorCode code{ErrorCode::Internal};
        std::string message;
        bool retryable{false};
        int httpStatus{0}; // upstream HTTP status when the error came from one, else 0
        /// How long the upstream asked us to wait (Retry-After), when it said so.
        std::optional<std::chrono::milliseconds> retryAfter{};
        /// A machine-readable detail for callers that branch on it ("invalid_grant", "needs_reauth", …);
        /// never parse `message` for this.
        std::string reason{};

        static Error invalid(std::string msg) { return {ErrorCode::InvalidArgument, std::move(msg), false, 0}; }
        static Error notFound(std::string msg) { return {ErrorCode::NotFound, std::move(msg), false, 0}; }
        static Error conflict(std::string msg) { return {ErrorCode::Conflict, std::move(msg), false, 0}; }
        static Error unavailable(std::string msg) { return {ErrorCode::Unavailable, std::move(msg), true, 0}; }
        static Error io(std::string msg) { return {ErrorCode::IoError, std::move(msg), false, 0}; }
        static Error parse(std::string msg) { return {ErrorCode::ParseError, std::move(msg), false, 0}; }
        static Error internal(std::string msg) { return {ErrorCode::Internal, std::move(msg), false, 0}; }
    };

    /// True when the upstream could not be asked or gave no usable answer: down, connection refused or
    /// dropped, a proxy's 5xx, a timeout, a rate limit, an HTML page instead of JSON, credentials refused
    /// after a restart. Such a failure says nothing about the request, so work waits and tries again later
    /// (no attempt charged). False for answers about the request itself: bad input, not found, conflict.
    bool meansWait(const Error& e);

    template <typename T>
    using Result = tl::expected<T, Error>;

    inline tl::unexpected<Error> fail(Error e) { return tl::unexpected<Error>(std::move(e)); }
} // namespace soulspot::core
