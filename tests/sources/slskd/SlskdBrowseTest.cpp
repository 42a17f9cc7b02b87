// Directory browse: parseBrowseReply's safety rules as a table, then the client against fake_slskd.py over
// real sockets (full paths, subfolders, legacy single object, user offline, peer failure, timeout).
#include <gtest/gtest.h>

#include "FakeSlskd.hpp"
#include "sources/slskd/BrowseReply.hpp"

namespace soulspot::sources::slskd
{
    namespace
    {
        constexpr const char* kAlbum = "@@alice\\Music\\Example Band\\Example Album";

        struct ReplyCase
        {
            std::string name;
            std::string body;
            std::vector<std::string> expectFiles; // full paths, in order, across directories
            int expectSkipped;
        };

        class BrowseReplyTable : public ::testing::TestWithParam<ReplyCase>
        {
        };
    } // namespace

    TEST_P(BrowseReplyTable, JoinsSafeNamesAndDropsTheRest)
    {
        const auto& c = GetParam();
        auto dirs = parseBrowseReply(c.body, kAlbum);
        ASSERT_TRUE(dirs) << dirs.error().message;
        std::vector<std::string> files;
        int skipped = 0;
        for (const auto& d : *dirs)
        {
            skipped += d.skippedFiles;
            for (const auto& f : d.files)
                files.push_back(f.filename);
        }
        EXPECT_EQ(files, c.expectFiles);
        EXPECT_EQ(skipped, c.expectSkipped);
    }

    INSTANTIATE_TEST_SUITE_P(
        Safety, BrowseReplyTable,
        ::testing::Values(
            ReplyCase{"ArrayOfOne",
                      R"([{"name":"@@alice\\Music\\Example Band\\Example Album","fileCount":1,"files":[{"filename":"01 - A.flac","size":1}]}])",
                      {"@@alice\\Music\\Example Band\\Example Album\\01 - A.flac"}, 0},
            ReplyCase{"LegacySingleObject",
                      R"({"name":"@@alice\\Music\\Example Band\\Example Album","files":[{"filename":"01 - A.flac"}]})",
                      {"@@alice\\Music\\Example Band\\Example Album\\01 - A.flac"}, 0},
            ReplyCase{"MissingNameMeansTheDirectoryAsked",
                      R"([{"files":[{"filename":"cover.jpg"}]}])",
                      {"@@alice\\Music\\Example Band\\Example Album\\cover.jpg"}, 0},
            ReplyCase{"TrailingSeparatorAndOtherCaseAreTheSameDirectory",
                      R"([{"name":"@@alice\\music\\Example Band\\Example Album\\","files":[{"filename":"a.mp3"}]}])",
                      {"@@alice\\music\\Example Band\\Example Album\\a.mp3"}, 0},
            ReplyCase{"SubfoldersKept",
                      R"([{"name":"@@alice\\Music\\Example Band\\Example Album\\CD2","files":[{"filename":"01.flac"}]}])",
                      {"@@alice\\Music\\Example Band\\Example Album\\CD2\\01.flac"}, 0},
            ReplyCase{"SeparatorsInNamesDropped",
                      R"([{"files":[{"filename":"..\\..\\secret.txt"},{"filename":"a/b.flac"},{"filename":"ok.flac"}]}])",
                      {"@@alice\\Music\\Example Band\\Example Album\\ok.flac"}, 2},
            ReplyCase{"DotNamesEmptyNamesAndControlCharactersDropped",
                      "[{\"files\":[{\"filename\":\"..\"},{\"filename\":\".\"},{\"filename\":\"\"},{\"filename\":\"a\\u0000b.flac\"},{\"size\":3}]}]",
                      {}, 5},
            ReplyCase{"DirectoryOutsideTheOneAskedIsDropped",
                      R"([{"name":"@@alice\\Private","files":[{"filename":"x.flac"}]},{"name":"@@alice\\Music\\Example Band\\Example Album2","files":[{"filename":"y.flac"}]}])",
                      {}, 0},
            ReplyCase{"DotDotSegmentBelowIsDropped",
                      R"([{"name":"@@alice\\Music\\Example Band\\Example Album\\..\\..","files":[{"filename":"x.flac"}]}])",
                      {}, 0}),
        [](const ::testing::TestParamInfo<ReplyCase>& info) { return info.param.name; });

    TEST(BrowseReply, BoundsFilesAndDirectories)
    {
        std::string body = "[{\"files\":[";
        for (int i = 0; i < 30; ++i)
            body += std::string(i ? "," : "") + "{\"filename\":\"" + std::to_string(i) + ".flac\"}";
        body += "]},{\"name\":\"" + std::string("@@alice\\\\Music\\\\Example Band\\\\Example Album\\\\CD2") + "\",\"files\":[]}]";
        BrowseLimits limits;
        limits.maxFiles = 10;
        limits.maxDirectories = 1;
        auto dirs = parseBrowseReply(body, kAlbum, limits);
        ASSERT_TRUE(dirs) << dirs.error().message;
        ASSERT_EQ(dirs->size(), 1u);
        EXPECT_EQ((*dirs)[0].files.size(), 10u);
        EXPECT_EQ((*dirs)[0].skippedFiles, 20);

        limits.maxBodyBytes = 16;
        EXPECT_FALSE(parseBrowseReply(body, kAlbum, limits));
        EXPECT_FALSE(parseBrowseReply("\"User alice appears to be offline\"", kAlbum));
        EXPECT_FALSE(parseBrowseReply("<html>", kAlbum));
    }

