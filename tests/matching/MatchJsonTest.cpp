#include "matching/MatchJson.hpp"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace soulspot::matching
{
    using nlohmann::json;

    TEST(MatchJson, ParsesSpotifyTrack)
    {
        const auto track = json::parse(R"({"id":"11d","name":"Cut To The Feeling","duration_ms":207959,
            "track_number":1,"external_ids":{"isrc":"USUM71703861"},
            "artists":[{"id":"6s","name":"Carly Rae Jepsen"},{"name":"Guest"}],
            "album":{"name":"Cut To The Feeling","release_date":"2017-05-26"}})");
        const auto wanted = wantedTrackFromSpotifyJson(track);
        ASSERT_TRUE(wanted) << wanted.error().message;
        EXPECT_EQ(wanted->title, "Cut To The Feeling");
        EXPECT_EQ(wanted->artists, (std::vector<std::string>{"Carly Rae Jepsen", "Guest"}));
        EXPECT_EQ(wanted->durationMs, 207959);
        EXPECT_EQ(wanted->trackNumber, 1);
        EXPECT_EQ(wanted->isrc, "USUM71703861");
        EXPECT_EQ(wanted->releaseDate, "2017-05-26");

        const auto wrapped = wantedTrackFromSpotifyJson(json{{"added_at", "x"}, {"track", track}});
        ASSERT_TRUE(wrapped);
        EXPECT_EQ(wrapped->title, "Cut To The Feeling");

        const auto minimal = wantedTrackFromSpotifyJson(json{{"name", "X"}, {"artists", {{{"name", "Y"}}}}});
        ASSERT_TRUE(minimal);
        EXPECT_FALSE(minimal->durationMs);
    }

    TEST(MatchJson, RejectsTracksWithoutNameOrArtist)
    {
        EXPECT_FALSE(wantedTrackFromSpotifyJson(json{{"artists", {{{"name", "Y"}}}}}));
        EXPECT_FALSE(wantedTrackFromSpotifyJson(json{{"name", "X"}, {"artists", json::array()}}));
        EXPECT_FALSE(wantedTrackFromSpotifyJson(json("a string")));
    }

    TEST(MatchJson, ParsesSlskdResponseToleratingOmissions)
    {
        const auto response = searchResponseFromJson(json::parse(R"({"username":"u","token":1,"fileCount":2,
            "hasFreeUploadSlot":true,"uploadSpeed":123456,"queueLength":3,
            "files":[{"filename":"@@x\\A\\B\\01 - T.FLAC","size":30000000,"code":1,"extension":"",
                      "bitDepth":16,"sampleRate":44100,"length":245,"isLocked":false},
                     {"filename":"@@x\\A\\B\\02 - U.mp3","size":9000000,"extension":"mp3","bitRate":320,
                      "isVariableBitRate":false,"length":244.6}],
            "lockedFileCount":1,"lockedFiles":[{"filename":"@@x\\A\\B\\03 - V.mp3","size":1}]})"));
        ASSERT_TRUE(response) << response.error().message;
        EXPECT_EQ(response->username, "u");
        EXPECT_TRUE(response->hasFreeUploadSlot);
        EXPECT_EQ(response->uploadSpeed, 123456);
        EXPECT_EQ(response->queueLength, 3);
        ASSERT_EQ(response->files.size(), 2u);
        EXPECT_EQ(response->files[0].extension, "flac");
        EXPECT_FALSE(response->files[0].bitRate);
        EXPECT_EQ(response->files[0].bitDepth, 16);
        EXPECT_EQ(response->files[1].length, 245);
        EXPECT_EQ(response->files[1].isVariableBitRate, false);
        ASSERT_EQ(response->lockedFiles.size(), 1u);
        EXPECT_TRUE(response->lockedFiles[0].locked);

        const auto bare = searchResponseFromJson(json{{"username", "v"}});
        ASSERT_TRUE(bare);
        EXPECT_TRUE(bare->files.empty());
        EXPECT_FALSE(searchResponseFromJson(json{{"files", json::array()}}));
        EXPECT_FALSE(searchResponseFromJson(json{{"username", "v"}, {"files", {{{"size", 1}}}}}));
        EXPECT_FALSE(searchResponsesFromJson(json::object()));
    }

    TEST(MatchJson, WritesResultWithChosenOrNull)
    {
        MatchResult result;
        ScoredCandidate c;
        c.username = "u";
        c.filename = "f.flac";
        c.score = 412.5;
        c.accepted = true;
        c.reasons = {"accepted: confidence 0.95"};
        c.length = 200;
        result.candidates.push_back(c);
        result.chosen = 0;
        const auto j = toJson(result);
        EXPECT_EQ(j["chosen"], (json{{"username", "u"}, {"filename", "f.flac"}}));
        ASSERT_EQ(j["candidates"].size(), 1u);
        const auto& out = j["candidates"][0];
        EXPECT_EQ(out["score"], 412.5);
        EXPECT_EQ(out["accepted"], true);
        EXPECT_EQ(out["reasons"][0], "accepted: confidence 0.95");
        EXPECT_EQ(out["length"], 200);
        EXPECT_TRUE(out["bitRate"].is_null());

        result.chosen.reset();
        EXPECT_TRUE(toJson(result)["chosen"].is_null());
    }
} // namespace soulspot::matching
