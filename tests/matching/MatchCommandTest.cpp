#include "matching/MatchCommand.hpp"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace soulspot::matching
{
    using nlohmann::json;

    namespace
    {
        const char* kGoodCase =
            R"({"track":{"name":"Yesterday - Remastered 2009","artists":[{"name":"The Beatles"}],"album":{"name":"Help!","release_date":"1965-08-06"},"duration_ms":125666,"track_number":13,"external_ids":{"isrc":"GBAYE0601477"}},)"
            R"("responses":[{"username":"alice","hasFreeUploadSlot":true,"uploadSpeed":900000,"queueLength":0,"files":[)"
            R"({"filename":"@@a\\Music\\The Beatles\\Help!\\13 - Yesterday.flac","size":14000000,"extension":"","bitDepth":16,"sampleRate":44100,"length":126},)"
            R"({"filename":"@@a\\Music\\The Beatles\\Help!\\14 - Dizzy Miss Lizzy.flac","size":19000000,"length":174},)"
            R"({"filename":"@@a\\Music\\The Beatles\\Help!\\cover.jpg","size":90000}]},)"
            R"({"username":"bob","files":[{"filename":"@@b\\mp3\\Yesterday (Live).mp3","size":5000000,"bitRate":320,"length":125}]}]})";
    }

    TEST(MatchCommand, WritesOneLinePerCaseAndKeepsGoingAfterErrors)
    {
        std::stringstream in;
        in << kGoodCase << "\n"
           << "{not json\n"
           << "\n" // blank lines are skipped
           << R"({"responses":[]})" << "\n"
           << R"({"track":{"name":"X","artists":[{"name":"Y"}]},"responses":[],"profile":"audiophile"})" << "\n"
           << R"({"track":{"name":"X","artists":[{"name":"Y"}]},"responses":{"a":1}})" << "\n"
           << R"({"track":{"name":"Yesterday","artists":[{"name":"The Beatles"}],"duration_ms":125666},"responses":[{"username":"alice","files":[{"filename":"@@a\\The Beatles\\Yesterday.mp3","size":5000000,"bitRate":320,"length":126}]}],"profile":"Lossless-only"})"
           << "\n";
        std::stringstream out;
        EXPECT_EQ(runMatchCommand(in, out), 0);

        std::vector<json> lines;
        for (std::string line; std::getline(out, line);)
            lines.push_back(json::parse(line));
        ASSERT_EQ(lines.size(), 6u);

        const auto& good = lines[0];
        EXPECT_EQ(good["chosen"], (json{{"username", "alice"}, {"filename", "@@a\\Music\\The Beatles\\Help!\\13 - Yesterday.flac"}}));
        ASSERT_EQ(good["candidates"].size(), 4u);
        EXPECT_TRUE(good["candidates"][0]["accepted"].get<bool>());
        for (std::size_t i = 1; i < 4; ++i)
        {
            EXPECT_FALSE(good["candidates"][i]["accepted"].get<bool>());
            EXPECT_GE(good["candidates"][i - 1]["score"].get<double>(), good["candidates"][i]["score"].get<double>());
        }
        for (const auto& c : good["candidates"])
        {
            for (const char* key : {"username", "filename", "score", "accepted", "reasons"})
                EXPECT_TRUE(c.contains(key)) << key;
        }

        EXPECT_TRUE(lines[1].contains("error"));
        EXPECT_NE(lines[2]["error"].get<std::string>().find("track"), std::string::npos);
        EXPECT_NE(lines[3]["error"].get<std::string>().find("audiophile"), std::string::npos);
        EXPECT_NE(lines[4]["error"].get<std::string>().find("responses"), std::string::npos);
        EXPECT_TRUE(lines[5]["chosen"].is_null()) << "lossless-only refuses the only (mp3) file";
    }

    TEST(MatchCommand, EmptyInputGivesNoOutput)
    {
        std::stringstream in;
        std::stringstream out;
        EXPECT_EQ(runMatchCommand(in, out), 0);
        EXPECT_TRUE(out.str().empty());
    }
} // namespace soulspot::matching
