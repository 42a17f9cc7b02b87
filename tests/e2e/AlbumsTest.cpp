// Issue 10 end to end: the real binary wants an album by its MusicBrainz release id, searches the fake
// slskd, scores the folders, enqueues the right one in one request, and files every track into one album
// folder tagged with one release — and for a partly owned album fetches only what is missing.
#include <cstdlib>
#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "DownloadWorld.hpp"

namespace soulspot::testing
{
    using nlohmann::json;
    namespace fs = std::filesystem;

    namespace
    {
        const char* const kRelease = "a1b00001-0000-4000-8000-0000000000a1";
        const char* const kGroup = "a1b0e001-0000-4000-8000-0000000000a1";
        const char* const kArtistId = "a1b0a001-0000-4000-8000-0000000000a1";
        const std::vector<std::string> kTitles{"Teardrop Glass", "Northern Lights Fade", "Harbour Song"};

        std::string isrcOf(std::size_t i) { return "GBZZZ260000" + std::to_string(i + 1); }

        // A three-track release whose recordings are as long as the generated audio (10 s).
        std::string writeCatalog(const fs::path& dir)
        {
            const json artist = {{"id", kArtistId}, {"name", "Quiet Harbour"}};
            json recordings = json::array();
            for (std::size_t i = 0; i < kTitles.size(); ++i)
                recordings.push_back({{"id", "a1b0c00" + std::to_string(i + 1) + "-0000-4000-8000-0000000000a1"},
                                      {"title", kTitles[i]},
                                      {"length", 10000},
                                      {"artists", json::array({artist})},
                                      {"isrcs", json::array({isrcOf(i)})},
                                      {"releases", json::array({{{"id", kRelease}, {"disc", 1}, {"track", i + 1}}})}});
            const json catalog = {
                {"recordings", recordings},
                {"releases", json::array({{{"id", kRelease},
                                           {"title", "Lantern Weather"},
                                           {"status", "Official"},
                                           {"date", "2021-03-05"},
                                           {"country", "XW"},
                                           {"artists", json::array({artist})},
                                           {"releaseGroup", {{"id", kGroup}, {"primaryType", "Album"}, {"secondaryTypes", json::array()}}},
                                           {"media", json::array({{{"position", 1}, {"format", "Digital Media"}, {"trackCount", 3}}})}}})},
                {"images", json::object()}};
            const auto file = dir / "mb-albums.json";
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

        int flacKbps(const fs::path& f) { return static_cast<int>(fs::file_size(f) * 8 / 10 / 1000); }

        struct AlbumWorld
        {
            DownloadWorld world;
            FakeServer musicbrainz;
            fs::path music;

            AlbumWorld() : musicbrainz("fake_musicbrainz.py", {"--data", writeCatalog(world.dir())}), music(fs::path(world.dir()) / "music") {}

            /// One user's folder: every track as "NN - Title.flac" under `folder`.
            std::vector<SharedFile> folder(const std::string& user, const std::string& folder, std::vector<std::size_t> which) const
            {
                std::vector<SharedFile> out;
                for (auto i : which)
                    out.push_back({user, folder + "\\0" + std::to_string(i + 1) + " - " + kTitles[i] + ".flac", world.flac(), 10,
                                   flacKbps(world.flac())});
                return out;
            }

            static json scenario(const std::vector<std::vector<SharedFile>>& peers)
            {
                json responses = json::array(), transfers = json::object();
                for (const auto& files : peers)
                {
                    json r = DownloadWorld::response(files.front());
                    r["files"] = json::array();
                    for (const auto& f : files)
                    {
                        r["files"].push_back({{"filename", f.remotePath},
                                              {"size", static_cast<std::int64_t>(fs::file_size(f.source))},
                                              {"bitRate", f.bitRate},
                                              {"length", f.lengthSeconds}});
                        transfers[f.username + "|" + f.remotePath] = {{"outcome", "Succeeded"}, {"source_file", f.source.string()}};
                    }
                    r["fileCount"] = r["files"].size();
                    responses.push_back(r);
                }
                return {{"default_search", {{"duration_ms", 100}, {"responses", responses}}},
                        {"transfers", transfers},
                        {"default_transfer", {{"outcome", "Succeeded"}, {"queue_ms", 50}, {"init_ms", 20}, {"duration_ms", 200}}},
                        {"responses_delay_ms", 100}};
            }

            void start(const json& scenario)
            {
                world.startSlskd(scenario);
                world.startServer({{"STORAGE_MUSIC_PATH", music.string()},
                                   {"MUSICBRAINZ_ENABLED", "true"},
                                   {"MUSICBRAINZ_URL", musicbrainz.baseUrl() + "/ws/2"},
                                   {"COVERART_URL", musicbrainz.baseUrl()}});
            }

            json postAlbum(const json& body, int expected = 201)
            {
                auto r = world.server().request("POST", "/api/v1/albums", body.dump());
                EXPECT_TRUE(r && r->status == expected) << (r ? std::to_string(r->status) + " " + r->body : r.error().message);
                return r ? json::parse(r->body) : json();
            }

            json album(std::int64_t id)
            {
                auto r = world.server().request("GET", "/api/v1/albums/" + std::to_string(id));
                return r && r->status == 200 ? json::parse(r->body) : json();
            }

            json waitForAlbum(std::int64_t id, const std::vector<std::string>& statuses, int timeoutMs = 60000)
            {
                json a;
                for (int waited = 0; waited < timeoutMs; waited += 200)
                {
                    a = album(id);
                    if (a.contains("status") && std::find(statuses.begin(), statuses.end(), a["status"]) != statuses.end())
                        return a;
                    std::this_thread::sleep_for(std::chrono::milliseconds(200));
                }
                return a;
            }

            /// How many enqueue requests slskd saw, and every file it enqueued.
            struct Enqueued
            {
                int requests{0};
                std::vector<std::string> files;
            };
            Enqueued enqueued()
            {
                Enqueued out;
                const auto calls = world.control("GET", "/calls");
                for (const auto& r : calls["requests"])
                {
                    const auto route = r.value("route", std::string());
                    if (route == "POST /api/v0/transfers/downloads/batches" || route == "POST /api/v0/transfers/downloads/{username}")
                        ++out.requests;
                }
                for (const auto& e : calls["enqueued"])
                    out.files.push_back(e.value("filename", std::string()));
                return out;
            }
        };
    } // namespace

