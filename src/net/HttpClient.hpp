#pragma once
// The outbound HTTP transport. Only transport failures (DNS, connect, timeout) are errors here; any HTTP
// status is a response. Retry, breakers and status mapping live in ServiceClient.

#include <memory>
#include <string>

#include "core/Error.hpp"
#include "net/HttpTypes.hpp"

namespace soulspot::net
{
    class IHttpClient
    {
    public:
        virtual ~IHttpClient() = default;
        virtual core::Result<HttpResponse> send(const HttpRequest& request) = 0;
    };

    struct CurlOptions
    {
        std::string userAgent{"SoulSpot/0.1"};
        long maxResponseBytes{64L * 1024 * 1024};
    };

    /// A libcurl client; thread-safe (one easy handle per calling thread, reused for keep-alive).
    std::shared_ptr<IHttpClient> createCurlHttpClient(CurlOptions options = {});
} // namespace soulspot::net
