#include "http/JsonBody.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "http/HttpMessage.hpp"

namespace soulspot::http
{
    TEST(JsonBody, OnlyAJsonContentTypeMayCarryAJsonBody)
    {
        struct Case { std::optional<std::string> contentType; std::string body; int status; const char* why; };
        // status 0: parsed; otherwise the status errorResponse gives the failure.
        for (const Case& c : {Case{"application/json", R"({"a":1})", 0, "plain"},
                              Case{"application/json; charset=utf-8", R"({"a":1})", 0, "with charset"},
                              Case{"Application/JSON ; charset=UTF-8", R"({"a":1})", 0, "case and spaces"},
                              Case{"application/merge-patch+json", R"({"a":1})", 0, "a +json type"},
                              Case{"text/plain", R"({"a":1})", 415, "the probe: JSON sent as text/plain"},
                              Case{"text/plain; charset=utf-8", R"({"a":1})", 415, "text with charset"},
                              Case{"application/x-www-form-urlencoded", R"({"a":1})", 415, "a simple HTML form (CSRF)"},
                              Case{"application/jsonp", R"({"a":1})", 415, "prefix is not enough"},
                              Case{std::nullopt, R"({"a":1})", 415, "a body without a type"},
                              Case{std::nullopt, "", 400, "no body, no type: malformed as before"},
                              Case{"text/plain", "", 400, "an empty body is not JSON whatever its label"},
                              Case{"application/json", "{", 400, "malformed"},
                              Case{"application/json", "[1]", 400, "not an object"}})
        {
            Request req;
            req.method = "POST";
            if (c.contentType)
                req.headers.emplace_back("Content-Type", *c.contentType);
            req.body = c.body;
            auto j = parseJsonObject(req);
            if (c.status == 0)
            {
                EXPECT_TRUE(j) << c.why;
                continue;
            }
            ASSERT_FALSE(j) << c.why;
            EXPECT_EQ(isUnsupportedMediaType(j.error()), c.status == 415) << c.why;
            const Response r = errorResponse(j.error());
            EXPECT_EQ(r.status, c.status) << c.why;
            EXPECT_TRUE(nlohmann::json::parse(r.body)["error"].contains("code")) << c.why;
        }
    }
} // namespace soulspot::http