    TEST(Albums, TheRightFolderIsEnqueuedAsOneUnitAndLandsInOneAlbumFolderWithOneRelease)
    {
        AlbumWorld w;
        const auto alice = w.folder("alice", "@@alice\\Music\\Quiet Harbour\\Lantern Weather (2021)", {0, 1, 2});
        const auto bob = w.folder("bob", "@@bob\\Music\\Quiet Harbour\\Lantern Weather (Live at the Dock)", {0, 1, 2});
        const auto carol = w.folder("carol", "@@carol\\singles\\Quiet Harbour - Lantern Weather", {0});
        w.start(AlbumWorld::scenario({bob, carol, alice}));

        const auto created = w.postAlbum({{"ref", std::string("https://musicbrainz.org/release/") + kRelease}});
        ASSERT_TRUE(created.contains("id")) << created.dump(2);
        EXPECT_EQ(created["track_count"], 3);
        const auto id = created["id"].get<std::int64_t>();
        const auto album = w.waitForAlbum(id, {"IMPORTED", "FAILED", "NOT_FOUND", "COMPLETED"});
        ASSERT_EQ(album["status"], "IMPORTED") << album.dump(2);

        // The chosen folder is alice's, with reasons; bob's live recording and carol's single were rejected.
        ASSERT_FALSE(album["folders"].empty());
        const auto& chosen = album["folders"][album["chosen_folder"].get<int>()];
        EXPECT_EQ(chosen["username"], "alice") << album["folders"].dump(2);
        EXPECT_FALSE(chosen["reasons"].empty());
        for (const auto& f : album["folders"])
        {
            if (f["username"] != "alice")
            {
                EXPECT_FALSE(f["accepted"]) << f.dump(2);
            }
        }

        // One enqueue request held every file of the folder.
        const auto sent = w.enqueued();
        EXPECT_EQ(sent.requests, 1);
        EXPECT_EQ(sent.files.size(), 3u);

        // One album folder, every file tagged with the one release.
        const auto folder = w.music / "Quiet Harbour" / "Lantern Weather (2021)";
        for (std::size_t i = 0; i < kTitles.size(); ++i)
        {
            const auto file = folder / ("0" + std::to_string(i + 1) + " - " + kTitles[i] + ".flac");
            ASSERT_TRUE(fs::exists(file)) << file;
            const auto tags = capture("metaflac --export-tags-to=- " + shellQuote(file.string()));
            EXPECT_NE(tags.find(std::string("MUSICBRAINZ_ALBUMID=") + kRelease), std::string::npos) << tags;
            EXPECT_NE(tags.find("ALBUM=Lantern Weather"), std::string::npos) << tags;
            EXPECT_NE(tags.find("ALBUMARTIST=Quiet Harbour"), std::string::npos) << tags;
            EXPECT_NE(tags.find("TRACKNUMBER=" + std::to_string(i + 1)), std::string::npos) << tags;
        }
        for (const auto& t : album["tracks"])
            EXPECT_TRUE(t["owned"]) << t.dump(2);

        // Wanted again: the same album, not a second one.
        const auto again = w.postAlbum({{"ref", kRelease}}, 200);
        EXPECT_EQ(again["id"], id);
    }

