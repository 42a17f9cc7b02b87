// Issue 6 end to end: the real binary downloads from the fake slskd, verifies, tags, names and moves the
// file into STORAGE_MUSIC_PATH, and the enrichment worker later adds MusicBrainz ids and the cover from
// the fake MusicBrainz / Cover Art Archive. Tags are checked with metaflac, not with our own reader.
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

#include <gtest/gtest.h>

#include "DownloadWorld.hpp"

namespace soulspot::testing
{
    using nlohmann::json;
    namespace fs = std::filesystem;

    namespace
    {
        const char* const kRecording = "0e1f0001-0000-4000-8000-0000000000e2";
        const char* const kRelease = "5e1e0001-0000-4000-8000-0000000000e2";

        // The fake's catalogue with the recording as long as the generated audio (10 s), so the length rule
        // of identify() accepts it.
        std::string writeCatalog(const fs::path& dir)
        {
            const json artist = {{"id", "1af3e5a1-0000-4000-8000-00000000c001"}, {"name", "The Chemical Brothers"}};
            const json catalog = {
                {"recordings", json::array({{{"id", kRecording},
                                             {"title", "Hey Boy Hey Girl"},
                                             {"length", 10000},
                                             {"artists", json::array({artist})},
                                             {"isrcs", json::array({"GBAAA9900303"})},
                                             {"releases", json::array({{{"id", kRelease}, {"disc", 1}, {"track", 3}}})}}})},
                {"releases", json::array({{{"id", kRelease},
                                           {"title", "Surrender"},
                                           {"status", "Official"},
                                           {"date", "1999-06-21"},
                                           {"country", "GB"},
                                           {"artists", json::array({artist})},
                                           {"releaseGroup", {{"id", "96e10001-0000-4000-8000-0000000000e2"},
                                                             {"primaryType", "Album"},
                                                             {"secondaryTypes", json::array()}}},
                                           {"media", json::array({{{"position", 1}, {"format", "CD"}, {"trackCount", 11}}})},
                                           {"cover", {{"kind", "jpeg"}, {"imageId", 4242}}}}})},
                {"images", json::object()}};
            const auto file = dir / "mb-catalog.json";
            std::ofstream(file) << catalog.dump(2);
            return file.string();
        }