    TEST(BrowseReply, FieldsAndAttributesAndDerivedExtension)
    {
        const std::string body =
            R"([{"files":[{"filename":"01 - A.FLAC","size":31000000,"extension":"","bitDepth":16,"sampleRate":44100,"length":240},)"
            R"({"filename":"02 - B.mp3","size":8000000,"extension":"mp3","attributeCount":3,)"
            R"("attributes":[{"type":"BitRate","value":320},{"type":"Length","value":201},{"type":2,"value":1}]},)"
            R"({"filename":"folder"}]}])";
        auto dirs = parseBrowseReply(body, kAlbum);
        ASSERT_TRUE(dirs);
        const auto& files = (*dirs)[0].files;
        ASSERT_EQ(files.size(), 3u);
        EXPECT_EQ(files[0].extension, "flac");
        EXPECT_EQ(files[0].size, 31000000);
        EXPECT_EQ(files[0].bitDepth, 16);
        EXPECT_EQ(files[0].sampleRate, 44100);
        EXPECT_EQ(files[0].length, 240);
        EXPECT_FALSE(files[0].bitRate.has_value());
        EXPECT_EQ(files[1].extension, "mp3");
        EXPECT_EQ(files[1].bitRate, 320);
        EXPECT_EQ(files[1].length, 201);
        EXPECT_EQ(files[1].isVariableBitRate, true);
        EXPECT_TRUE(files[2].extension.empty());
    }

    namespace test
    {
        namespace
        {
            nlohmann::json browseScenario()
            {
                using nlohmann::json;
                json files = json::array();
                for (int i = 1; i <= 12; ++i)
                {
                    char name[64];
                    std::snprintf(name, sizeof name, "%02d - Example Song %02d.flac", i, i);
                    files.push_back({{"filename", name}, {"size", 30000000 + i}, {"bitDepth", 16}, {"sampleRate", 44100},
                                     {"length", 200 + i}});
                }
                files.push_back({{"filename", "cover.jpg"}, {"size", 120000}});
                files.push_back({{"filename", "..\\..\\escape.txt"}, {"size", 1}});
                return {
                    {"users_offline", {"ghost"}},
                    {"browse",
                     {{"alice",
                       {{kAlbum,
                         {{{"name", kAlbum}, {"files", files}},
                          {{"name", std::string(kAlbum) + "\\Scans"}, {"files", {{{"filename", "back.png"}, {"size", 5}}}}}}}}},
                      {"dj & co/1", {{"@@dj\\Mixes", {{{"files", {{{"filename", "mix.mp3"}, {"bitRate", 320}, {"attributesOnly", true}}}}}}}}}}},
                    {"searches",
                     {{"example band example album",
                       {{"responses",
                         {{{"username", "bob"},
                           {"files",
                            {{{"filename", "@@bob\\Rips\\Example Album\\01 Example Song 01.mp3"}, {"size", 9000000}},
                             {{"filename", "@@bob\\Rips\\Example Album\\CD2\\01 Bonus.mp3"}, {"size", 8000000}}}}}}}}}}},
                    {"browse_fail",
                     {{"flaky", {{"status", 500}, {"message", "Failed to connect to peer: timed out"}}},
                      {"slowpoke", {{"status", 200}, {"delay_ms", 2000}}}}}};
            }
        } // namespace

        TEST(SlskdBrowse, ReturnsFullRemotePathsForTheWholeFolder)
        {
            FakeSlskd fake(browseScenario());
            auto api = fake.client();
            auto dirs = api->browseDirectory("alice", kAlbum);
            ASSERT_TRUE(dirs) << dirs.error().message;
            ASSERT_EQ(dirs->size(), 2u);
            const auto& album = (*dirs)[0];
            EXPECT_EQ(album.name, kAlbum);
            ASSERT_EQ(album.files.size(), 13u);
            EXPECT_EQ(album.skippedFiles, 1) << "the traversal name is dropped";
            EXPECT_EQ(album.files[0].filename, std::string(kAlbum) + "\\01 - Example Song 01.flac");
            EXPECT_EQ(album.files[0].extension, "flac");
            EXPECT_EQ(album.files[0].length, 201);
            EXPECT_EQ(album.files[11].size, 30000012);
            EXPECT_EQ(album.files[12].extension, "jpg");
            EXPECT_EQ((*dirs)[1].files.at(0).filename, std::string(kAlbum) + "\\Scans\\back.png");
            EXPECT_EQ(fake.calls("POST /api/v0/users/{username}/directory", 200), 1);
        }