    TEST(Albums, APartlyOwnedAlbumFetchesOnlyTheMissingTracks)
    {
        AlbumWorld w;
        const auto alice = w.folder("alice", "@@alice\\Music\\Quiet Harbour\\Lantern Weather", {0, 1, 2});
        w.start(AlbumWorld::scenario({alice}));
        // Track 2 is in the library already (wanted on its own before).
        auto r = w.world.server().request(
            "POST", "/api/v1/downloads",
            json{{"track", {{"artist", "Quiet Harbour"}, {"title", kTitles[1]}, {"album", "Lantern Weather"}, {"duration_ms", 10000},
                            {"isrc", isrcOf(1)}, {"track_number", 2}}}}
                .dump());
        ASSERT_TRUE(r && r->status == 201) << (r ? r->body : r.error().message);
        const auto single = w.world.waitForStatus(json::parse(r->body)["id"].get<std::int64_t>(), {"IMPORTED", "FAILED"}, 30000);
        ASSERT_EQ(single["status"], "IMPORTED") << single.dump(2);
        w.world.control("DELETE", "/calls");

        const auto created = w.postAlbum({{"ref", kRelease}});
        ASSERT_TRUE(created.contains("id"));
        const auto album = w.waitForAlbum(created["id"].get<std::int64_t>(), {"IMPORTED", "FAILED", "NOT_FOUND", "COMPLETED"});
        ASSERT_EQ(album["status"], "IMPORTED") << album.dump(2);
        const auto sent = w.enqueued();
        EXPECT_EQ(sent.requests, 1);
        ASSERT_EQ(sent.files.size(), 2u) << "only the two missing tracks";
        for (const auto& f : sent.files)
            EXPECT_EQ(f.find(kTitles[1]), std::string::npos) << "the owned track was enqueued again: " << f;
    }

    TEST(Albums, OnlyWrongEditionsMeansNotFoundWithReasons)
    {
        AlbumWorld w;
        const auto live = w.folder("bob", "@@bob\\Music\\Quiet Harbour\\Lantern Weather (Live)", {0, 1, 2});
        const auto partial = w.folder("dave", "@@dave\\Music\\Quiet Harbour\\Lantern Weather", {0});
        w.start(AlbumWorld::scenario({live, partial}));
        const auto created = w.postAlbum({{"ref", kRelease}});
        ASSERT_TRUE(created.contains("id"));
        const auto album = w.waitForAlbum(created["id"].get<std::int64_t>(), {"IMPORTED", "FAILED", "NOT_FOUND", "DOWNLOADING"});
        ASSERT_EQ(album["status"], "NOT_FOUND") << album.dump(2);
        EXPECT_FALSE(album["folders"].empty());
        for (const auto& f : album["folders"])
        {
            EXPECT_FALSE(f["accepted"]);
            EXPECT_FALSE(f["reasons"].empty());
        }
        EXPECT_EQ(w.enqueued().requests, 0);
    }

    TEST(Albums, BadRequestsAreRefusedClearly)
    {
        AlbumWorld w;
        w.start(AlbumWorld::scenario({w.folder("alice", "@@alice\\x", {0})}));
        auto& s = w.world.server();
        auto none = s.request("POST", "/api/v1/albums", "{}");
        ASSERT_TRUE(none);
        EXPECT_EQ(none->status, 400) << none->body;
        auto both = s.request("POST", "/api/v1/albums", json{{"ref", "x"}, {"saved_albums", true}}.dump());
        ASSERT_TRUE(both);
        EXPECT_EQ(both->status, 400);
        auto policy = s.request("POST", "/api/v1/albums", json{{"ref", kRelease}, {"policy", "sometimes"}}.dump());
        ASSERT_TRUE(policy);
        EXPECT_EQ(policy->status, 400);
        auto missing = s.request("GET", "/api/v1/albums/424242");
        ASSERT_TRUE(missing);
        EXPECT_EQ(missing->status, 404);
        auto choose = s.request("POST", "/api/v1/albums/424242/folders/0/choose", "{}");
        ASSERT_TRUE(choose);
        EXPECT_EQ(choose->status, 404) << "the id is checked first";
        auto list = s.request("GET", "/api/v1/albums");
        ASSERT_TRUE(list && list->status == 200);
        EXPECT_TRUE(json::parse(list->body).is_array());
    }
} // namespace soulspot::testing
