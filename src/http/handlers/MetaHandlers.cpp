#include "http/handlers/MetaHandlers.hpp"

#include <nlohmann/json.hpp>

#include "core/EmbeddedFile.hpp"

namespace soulspot::docs
{
    const std::vector<soulspot::EmbeddedFile>& embeddedFiles();
}

namespace soulspot::http
{
    namespace
    {
        std::string escapeHtml(const std::string& s)
        {
            std::string out;
            for (char c : s)
            {
                switch (c)
                {
                case '<': out += "&lt;"; break;
                case '>': out += "&gt;"; break;
                case '&': out += "&amp;"; break;
                case '"': out += "&quot;"; break;
                default: out.push_back(c);
                }
            }
            return out;
        }

        // A readable page rendered from the same OpenAPI document, so the two never disagree.
        std::string renderDocsPage()
        {
            const auto doc = nlohmann::json::parse(openApiDocument());
            std::string html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>SoulSpot API</title>"
                               "<link rel=\"stylesheet\" href=\"/assets/docs.css\"></head><body>";
            html += "<h1>" + escapeHtml(doc["info"]["title"].get<std::string>()) + " " +
                    escapeHtml(doc["info"]["version"].get<std::string>()) + "</h1>";
            html += "<p>" + escapeHtml(doc["info"].value("description", "")) +
                    "</p><p>Machine-readable: <a href=\"/openapi.json\">/openapi.json</a>. Errors are "
                    "<code>{\"error\":{\"code\":\"…\",\"message\":\"…\"}}</code>.</p>";
            std::map<std::string, std::string> byTag;
            for (const auto& [path, item] : doc["paths"].items())
                for (const auto& [method, op] : item.items())
                {
                    const std::string tag = op.contains("tags") ? op["tags"][0].get<std::string>() : "other";
                    std::string entry = "<li><span class=\"m\">" + escapeHtml(method) + "</span><code>" + escapeHtml(path) +
                                        "</code> — " + escapeHtml(op.value("summary", ""));
                    if (op.contains("description"))
                        entry += "<br><small>" + escapeHtml(op["description"].get<std::string>()) + "</small>";
                    byTag[tag] += entry + "</li>";
                }
            for (const auto& [tag, items] : byTag)
                html += "<h2>" + escapeHtml(tag) + "</h2><ul>" + items + "</ul>";
            return html + "</body></html>";
        }
    } // namespace

    std::string_view openApiDocument()
    {
        for (const auto& f : soulspot::docs::embeddedFiles())
            if (f.path == "openapi.json")
                return f.content;
        return "{}";
    }

    void registerMetaRoutes(Router& router, std::shared_ptr<Metrics> metrics)
    {
        router.add("GET", "/metrics",
                   [metrics](Request&) { return textResponse(200, metrics->render(), "text/plain; version=0.0.4; charset=utf-8"); },
                   "Prometheus metrics");
        router.add("GET", "/openapi.json", [](Request&) { return jsonResponse(200, std::string(openApiDocument())); },
                   "OpenAPI document");
        router.add("GET", "/docs", [](Request&) { return textResponse(200, renderDocsPage(), "text/html; charset=utf-8"); },
                   "API documentation");
    }
} // namespace soulspot::http
