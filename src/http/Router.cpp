#include "http/Router.hpp"

#include <set>

namespace soulspot::http
{
    std::vector<std::string> splitPath(std::string_view path)
    {
        std::vector<std::string> parts;
        std::size_t start = 0;
        while (start <= path.size())
        {
            const auto slash = path.find('/', start);
            const auto end = slash == std::string_view::npos ? path.size() : slash;
            if (end > start)
                parts.emplace_back(path.substr(start, end - start));
            if (slash == std::string_view::npos)
                break;
            start = slash + 1;
        }
        return parts;
    }

    void Router::add(std::string method, std::string pattern, Handler handler, std::string summary)
    {
        auto segments = splitPath(pattern);
        routes_.push_back({std::move(method), std::move(pattern), std::move(segments), std::move(handler), std::move(summary)});
    }

    bool Router::matches(const Route& route, const std::vector<std::string>& parts, Request& request)
    {
        if (route.segments.size() != parts.size())
            return false;
        std::map<std::string, std::string> params;
        for (std::size_t i = 0; i < parts.size(); ++i)
        {
            const auto& seg = route.segments[i];
            if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}')
                params[seg.substr(1, seg.size() - 2)] = parts[i];
            else if (seg != parts[i])
                return false;
        }
        request.pathParams = std::move(params);
        return true;
    }

    Response Router::dispatch(Request& request) const
    {
        const auto parts = splitPath(request.path);
        std::set<std::string> allowed;
        // Literal segments win over parameters ("/downloads/pause" before "/downloads/{id}"): two passes.
        for (int pass = 0; pass < 2; ++pass)
        {
            for (const Route& route : routes_)
            {
                const bool literal = route.pattern.find('{') == std::string::npos;
                if ((pass == 0) != literal)
                    continue;
                Request probe = request;
                if (!matches(route, parts, probe))
                    continue;
                if (route.method == request.method || (request.method == "HEAD" && route.method == "GET"))
                {
                    request.pathParams = std::move(probe.pathParams);
                    request.routePattern = route.pattern;
                    return route.handler(request);
                }
                allowed.insert(route.method);
            }
            if (!allowed.empty())
                break;
        }
        if (!allowed.empty())
        {
            std::string allow;
            for (const auto& m : allowed)
                allow += (allow.empty() ? "" : ", ") + m;
            Response r = errorResponse(405, "method_not_allowed", request.method + " is not allowed on " + request.path);
            r.setHeader("Allow", allow);
            request.routePattern = "(405)";
            return r;
        }
        if (fallback_)
        {
            request.routePattern = "(ui)";
            return fallback_(request);
        }
        request.routePattern = "(unmatched)";
        return errorResponse(404, "not_found", "no route for " + request.method + " " + request.path);
    }

    std::vector<RouteInfo> Router::routes() const
    {
        std::vector<RouteInfo> out;
        for (const Route& r : routes_)
            out.push_back({r.method, r.pattern, r.summary});
        return out;
    }
} // namespace soulspot::http
