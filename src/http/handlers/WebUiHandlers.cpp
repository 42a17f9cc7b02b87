#include "http/handlers/WebUiHandlers.hpp"

#include <map>

#include "core/EmbeddedFile.hpp"

namespace soulspot::web
{
    const std::vector<soulspot::EmbeddedFile>& embeddedFiles();
}

namespace soulspot::http
{
    namespace
    {
        // Stricter than the API default: the UI has no inline script or style, talks only to its origin.
        constexpr const char* kUiPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
                                          "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
                                          "frame-ancestors 'none'";

        struct Asset
        {
            std::string_view content;
            std::string contentType;
            std::string etag;
        };

        std::string contentTypeFor(std::string_view path)
        {
            static const std::map<std::string, std::string, std::less<>> types{
                {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
                {".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
                {".json", "application/json"},         {".png", "image/png"},
                {".ico", "image/x-icon"},              {".webmanifest", "application/manifest+json"},
                {".txt", "text/plain; charset=utf-8"}};
            const auto dot = path.rfind('.');
            if (dot != std::string_view::npos)
                if (auto it = types.find(path.substr(dot)); it != types.end())
                    return it->second;
            return "application/octet-stream";
        }

        // FNV-1a over the content: a validator that changes whenever the binary ships different bytes.
        std::string etagFor(std::string_view content)
        {
            std::uint64_t h = 1469598103934665603ULL;
            for (unsigned char c : content)
                h = (h ^ c) * 1099511628211ULL;
            char buf[24];
            std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
            return buf;
        }

        const std::map<std::string, Asset, std::less<>>& assets()
        {
            static const auto table = [] {
                std::map<std::string, Asset, std::less<>> out;
                for (const auto& f : soulspot::web::embeddedFiles())
                    out.emplace("/" + std::string(f.path), Asset{f.content, contentTypeFor(f.path), etagFor(f.content)});
                return out;
            }();
            return table;
        }

        Response serve(const Request& req, const Asset& asset)
        {
            Response r;
            r.setHeader("ETag", asset.etag);
            // Revalidate every time (a 304 on loopback costs nothing) so an upgraded binary never mixes
            // old and new modules, which import each other by unversioned paths.
            r.setHeader("Cache-Control", "no-cache");
            r.setHeader("Content-Security-Policy", kUiPolicy);
            r.setHeader("Cross-Origin-Opener-Policy", "same-origin");
            if (auto inm = req.header("If-None-Match"); inm && *inm == asset.etag)
            {
                r.status = 304;
                r.contentType = asset.contentType;
                return r;
            }
            r.contentType = asset.contentType;
            r.body = std::string(asset.content);
            return r;
        }

        Response uiFallback(Request& req)
        {
            const bool read = req.method == "GET" || req.method == "HEAD";
            if (!read || req.path.rfind("/api/", 0) == 0 || req.path == "/api")
                return errorResponse(404, "not_found", "no route for " + req.method + " " + req.path);
            const auto& table = assets();
            if (auto it = table.find(req.path); it != table.end() && req.path != "/index.html")
                return serve(req, it->second);
            if (req.path.rfind("/assets/", 0) == 0)
                return errorResponse(404, "not_found", "no asset " + req.path);
            auto index = table.find("/index.html");
            if (index == table.end())
                return textResponse(503, "the web UI was not built into this binary");
            return serve(req, index->second);
        }
    } // namespace

    void installWebUi(Router& router) { router.setFallback(uiFallback); }
} // namespace soulspot::http
