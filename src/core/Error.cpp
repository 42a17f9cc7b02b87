#include "core/Error.hpp"

namespace soulspot::core
{
    std::string_view toString(ErrorCode code)
    {
        switch (code)
        {
        case ErrorCode::InvalidArgument: return "invalid_argument";
        case ErrorCode::NotFound: return "not_found";
        case ErrorCode::Conflict: return "conflict";
        case ErrorCode::Unauthorized: return "unauthorized";
        case ErrorCode::RateLimited: return "rate_limited";
        case ErrorCode::Unavailable: return "unavailable";
        case ErrorCode::Timeout: return "timeout";
        case ErrorCode::UpstreamError: return "upstream_error";
        case ErrorCode::ParseError: return "parse_error";
        case ErrorCode::IoError: return "io_error";
        case ErrorCode::Internal: return "internal";
        }
        return "internal";
    }

    bool meansWait(const Error& e)
    {
        switch (e.code)
        {
        case ErrorCode::Unavailable:
        case ErrorCode::Timeout:
        case ErrorCode::RateLimited:
        case ErrorCode::Unauthorized:
        case ErrorCode::ParseError:
            return true;
        case ErrorCode::UpstreamError:
            return e.retryable || e.httpStatus == 0 || e.httpStatus >= 500;
        case ErrorCode::InvalidArgument:
        case ErrorCode::NotFound:
        case ErrorCode::Conflict:
        case ErrorCode::IoError:
        case ErrorCode::Internal:
            return false;
        }
        return false;
    }
} // namespace soulspot::core
