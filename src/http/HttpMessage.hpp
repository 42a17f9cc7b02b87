#pragma once
// Request and response as handlers see them: plain values, no Beast types, so handlers compile fast and
// are tested as pure functions from request to response.

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/Error.hpp"

namespace soulspot::http
{
    struct Request
    {
        std::string method;
        std::string target; // as received: path + query
        std::string path;   // percent-decoded path without the query
        std::multimap<std::string, std::string> query;
        std::vector<std::pair<std::string, std::string>> headers;
        std::string body;
        std::string remoteAddress;
        std::string correlationId;
        std::map<std::string, std::string> pathParams; // filled by the router: "/downloads/{id}" → {"id": …}
        std::string routePattern;                       // e.g. "/api/v1/downloads/{id}", for metrics

        std::optional<std::string> header(std::string_view name) const;
        std::optional<std::string> queryParam(const std::string& name) const;
        const std::string& param(const std::string& name) const { return pathParams.at(name); }
    };

    /// Streaming bodies (Server-Sent Events): the server calls `next` until it returns nullopt or the
    /// client goes away; `next` runs on the worker pool and should not block: an empty string means
    /// "nothing yet", and the server asks again after a short timer wait that holds no worker.
    class BodyStream
    {
    public:
        virtual ~BodyStream() = default;
        virtual std::optional<std::string> next() = 0;
    };

    struct Response
    {
        int status{200};
        std::vector<std::pair<std::string, std::string>> headers;
        std::string body;
        std::string contentType{"application/json"};
        std::shared_ptr<BodyStream> stream; // when set, body is ignored and chunks are streamed

        void setHeader(std::string name, std::string value);
        std::optional<std::string> header(std::string_view name) const;
    };

    /// `{"error":{"code":"...","message":"..."}}` with the given status.
    Response errorResponse(int status, std::string_view code, std::string_view message);
    /// Maps a handled failure to its HTTP status (NotFound → 404, InvalidArgument → 400, …).
    Response errorResponse(const core::Error& error);
    Response jsonResponse(int status, std::string body);
    Response textResponse(int status, std::string body, std::string contentType = "text/plain; charset=utf-8");

    std::string percentDecode(std::string_view s, bool plusAsSpace);
    std::multimap<std::string, std::string> parseQuery(std::string_view query);
} // namespace soulspot::http
