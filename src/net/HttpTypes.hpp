#pragma once
// Plain request/response values shared by the outbound HTTP client and the clients built on it.

#include <chrono>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace soulspot::net
{
    using HeaderList = std::vector<std::pair<std::string, std::string>>;

    struct HttpRequest
    {
        std::string method{"GET"};
        std::string url;
        HeaderList headers;
        std::string body;
        std::chrono::milliseconds timeout{10000};
        std::chrono::milliseconds connectTimeout{3000};
    };

    struct HttpResponse
    {
        int status{0};
        HeaderList headers;
        std::string body;

        /// Case-insensitive header lookup; the first value wins.
        std::optional<std::string> header(std::string_view name) const;
        bool ok() const { return status >= 200 && status < 300; }
    };

    /// Percent-encodes one path segment or query value (RFC 3986 unreserved characters pass).
    std::string urlEncode(std::string_view value);
    /// Joins a base URL and a path without doubling or dropping the slash between them.
    std::string joinUrl(std::string_view base, std::string_view path);
} // namespace soulspot::net