        TEST(SlskdBrowse, EncodesTheUsernameAndReadsAttributes)
        {
            FakeSlskd fake(browseScenario());
            auto dirs = fake.client()->browseDirectory("dj & co/1", "@@dj\\Mixes");
            ASSERT_TRUE(dirs) << dirs.error().message;
            ASSERT_EQ(dirs->size(), 1u);
            ASSERT_EQ((*dirs)[0].files.size(), 1u);
            EXPECT_EQ((*dirs)[0].files[0].filename, "@@dj\\Mixes\\mix.mp3");
            EXPECT_EQ((*dirs)[0].files[0].bitRate, 320) << "from attributes only";
        }

        TEST(SlskdBrowse, ShowsFilesTheSearchDidNotAndSubfoldersAsEntries)
        {
            FakeSlskd fake(browseScenario());
            auto dirs = fake.client()->browseDirectory("bob", "@@bob\\Rips\\Example Album");
            ASSERT_TRUE(dirs) << dirs.error().message;
            ASSERT_EQ(dirs->size(), 2u);
            EXPECT_EQ((*dirs)[0].files.at(0).filename, "@@bob\\Rips\\Example Album\\01 Example Song 01.mp3");
            EXPECT_EQ((*dirs)[1].name, "@@bob\\Rips\\Example Album\\CD2");
            EXPECT_EQ((*dirs)[1].files.at(0).filename, "@@bob\\Rips\\Example Album\\CD2\\01 Bonus.mp3");
        }

        TEST(SlskdBrowse, LegacySingleObjectAnswerIsAccepted)
        {
            FakeOptions old;
            old.version = "0.22.2";
            FakeSlskd fake(browseScenario(), old);
            auto dirs = fake.client()->browseDirectory("alice", kAlbum);
            ASSERT_TRUE(dirs) << dirs.error().message;
            ASSERT_EQ(dirs->size(), 1u);
            EXPECT_EQ((*dirs)[0].files.size(), 13u);
        }

        TEST(SlskdBrowse, UnknownFolderIsEmptyNotAnError)
        {
            FakeSlskd fake(browseScenario());
            auto dirs = fake.client()->browseDirectory("alice", "@@alice\\Nothing Here");
            ASSERT_TRUE(dirs) << dirs.error().message;
            ASSERT_EQ(dirs->size(), 1u);
            EXPECT_TRUE((*dirs)[0].files.empty());
        }

        TEST(SlskdBrowse, UserOfflineIsNotFoundWithAReason)
        {
            FakeSlskd fake(browseScenario());
            auto dirs = fake.client()->browseDirectory("ghost", "@@ghost\\Music");
            ASSERT_FALSE(dirs);
            EXPECT_EQ(dirs.error().code, core::ErrorCode::NotFound);
            EXPECT_EQ(dirs.error().reason, "user_offline");
            EXPECT_EQ(dirs.error().httpStatus, 404);
            EXPECT_FALSE(core::meansWait(dirs.error()));
        }

        TEST(SlskdBrowse, PeerFailureBehindSlskdIsRetryableAndLeavesTheBreakerClosed)
        {
            FakeSlskd fake(browseScenario());
            auto api = fake.client();
            for (int i = 0; i < 6; ++i) // more than the breaker's threshold of 5
            {
                auto dirs = api->browseDirectory("flaky", "@@flaky\\Music");
                ASSERT_FALSE(dirs);
                EXPECT_EQ(dirs.error().code, core::ErrorCode::UpstreamError);
                EXPECT_EQ(dirs.error().reason, "peer_failed");
                EXPECT_TRUE(dirs.error().retryable);
            }
            auto stillUp = api->browseDirectory("alice", kAlbum);
            EXPECT_TRUE(stillUp) << stillUp.error().message;
        }

        TEST(SlskdBrowse, SlowAnswerTimesOut)
        {
            FakeSlskd fake(browseScenario());
            auto config = fake.config();
            config.browseTimeout = std::chrono::milliseconds(300);
            auto dirs = fake.client(config)->browseDirectory("slowpoke", "@@slowpoke\\Music");
            ASSERT_FALSE(dirs);
            EXPECT_EQ(dirs.error().code, core::ErrorCode::Timeout);
            EXPECT_TRUE(core::meansWait(dirs.error()));
        }

        TEST(SlskdBrowse, SlskdDownIsRetryableUnavailable)
        {
            FakeSlskd fake(browseScenario());
            auto api = fake.client();
            fake.server().stop();
            auto dirs = api->browseDirectory("alice", kAlbum);
            ASSERT_FALSE(dirs);
            EXPECT_EQ(dirs.error().code, core::ErrorCode::Unavailable);
            EXPECT_TRUE(dirs.error().retryable);
        }

        TEST(SlskdBrowse, EmptyArgumentsNeverLeave)
        {
            FakeSlskd fake(browseScenario());
            auto api = fake.client();
            EXPECT_EQ(api->browseDirectory("", kAlbum).error().code, core::ErrorCode::InvalidArgument);
            EXPECT_EQ(api->browseDirectory("alice", "\\").error().code, core::ErrorCode::InvalidArgument);
            EXPECT_EQ(fake.calls("POST /api/v0/users/{username}/directory"), 0);
        }
    } // namespace test
} // namespace soulspot::sources::slskd
