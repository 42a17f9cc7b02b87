// `soulspot match --album` end to end on JSON Lines: wanted album + slskd responses in, folders out.

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "matching/AlbumMatchJson.hpp"
#include "matching/MatchCommand.hpp"

namespace soulspot::matching
{
    using nlohmann::json;

    namespace
    {
        json album()
        {
            json tracks = json::array();
            const std::vector<std::pair<std::string, int>> songs = {{"Dreams", 254}, {"Songbird", 200}, {"The Chain", 270},
                                                                    {"Gold Dust Woman", 291}, {"Go Your Own Way", 218}};
            for (std::size_t i = 0; i < songs.size(); ++i)
                tracks.push_back({{"title", songs[i].first}, {"durationMs", songs[i].second * 1000},
                                  {"trackNumber", i + 1}, {"discNumber", 1}, {"isrc", ""}});
            return {{"title", "Rumours"}, {"artists", {"Fleetwood Mac"}}, {"releaseDate", "1977-02-04"}, {"tracks", tracks}};
        }

        json file(const std::string& dir, int n, const std::string& title, int seconds)
        {
            return {{"filename", dir + "\\0" + std::to_string(n) + " - " + title + ".flac"},
                    {"size", seconds * 110000}, {"extension", ""}, {"length", seconds}, {"bitDepth", 16}, {"sampleRate", 44100}};
        }

        json responses()
        {
            const std::string full = "@@a\\Music\\Fleetwood Mac\\Rumours (1977)";
            const std::string part = "@@b\\Fleetwood Mac - Rumours";
            json aliceFiles = {file(full, 1, "Dreams", 254), file(full, 2, "Songbird", 200), file(full, 3, "The Chain", 270),
                               file(full, 4, "Gold Dust Woman", 291), file(full, 5, "Go Your Own Way", 218),
                               {{"filename", full + "\\cover.jpg"}, {"size", 80000}}};
            json bobFiles = {file(part, 2, "Songbird", 200)};
            return {{{"username", "alice"}, {"hasFreeUploadSlot", true}, {"uploadSpeed", 500000}, {"queueLength", 0},
                     {"files", aliceFiles}},
                    {{"username", "bob"}, {"files", bobFiles}, {"lockedFiles", json::array()}}};
        }
    } // namespace

    TEST(AlbumMatchCommand, ChoosesTheCompleteFolderAndAsksToBrowseThePartOne)
    {
        std::stringstream in, out;
        in << json{{"album", album()}, {"responses", responses()}}.dump() << "\n";
        EXPECT_EQ(runAlbumMatchCommand(in, out), 0);
        const auto result = json::parse(out.str());
        EXPECT_EQ(result["chosen"], (json{{"username", "alice"}, {"directory", "@@a\\Music\\Fleetwood Mac\\Rumours (1977)"}}));
        ASSERT_EQ(result["folders"].size(), 2u);
        const auto& best = result["folders"][0];
        EXPECT_TRUE(best["accepted"].get<bool>());
        EXPECT_EQ(best["matchedTracks"], 5);
        EXPECT_EQ(best["picks"].size(), 5u);
        EXPECT_EQ(best["picks"][2]["filename"], "@@a\\Music\\Fleetwood Mac\\Rumours (1977)\\03 - The Chain.flac");
        EXPECT_FALSE(best["reasons"].empty());
        EXPECT_TRUE(result["folders"][1]["needsBrowse"].get<bool>());
        EXPECT_EQ(result["needsBrowse"], (json::array({{{"username", "bob"}, {"directory", "@@b\\Fleetwood Mac - Rumours"}}})));
    }

    TEST(AlbumMatchCommand, ABrowsedFolderReplacesWhatTheSearchShowed)
    {
        // bob's folder, browsed: basenames as POST users/{u}/directory returns them, one track short.
        json browsed = {{{"username", "bob"}, {"directory", "@@b\\Fleetwood Mac - Rumours\\"}, {"hasFreeUploadSlot", true},
                         {"files", {{{"filename", "01 - Dreams.flac"}, {"size", 28000000}, {"length", 254}},
                                    {{"filename", "02 - Songbird.flac"}, {"size", 22000000}, {"length", 200}},
                                    {{"filename", "03 - The Chain.flac"}, {"size", 30000000}, {"length", 270}},
                                    {{"filename", "04 - Gold Dust Woman.flac"}, {"size", 32000000}, {"length", 291}}}}}};
        std::stringstream in, out;
        in << json{{"album", album()}, {"responses", responses()}, {"browsed", browsed}, {"options", {{"allowPartial", true}}}}.dump()
           << "\n";
        runAlbumMatchCommand(in, out);
        const auto result = json::parse(out.str());
        ASSERT_EQ(result["folders"].size(), 2u);
        const auto& bob = result["folders"][1];
        EXPECT_EQ(bob["username"], "bob");
        EXPECT_EQ(bob["directory"], "@@b\\Fleetwood Mac - Rumours");
        EXPECT_EQ(bob["matchedTracks"], 4);
        EXPECT_TRUE(bob["accepted"].get<bool>()) << bob.dump(2);
        EXPECT_FALSE(bob["needsBrowse"].get<bool>());
        EXPECT_EQ(result["chosen"]["username"], "alice") << "complete ranks above partial";
    }

