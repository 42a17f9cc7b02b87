#pragma once
// The middleware around the router, in order: correlation id (from X-Correlation-ID or new), exception
// barrier (500 with a JSON body, logged with the id), security headers, access log line, metrics.

#include <functional>
#include <memory>

#include "http/HttpMessage.hpp"
#include "http/Metrics.hpp"
#include "http/Router.hpp"

namespace soulspot::http
{
    /// Optional gate run before routing (authentication, issue 7); returns a response to short-circuit.
    using RequestGate = std::function<std::optional<Response>(Request&)>;

    class RequestPipeline
    {
    public:
        RequestPipeline(std::shared_ptr<Router> router, std::shared_ptr<Metrics> metrics, RequestGate gate = {});
        Response handle(Request& request) const;

    private:
        std::shared_ptr<Router> router_;
        std::shared_ptr<Metrics> metrics_;
        RequestGate gate_;
    };

    /// Accepts a client-supplied correlation id only if it is short and made of safe characters, so it
    /// can be echoed in headers and logs without injection.
    bool isAcceptableCorrelationId(std::string_view id);
} // namespace soulspot::http