        std::string capture(const std::string& command)
        {
            std::string out;
            if (FILE* p = ::popen(command.c_str(), "r"))
            {
                char buf[4096];
                for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, p)) > 0;)
                    out.append(buf, n);
                ::pclose(p);
            }
            return out;
        }

        std::string flacTags(const fs::path& file) { return capture("metaflac --export-tags-to=- " + shellQuote(file.string())); }

        json wantedTrack()
        {
            return {{"track",
                     {{"artist", "The Chemical Brothers"},
                      {"title", "Hey Boy Hey Girl"},
                      {"album", "Surrender"},
                      {"duration_ms", 10000},
                      {"isrc", "GBAAA9900303"},
                      {"track_number", 3},
                      {"disc_number", 1},
                      {"release_date", "1999-06-21"}}}};
        }

        struct LibraryWorld
        {
            DownloadWorld world;
            FakeServer musicbrainz;
            fs::path music;

            LibraryWorld() : musicbrainz("fake_musicbrainz.py", {"--data", writeCatalog(world.dir())}), music(fs::path(world.dir()) / "music") {}

            void start(const json& scenario)
            {
                world.startSlskd(scenario);
                world.startServer({{"STORAGE_MUSIC_PATH", music.string()},
                                   {"MUSICBRAINZ_ENABLED", "true"},
                                   {"MUSICBRAINZ_URL", musicbrainz.baseUrl() + "/ws/2"},
                                   {"COVERART_URL", musicbrainz.baseUrl()}});
            }
            std::int64_t post()
            {
                auto r = world.server().request("POST", "/api/v1/downloads", wantedTrack().dump());
                EXPECT_TRUE(r && r->status == 201) << (r ? r->body : r.error().message);
                return r ? json::parse(r->body)["id"].get<std::int64_t>() : 0;
            }
        };

        json scenarioWith(const std::vector<std::pair<SharedFile, bool>>& peers)
        {
            json responses = json::array(), transfers = json::object();
            for (const auto& [f, freeSlot] : peers)
            {
                responses.push_back(DownloadWorld::response(f, freeSlot));
                transfers[f.username + "|" + f.remotePath] = {{"outcome", "Succeeded"}, {"source_file", f.source.string()}};
            }
            return {{"default_search", {{"duration_ms", 100}, {"responses", responses}}},
                    {"transfers", transfers},
                    {"default_transfer", {{"outcome", "Succeeded"}, {"queue_ms", 50}, {"init_ms", 20}, {"duration_ms", 200}}},
                    {"responses_delay_ms", 100}};
        }

        int flacKbps(const fs::path& f) { return static_cast<int>(fs::file_size(f) * 8 / 10 / 1000); }
    } // namespace

    TEST(LibraryImport, DownloadIsImportedUnderTheTemplateTaggedAndLaterEnriched)
    {
        LibraryWorld w;
        const SharedFile alice{"alice", "@@alice\\Music\\The Chemical Brothers\\Surrender\\03 - Hey Boy Hey Girl.flac", w.world.flac(), 10, flacKbps(w.world.flac())};
        w.start(scenarioWith({{alice, true}}));
        const auto id = w.post();
        const auto d = w.world.waitForStatus(id, {"IMPORTED", "FAILED"}, 30000);
        ASSERT_EQ(d["status"], "IMPORTED") << d.dump(2);

        const auto expected = w.music / "The Chemical Brothers" / "Surrender (1999)" / "03 - Hey Boy Hey Girl.flac";
        EXPECT_EQ(d["local_path"], expected.string());
        ASSERT_TRUE(fs::exists(expected));
        const auto tags = flacTags(expected);
        for (const char* line : {"TITLE=Hey Boy Hey Girl", "ARTIST=The Chemical Brothers", "ALBUM=Surrender", "TRACKNUMBER=3",
                                 "DISCNUMBER=1", "DATE=1999-06-21", "ISRC=GBAAA9900303"})
            EXPECT_NE(tags.find(line), std::string::npos) << line << " missing from\n" << tags;
        EXPECT_TRUE(fs::is_empty(w.world.downloadsDir())) << "the download folder was pruned";

        // Enrichment runs behind the import: three MusicBrainz requests at 1 per second, then the cover.
        std::string enriched;
        for (int i = 0; i < 150 && enriched.find("MUSICBRAINZ_TRACKID=") == std::string::npos; ++i)
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            enriched = flacTags(expected);
        }
        EXPECT_NE(enriched.find(std::string("MUSICBRAINZ_TRACKID=") + kRecording), std::string::npos) << enriched;
        EXPECT_NE(enriched.find(std::string("MUSICBRAINZ_ALBUMID=") + kRelease), std::string::npos) << enriched;
        EXPECT_NE(enriched.find("ALBUMARTIST=The Chemical Brothers"), std::string::npos) << enriched;
        EXPECT_NE(enriched.find("TRACKTOTAL=11"), std::string::npos) << enriched;
        EXPECT_NE(enriched.find("TITLE=Hey Boy Hey Girl"), std::string::npos) << "existing tags survive";
        for (int i = 0; i < 50 && capture("metaflac --list --block-type=PICTURE " + shellQuote(expected.string())).empty(); ++i)
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
        EXPECT_NE(capture("metaflac --list --block-type=PICTURE " + shellQuote(expected.string())).find("type: 3"),
                  std::string::npos)
            << "front cover from the Cover Art Archive";

        auto listed = w.world.server().request("GET", "/api/v1/library/tracks?q=chemical&limit=10");
        ASSERT_TRUE(listed && listed->status == 200);
        EXPECT_EQ(listed->header("X-Total-Count").value_or(""), "1");
        const auto rows = json::parse(listed->body);
        ASSERT_EQ(rows.size(), 1u);
        EXPECT_EQ(rows[0]["path"], expected.string());
        auto stats = w.world.server().request("GET", "/api/v1/library/stats");
        ASSERT_TRUE(stats && stats->status == 200);
        EXPECT_EQ(json::parse(stats->body)["files"], 1);

        // Wanted again: it is owned, so nothing is downloaded (Lidarr's rule), unless forced.
        auto again = w.world.server().request("POST", "/api/v1/downloads", wantedTrack().dump());
        ASSERT_TRUE(again);
        EXPECT_EQ(again->status, 409) << again->body;
        EXPECT_EQ(json::parse(again->body)["error"]["code"], "already_owned");
        EXPECT_EQ(json::parse(again->body)["error"]["library_path"], expected.string());
    }

    TEST(LibraryImport, TruncatedFileIsRejectedBlocklistedAndTheNextCandidateImported)
    {
        LibraryWorld w;
        // bob offers a cut-off FLAC (ranked first: lossless), alice a complete MP3.
        const auto cut = fs::path(w.world.dir()) / "cut.flac";
        fs::copy_file(w.world.flac(), cut);
        truncateFile(cut, 0.9);
        const SharedFile bob{"bob", "@@bob\\music\\The Chemical Brothers - Surrender\\03 Hey Boy Hey Girl.flac", cut, 10, flacKbps(w.world.flac())};
        const SharedFile alice{"alice", "@@alice\\mp3\\Chemical Brothers\\The Chemical Brothers - Hey Boy Hey Girl.mp3", w.world.mp3(), 10, 320};
        w.start(scenarioWith({{bob, true}, {alice, true}}));
        const auto id = w.post();
        const auto d = w.world.waitForStatus(id, {"IMPORTED", "FAILED"}, 30000);
        ASSERT_EQ(d["status"], "IMPORTED") << d.dump(2);
        EXPECT_TRUE(d["local_path"].get<std::string>().ends_with("03 - Hey Boy Hey Girl.mp3")) << d["local_path"];

        auto detail = w.world.download(id);
        bool sawTruncated = false;
        for (const auto& a : detail["attempt_history"])
            if (a["outcome"] == "failed" && a["reason_code"] == "truncated")
                sawTruncated = a["username"] == "bob";
        EXPECT_TRUE(sawTruncated) << detail["attempt_history"].dump(2);
        auto blocklist = w.world.server().request("GET", "/api/v1/blocklist");
        ASSERT_TRUE(blocklist);
        EXPECT_NE(blocklist->body.find("bob"), std::string::npos) << blocklist->body;
        for (const auto& entry : fs::recursive_directory_iterator(w.world.downloadsDir()))
            EXPECT_FALSE(entry.is_regular_file()) << "left behind: " << entry.path();
    }

    TEST(LibraryCli, ScanIndexesAndImportFilesNamesLooseFilesByTheirTags)
    {
        TempDir dir;
        const auto music = dir.path() / "music", loose = dir.path() / "loose";
        fs::create_directories(music / "Old");
        fs::create_directories(loose / "sub");
        ToneSpec tone;
        tone.seconds = 2;
        makeFlac(music / "Old", "a.flac", tone);
        makeMp3(music / "Old", "b.mp3", tone);
        const auto file = makeFlac(loose / "sub", "track.flac", tone);
        ASSERT_EQ(std::system(("metaflac --set-tag=TITLE=Loose --set-tag=ARTIST=Someone --set-tag=ALBUM=Found "
                               "--set-tag=TRACKNUMBER=4 --set-tag=DATE=2001 " + shellQuote(file.string())).c_str()), 0);
        writeFile(loose / "junk.mp3", std::string(3000, 'j'));
        const std::map<std::string, std::string> env{{"STORAGE_MUSIC_PATH", music.string()},
                                                     {"DATABASE_URL", "sqlite:///" + (dir.path() / "db.sqlite").string()}};

        auto scan = runSoulspot({"scan"}, dir.path().string(), env);
        EXPECT_EQ(scan.exitCode, 0) << scan.err;
        EXPECT_NE(scan.out.find("2 files, 2 read, 0 unchanged"), std::string::npos) << scan.out;
        auto rescan = runSoulspot({"scan", music.string()}, dir.path().string(), env);
        EXPECT_NE(rescan.out.find("0 read, 2 unchanged"), std::string::npos) << rescan.out;
        EXPECT_EQ(runSoulspot({"scan", (dir.path() / "nope").string()}, dir.path().string(), env).exitCode, 2);

        auto imported = runSoulspot({"import-files", loose.string()}, dir.path().string(), env);
        EXPECT_EQ(imported.exitCode, 1) << "one file was rejected\n" << imported.out << imported.err;
        EXPECT_NE(imported.out.find("rejected " + (loose / "junk.mp3").string() + ": not_audio"), std::string::npos)
            << imported.out;
        EXPECT_NE(imported.out.find("1 imported, 0 kept existing, 1 rejected, 0 failed"), std::string::npos) << imported.out;
        EXPECT_TRUE(fs::exists(music / "Someone" / "Found (2001)" / "04 - Loose.flac")) << imported.out;
        EXPECT_TRUE(fs::exists(loose / "junk.mp3")) << "loose files are the user's: a rejected one stays";
        EXPECT_FALSE(fs::exists(loose / "sub")) << "emptied folders are pruned";
        EXPECT_EQ(runSoulspot({"import-files", (dir.path() / "nope").string()}, dir.path().string(), env).exitCode, 2);
        auto after = runSoulspot({"scan"}, dir.path().string(), env);
        EXPECT_NE(after.out.find("3 files, 0 read, 3 unchanged"), std::string::npos) << "import-files indexed it\n" << after.out;
    }

    TEST(LibraryApi, ScanInTheBackgroundDuplicatesAndNamingSettings)
    {
        TempDir dir;
        const auto music = dir.path() / "music";
        fs::create_directories(music / "A");
        fs::create_directories(music / "B");
        ToneSpec tone;
        tone.seconds = 2;
        const auto first = makeFlac(music / "A", "song.flac", tone);
        ASSERT_EQ(std::system(("metaflac --set-tag=TITLE=Same --set-tag=ARTIST=Band " + shellQuote(first.string())).c_str()), 0);
        fs::copy_file(first, music / "B" / "same song.flac");
        makeMp3(music / "B", "other.mp3", tone);
        ServerProcess server({{"STORAGE_MUSIC_PATH", music.string()}, {"MUSICBRAINZ_ENABLED", "false"}});

        auto started = server.request("POST", "/api/v1/library/scan");
        ASSERT_TRUE(started);
        EXPECT_EQ(started->status, 202) << started->body;
        json progress;
        for (int i = 0; i < 100; ++i)
        {
            progress = json::parse(server.request("GET", "/api/v1/library/scan")->body);
            if (!progress["running"].get<bool>())
                break;
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
        EXPECT_EQ(progress["phase"], "done") << progress.dump();
        EXPECT_EQ(progress["files_read"], 3);
        EXPECT_EQ(progress["percent"], 100.0);
        EXPECT_EQ(server.request("POST", "/api/v1/library/scan", R"({"path": "/etc"})")->status, 400);

        const auto dups = json::parse(server.request("GET", "/api/v1/library/duplicates")->body);
        ASSERT_EQ(dups["count"], 1) << dups.dump(2);
        EXPECT_EQ(dups["groups"][0]["files"].size(), 2u);
        auto paged = server.request("GET", "/api/v1/library/tracks?limit=2&offset=0");
        EXPECT_EQ(paged->header("X-Total-Count").value_or(""), "3");
        EXPECT_EQ(json::parse(paged->body).size(), 2u);
        EXPECT_EQ(server.request("GET", "/api/v1/library/tracks?limit=0")->status, 400);

        auto naming = json::parse(server.request("GET", "/api/v1/settings/naming")->body);
        EXPECT_EQ(naming["track_template"], naming["defaults"]["track_template"]);
        auto bad = server.request("PUT", "/api/v1/settings/naming", R"({"track_template": "{Artist Name}/{Nope}"})");
        EXPECT_EQ(bad->status, 400);
        EXPECT_EQ(json::parse(bad->body)["error"]["code"], "invalid_template");
        EXPECT_NE(json::parse(bad->body)["error"]["message"].get<std::string>().find("track_template"), std::string::npos);
        auto good = server.request("PUT", "/api/v1/settings/naming", R"({"track_template": "{Artist Name}/{track:00} {Track Title}"})");
        EXPECT_EQ(good->status, 200) << good->body;
        EXPECT_EQ(json::parse(server.request("GET", "/api/v1/settings/naming")->body)["track_template"],
                  "{Artist Name}/{track:00} {Track Title}");
        auto preview = server.request("POST", "/api/v1/settings/naming/preview", R"({"template": "{Artist Name}/{Album Title}/{track:00} - {Track Title}"})");
        ASSERT_EQ(preview->status, 200) << preview->body;
        const auto samples = json::parse(preview->body)["samples"];
        ASSERT_EQ(samples.size(), 3u);
        EXPECT_EQ(samples[0]["path"], "The Beatles/Abbey Road/07 - Here Comes the Sun.flac");
        EXPECT_EQ(samples[2]["path"].get<std::string>().find('?'), std::string::npos) << samples[2]["path"];
        EXPECT_EQ(server.request("POST", "/api/v1/settings/naming/preview", R"({"template": "{Track Title"})")->status, 400);
    }
} // namespace soulspot::testing