    TEST(AlbumMatchCommand, OnlyTracksLeavesTheOthersEmpty)
    {
        std::stringstream in, out;
        in << json{{"album", album()}, {"responses", responses()}, {"options", {{"onlyTracks", {1, 3}}}}}.dump() << "\n";
        runAlbumMatchCommand(in, out);
        const auto picks = json::parse(out.str())["folders"][0]["picks"];
        EXPECT_TRUE(picks[0].is_null());
        EXPECT_EQ(picks[1]["wantedIndex"], 1);
        EXPECT_TRUE(picks[2].is_null());
        EXPECT_EQ(picks[3]["wantedIndex"], 3);
    }

    struct BadLine
    {
        const char* line;
        const char* error;
    };

    class AlbumMatchBadInputTest : public ::testing::TestWithParam<BadLine>
    {
    };

    TEST_P(AlbumMatchBadInputTest, AnswersWithAnErrorLineAndKeepsGoing)
    {
        std::stringstream in, out;
        in << GetParam().line << "\n" << json{{"album", album()}, {"responses", responses()}}.dump() << "\n";
        EXPECT_EQ(runAlbumMatchCommand(in, out), 0);
        std::string first, second;
        std::getline(out, first);
        std::getline(out, second);
        const auto error = json::parse(first);
        ASSERT_TRUE(error.contains("error")) << first;
        EXPECT_NE(error["error"].get<std::string>().find(GetParam().error), std::string::npos) << error.dump();
        EXPECT_FALSE(json::parse(second)["chosen"].is_null());
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, AlbumMatchBadInputTest,
        ::testing::Values(BadLine{"{oops", "invalid JSON"}, BadLine{"[1]", "JSON object"},
                          BadLine{R"({"responses":[]})", "missing \"album\""},
                          BadLine{R"({"album":{"artists":["X"],"tracks":[{"title":"a"}]}})", "no title"},
                          BadLine{R"({"album":{"title":"A","tracks":[{"title":"a"}]}})", "no artist"},
                          BadLine{R"({"album":{"title":"A","artists":["X"],"tracks":[]}})", "no tracks"},
                          BadLine{R"({"album":{"title":"A","artists":["X"],"tracks":[{"durationMs":1}]}})", "track 0 has no title"},
                          BadLine{R"({"album":{"title":"A","artists":["X"],"tracks":[{"title":"a"}]},"responses":{}})", "responses"},
                          BadLine{R"({"album":{"title":"A","artists":["X"],"tracks":[{"title":"a"}]},"options":{"onlyTracks":[-1]}})", "onlyTracks"},
                          BadLine{R"({"album":{"title":"A","artists":["X"],"tracks":[{"title":"a"}]},"browsed":[{"username":"u","files":[]}]})", "directory"},
                          BadLine{R"({"album":{"title":"A","artists":["X"],"tracks":[{"title":"a"}]},"profile":"audiophile"})", "unknown profile"}));

    TEST(AlbumMatchJson, ReadsSpotifyAlbumObjects)
    {
        const json spotify = {{"name", "Rumours"}, {"id", "1bt6q2SruMsBtcerNVtpZB"}, {"release_date", "1977-02-04"},
                              {"artists", {{{"name", "Fleetwood Mac"}}}},
                              {"tracks", {{"items", {{{"name", "Dreams"}, {"duration_ms", 257800}, {"track_number", 2},
                                                      {"disc_number", 2}, {"external_ids", {{"isrc", "USWB10400050"}}}}}}}}};
        const auto wanted = wantedAlbumFromJson(spotify);
        ASSERT_TRUE(wanted) << wanted.error().message;
        EXPECT_EQ(wanted->title, "Rumours");
        EXPECT_EQ(wanted->spotifyAlbumId, "1bt6q2SruMsBtcerNVtpZB");
        EXPECT_EQ(wanted->year(), 1977);
        ASSERT_EQ(wanted->tracks.size(), 1u);
        EXPECT_EQ(wanted->tracks[0].track.durationMs, 257800);
        EXPECT_EQ(wanted->tracks[0].discNumber, 2);
        EXPECT_EQ(wanted->discCount, 2);
        EXPECT_EQ(wanted->tracks[0].track.isrc, "USWB10400050");
        EXPECT_EQ(wanted->tracks[0].track.album, "Rumours");
    }
} // namespace soulspot::matching
