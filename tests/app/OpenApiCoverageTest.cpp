// Every route the server registers must appear in docs/openapi.json with the same method, and the
// document must not promise routes that do not exist.
#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "FakeServer.hpp"
#include "app/ServiceContainer.hpp"
#include "http/Router.hpp"
#include "http/handlers/MetaHandlers.hpp"

namespace soulspot::app
{
    TEST(OpenApi, DocumentListsExactlyTheRegisteredRoutes)
    {
        const auto dir = testing::makeTempDir("soulspot-openapi");
        auto config = loadConfig([&](const std::string& k) -> std::optional<std::string> {
            if (k == "DATABASE_URL")
                return "sqlite:///" + dir + "/db.sqlite";
            if (k == "STORAGE_DOWNLOAD_PATH" || k == "STORAGE_MUSIC_PATH" || k == "STORAGE_CACHE_PATH")
                return dir + "/" + k;
            return std::nullopt;
        }, dir + "/.env");
        ASSERT_TRUE(config);
        auto container = ServiceContainer::create(*config);
        ASSERT_TRUE(container) << container.error().message;

        const auto doc = nlohmann::json::parse(http::openApiDocument());
        std::set<std::string> documented;
        for (const auto& [path, item] : doc["paths"].items())
            for (const auto& [method, op] : item.items())
            {
                std::string upper = method;
                for (auto& ch : upper)
                    ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
                documented.insert(upper + " " + path);
            }
        std::set<std::string> registered;
        for (const auto& r : (*container)->router()->routes())
            registered.insert(r.method + " " + r.pattern);
        for (const auto& r : registered)
            EXPECT_TRUE(documented.count(r)) << "route missing from docs/openapi.json: " << r;
        for (const auto& d : documented)
            EXPECT_TRUE(registered.count(d)) << "docs/openapi.json lists a route that does not exist: " << d;
    }

    namespace
    {
        // Collects string schemas without maxLength under `schema`, named by their JSON path.
        void unbounded(const nlohmann::json& schema, const std::string& where, std::vector<std::string>& out)
        {
            if (!schema.is_object())
                return;
            if (schema.value("type", "") == "string" && !schema.contains("maxLength"))
                out.push_back(where);
            if (schema.contains("properties"))
                for (const auto& [name, sub] : schema["properties"].items())
                    unbounded(sub, where + "." + name, out);
            if (schema.contains("items"))
                unbounded(schema["items"], where + "[]", out);
            if (schema.contains("oneOf"))
                for (const auto& sub : schema["oneOf"])
                    unbounded(sub, where + "|", out);
        }
    } // namespace

    // Issue 12 §9: every text a client sends is bounded at the edge (http/TextField.hpp), and the
    // document says so; a new JSON field without maxLength is caught here.
    TEST(OpenApi, EveryStringInAJsonRequestBodyHasAMaxLengthAnd415IsDocumented)
    {
        const auto doc = nlohmann::json::parse(http::openApiDocument());
        std::vector<std::string> missing;
        for (const auto& [path, item] : doc["paths"].items())
            for (const auto& [method, op] : item.items())
            {
                if (!op.contains("requestBody") || !op["requestBody"]["content"].contains("application/json"))
                    continue;
                auto schema = op["requestBody"]["content"]["application/json"]["schema"];
                if (path == "/api/v1/playlists/import-file")
                    schema["properties"].erase("content"); // the file itself: bounded by API_MAX_BODY_BYTES
                unbounded(schema, method + " " + path, missing);
                EXPECT_TRUE(op["responses"].contains("415")) << method << " " << path;
            }
        EXPECT_TRUE(missing.empty()) << ::testing::PrintToString(missing);
    }
} // namespace soulspot::app
