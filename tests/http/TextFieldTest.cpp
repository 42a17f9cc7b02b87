#include "http/TextField.hpp"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include "http/HttpMessage.hpp"

namespace soulspot::http
{
    using nlohmann::json;

    TEST(TextField, BoundsLengthInCharactersAndRefusesControlCharacters)
    {
        struct Case { std::string value; TextRule rule; bool ok; const char* why; };
        const std::string e9 = "\xC3\xA9"; // é: two bytes, one character
        std::string nineEs;
        for (int i = 0; i < 9; ++i)
            nineEs += e9;
        for (const Case& c : {Case{"", {10}, true, "empty is not this helper's business"},
                              Case{"Massive Attack", {1024}, true, "ordinary name"},
                              Case{std::string(10, 'a'), {10}, true, "exactly the bound"},
                              Case{std::string(11, 'a'), {10}, false, "one over"},
                              Case{nineEs + "a", {10}, true, "counted in characters, not bytes"},
                              Case{std::string(1000000, 'a'), {1024}, false, "the probe's megabyte artist"},
                              Case{std::string("a\0b", 3), {1024}, false, "embedded NUL"},
                              Case{"a\nb", {1024}, false, "newline"},
                              Case{"a\x1b[31m", {1024}, false, "terminal escape"},
                              Case{"a\x7f", {1024}, false, "DEL"},
                              Case{"a\tb", {1024}, false, "tab where not allowed"},
                              Case{"a\tb", {1024, true}, true, "tab where allowed"},
                              Case{std::string("p\0w", 3), kSecretText, true, "passwords keep any byte"},
                              Case{std::string(1025, 'p'), kSecretText, false, "but are bounded"}})
        {
            auto r = checkText(c.value, "track.artist", c.rule);
            EXPECT_EQ(r.has_value(), c.ok) << c.why;
            if (!r)
            {
                EXPECT_EQ(r.error().code, core::ErrorCode::InvalidArgument) << c.why;
                EXPECT_EQ(errorField(r.error()), "track.artist") << c.why;
                EXPECT_NE(r.error().message.find("track.artist"), std::string::npos) << c.why;
                EXPECT_LT(r.error().message.size(), 200u) << "the value is never echoed: " << c.why;
            }
        }
    }

    TEST(TextField, ReadsOptionalMembersAndNamesTheFieldInTheErrorBody)
    {
        const json body = {{"name", "ok"}, {"nul", std::string("a\0", 2)}, {"number", 5}, {"nothing", nullptr}};
        EXPECT_EQ(textField(body, "name", "name", kNameText).value(), std::optional<std::string>("ok"));
        EXPECT_EQ(textField(body, "absent", "absent", kNameText).value(), std::nullopt);
        EXPECT_EQ(textField(body, "nothing", "nothing", kNameText).value(), std::nullopt);
        EXPECT_FALSE(textField(body, "number", "number", kNameText));

        auto bad = textField(body, "nul", "playlist.name", kNameText);
        ASSERT_FALSE(bad);
        const Response r = errorResponse(bad.error());
        EXPECT_EQ(r.status, 400);
        const auto j = json::parse(r.body);
        EXPECT_EQ(j["error"]["code"], "invalid_argument");
        EXPECT_EQ(j["error"]["field"], "playlist.name");

        EXPECT_FALSE(json::parse(errorResponse(core::Error::invalid("x")).body)["error"].contains("field"))
            << "errors about no one field carry no field";
    }
} // namespace soulspot::http
