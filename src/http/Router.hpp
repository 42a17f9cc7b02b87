#pragma once
// Routes by method and path pattern ("/api/v1/downloads/{id}"). Unknown path → 404; known path with
// another method → 405 with an Allow header. The route table also feeds /openapi.json's coverage test.

#include <functional>
#include <string>
#include <vector>

#include "http/HttpMessage.hpp"

namespace soulspot::http
{
    using Handler = std::function<Response(Request&)>;

    struct RouteInfo
    {
        std::string method;
        std::string pattern;
        std::string summary;
    };

    class Router
    {
    public:
        void add(std::string method, std::string pattern, Handler handler, std::string summary = {});
        /// Finds the route, fills pathParams/routePattern, and calls the handler.
        Response dispatch(Request& request) const;
        std::vector<RouteInfo> routes() const;
        /// Called instead of the 404 when no route matches the path (the web UI's shell and assets).
        /// Not part of routes(): the UI is not API surface.
        void setFallback(Handler handler) { fallback_ = std::move(handler); }

    private:
        struct Route
        {
            std::string method;
            std::string pattern;
            std::vector<std::string> segments;
            Handler handler;
            std::string summary;
        };
        static bool matches(const Route& route, const std::vector<std::string>& parts, Request& request);
        std::vector<Route> routes_;
        Handler fallback_;
    };

    std::vector<std::string> splitPath(std::string_view path);
} // namespace soulspot::http
