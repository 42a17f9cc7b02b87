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
} // namespace soulspot::core
