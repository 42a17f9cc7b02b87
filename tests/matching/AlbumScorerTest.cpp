// The album matcher on hand-built folders: one row per folder rule (count, assignment, edition, single,
// format, browse hint), then ordering and abstention.

#include "matching/AlbumScorer.hpp"

#include <functional>

#include <gtest/gtest.h>

namespace soulspot::matching
{
    namespace
    {
        struct Song
        {
            const char* title;
            int seconds;
        };

        const std::vector<Song> kOkComputer = {
            {"Airbag", 284}, {"Paranoid Android", 387}, {"Subterranean Homesick Alien", 267},
            {"Exit Music (For a Film)", 264}, {"Let Down", 299}, {"Karma Police", 261},
            {"Fitter Happier", 117}, {"Electioneering", 230}, {"Climbing Up the Walls", 285},
            {"No Surprises", 228}, {"Lucky", 259}, {"The Tourist", 324}};

        WantedAlbum okComputer(int discs = 1)
        {
            WantedAlbum album;
            album.title = "OK Computer";
            album.artists = {"Radiohead"};
            album.releaseDate = "1997-05-21";
            album.primaryType = "Album";
            album.discCount = discs;
            const int perDisc = static_cast<int>(kOkComputer.size()) / discs;
            for (std::size_t i = 0; i < kOkComputer.size(); ++i)
            {
                WantedAlbumTrack t;
                t.track.title = kOkComputer[i].title;
                t.track.durationMs = kOkComputer[i].seconds * 1000;
                t.track.trackNumber = static_cast<int>(i) % perDisc + 1;
                t.discNumber = static_cast<int>(i) / perDisc + 1;
                album.tracks.push_back(t);
            }
            return album;
        }

        SearchFile audio(std::string path, int seconds, const std::string& format = "flac")
        {
            SearchFile f;
            f.filename = std::move(path) + "." + format;
            f.extension = format;
            f.length = seconds;
            if (format == "flac")
            {
                f.bitDepth = 16;
                f.sampleRate = 44100;
                f.size = static_cast<std::int64_t>(seconds) * 900 * 125;
            }
            else
            {
                f.bitRate = 320;
                f.size = static_cast<std::int64_t>(seconds) * 320 * 125 + 40000;
            }
            return f;
        }

        std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

        // `dir\NN - Title.ext` for every track index in `which` (all when empty).
        AlbumFolder folderOf(const std::string& user, const std::string& dir, std::vector<int> which = {},
                             const std::function<std::string(int)>& formatOf = {})
        {
            AlbumFolder folder{user, dir, true, 800000, 0, {}, false};
            if (which.empty())
                for (int i = 0; i < static_cast<int>(kOkComputer.size()); ++i)
                    which.push_back(i);
            for (const int i : which)
                folder.files.push_back(audio(dir + "\\" + two(i + 1) + " - " + kOkComputer[i].title,
                                             kOkComputer[i].seconds, formatOf ? formatOf(i) : "flac"));
            folder.files.push_back(SearchFile{dir + "\\cover.jpg", 90000, {}, {}, {}, {}, {}, "jpg", false});
            return folder;
        }

        std::string joined(const ScoredFolder& f)
        {
            std::string text;
            for (const auto& r : f.reasons)
                text += "\n  " + r;
            return text;
        }
    } // namespace

    struct FolderCase
    {
        const char* name;
        std::function<AlbumFolder()> make;
        AlbumMatchOptions options;
        bool accepted;
        bool needsBrowse;
        const char* reason; // a substring of some reason
        int matched;
    };

    class AlbumFolderRuleTest : public ::testing::TestWithParam<FolderCase>
    {
    };

    TEST_P(AlbumFolderRuleTest, JudgesTheFolder)
    {
        const auto& c = GetParam();
        const auto result = AlbumScorer().score(okComputer(), {c.make()}, defaultProfile(), c.options);
        ASSERT_EQ(result.folders.size(), 1u);
        const auto& f = result.folders.front();
        EXPECT_EQ(f.accepted, c.accepted) << c.name << joined(f);
        EXPECT_EQ(f.needsBrowse, c.needsBrowse) << c.name << joined(f);
        EXPECT_EQ(result.chosen.has_value(), c.accepted) << c.name;
        EXPECT_EQ(f.matchedTracks, c.matched) << c.name << joined(f);
        EXPECT_NE(joined(f).find(c.reason), std::string::npos) << c.name << ": no reason with \"" << c.reason << "\""
                                                                 << joined(f);
        EXPECT_EQ(f.picks.size(), 12u);
        EXPECT_EQ(f.accepted, f.score > 0) << "accepted folders score above every rejected one";
    }

    namespace
    {
        AlbumFolder browsed(AlbumFolder f)
        {
            f.browsed = true;
            return f;
        }
        AlbumMatchOptions partial()
        {
            AlbumMatchOptions o;
            o.allowPartial = true;
            return o;
        }
        AlbumMatchOptions only(std::vector<std::size_t> tracks)
        {
            AlbumMatchOptions o;
            o.onlyTracks = std::move(tracks);
            return o;
        }
        const std::string kDir = "@@alice\\Music\\Radiohead\\OK Computer (1997)";
    } // namespace

    INSTANTIATE_TEST_SUITE_P(
        Table, AlbumFolderRuleTest,
        ::testing::Values(
            FolderCase{"complete", [] { return folderOf("alice", kDir); }, {}, true, false, "accepted: 12 of 12", 12},
            FolderCase{"year and album are evidence", [] { return folderOf("alice", kDir); }, {}, true, false,
                       "year 1997 in the path", 12},
            FolderCase{"no artist in the path", [] { return folderOf("alice", "@@a\\Music\\OK Computer (1997) [FLAC]"); },
                       {}, true, false, "folder names only the album", 12},
            FolderCase{"another artist's folder", [] { return folderOf("alice", "@@a\\Music\\Some Band - OK Computer"); },
                       {}, false, false, "is not in the path", 0},
            FolderCase{"9 of 12 browsed",
                       [] { return browsed(folderOf("alice", kDir, {0, 1, 2, 3, 4, 5, 6, 7, 8})); }, {}, false, false,
                       "missing 3 of 12 wanted tracks", 9},
            FolderCase{"9 of 12 with allowPartial",
                       [] { return browsed(folderOf("alice", kDir, {0, 1, 2, 3, 4, 5, 6, 7, 8})); }, partial(), true,
                       false, "partial fill allowed: 9 of 12", 9},
            FolderCase{"search showed 4 files", [] { return folderOf("alice", kDir, {1, 4, 5, 9}); }, {}, false, true,
                       "browse first", 4},
            FolderCase{"search showed 4 files, partial allowed", [] { return folderOf("alice", kDir, {1, 4, 5, 9}); },
                       partial(), false, true, "browse first", 4},
            FolderCase{"only tracks 3 and 6 asked", [] { return folderOf("alice", kDir, {2, 5}); }, only({2, 5}), true,
                       false, "accepted: 2 of 2", 2},
            FolderCase{"only tracks asked, one missing", [] { return browsed(folderOf("alice", kDir, {0, 1, 2, 3, 4, 6, 7, 8, 9, 10, 11})); },
                       only({2, 5}), false, false, "missing 1 of 2", 1},
            FolderCase{"live folder for the studio album",
                       [] { return folderOf("alice", "@@a\\Radiohead\\OK Computer (Live at Glastonbury 1997)"); }, {},
                       false, false, "live release", 0},
            FolderCase{"demos", [] { return folderOf("alice", "@@a\\Radiohead\\OK Computer Demos"); }, {}, false, false,
                       "demo release", 0},
            FolderCase{"instrumental", [] { return folderOf("alice", "@@a\\Radiohead - OK Computer (Instrumental)"); },
                       {}, false, false, "instrumental release", 0},
            FolderCase{"remaster is the same recordings",
                       [] { return folderOf("alice", "@@a\\Radiohead - OK Computer (2009 Remastered)"); }, {}, true,
                       false, "remastered edition", 12},
            FolderCase{"deluxe with every track",
                       [] {
                           auto f = folderOf("alice", "@@a\\Radiohead - OK Computer (Deluxe Edition)");
                           f.files.push_back(audio(f.directory + "\\CD2\\01 - Lull", 234));
                           f.files.push_back(audio(f.directory + "\\CD2\\02 - Meeting in the Aisle", 189));
                           return f;
                       },
                       {}, true, false, "edition: acceptable, every wanted track is there (2 extra", 12},
            FolderCase{"deluxe lacking a track",
                       [] { return browsed(folderOf("alice", "@@a\\Radiohead - OK Computer (Deluxe Edition)", {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10})); },
                       partial(), false, false, "acceptable only with every wanted track", 11},
            FolderCase{"single named like a track, browsed",
                       [] { return browsed(folderOf("alice", "@@a\\Radiohead - OK Computer", {5})); }, partial(),
                       false, false, "looks like a single", 1},
            FolderCase{"single word in the folder name",
                       [] { return folderOf("alice", "@@a\\Radiohead - OK Computer (Single)", {5}); }, partial(), false,
                       false, "named as a single", 1},
            FolderCase{"mixed formats still accepted",
                       [] { return folderOf("alice", kDir, {}, [](int i) { return i == 6 ? "mp3" : "flac"; }); }, {},
                       true, false, "mixed formats: 11 flac, 1 mp3", 12},
            FolderCase{"no album name and no numbers",
                       [] {
                           AlbumFolder f{"alice", "@@a\\Music\\Radiohead", true, 0, 0, {}, true};
                           for (const auto& s : kOkComputer)
                               f.files.push_back(audio(f.directory + "\\Radiohead - " + s.title, s.seconds));
                           return f;
                       },
                       {}, false, false, "is not in the folder path", 12},
            FolderCase{"no album name but every track numbered", [] { return folderOf("alice", "@@a\\Music\\Radiohead"); },
                       {}, true, false, "12 of 12 track numbers match", 12},
            FolderCase{"wrong durations",
                       [] {
                           auto f = folderOf("alice", kDir);
                           for (auto& file : f.files)
                               if (file.length)
                                   *file.length += 40;
                           return f;
                       },
                       {}, false, false, "no wanted track matched", 0},
            FolderCase{"no audio", [] { AlbumFolder f{"alice", kDir, true, 0, 0, {}, true}; f.files.push_back(SearchFile{kDir + "\\info.nfo", 10, {}, {}, {}, {}, {}, "nfo", false}); return f; },
                       {}, false, false, "no audio files", 0},
            FolderCase{"a collection",
                       [] {
                           auto f = folderOf("alice", "@@a\\Radiohead\\Discography OK Computer");
                           for (int i = 0; i < 60; ++i)
                               f.files.push_back(audio(f.directory + "\\x" + std::to_string(i), 200));
                           return f;
                       },
                       {}, false, false, "a collection", 12}));

    TEST(AlbumScorer, OneFileServesOneTrackOnly)
    {
        // Two wanted tracks could claim "Airbag": the numbered file goes to track 1, the other stays missing.
        auto album = okComputer();
        album.tracks[1].track.title = "Airbag";
        album.tracks[1].track.durationMs = 284000;
        auto folder = browsed(folderOf("alice", kDir, {0}));
        const auto result = AlbumScorer().score(album, {folder}, defaultProfile(), partial());
        const auto& f = result.folders.front();
        EXPECT_EQ(f.matchedTracks, 1) << joined(f);
        ASSERT_TRUE(f.picks[0].has_value());
        EXPECT_FALSE(f.picks[1].has_value());
    }

    TEST(AlbumScorer, MultiDiscSubfoldersMatchByDiscAndNumber)
    {
        const auto album = okComputer(2); // 2 discs of 6
        AlbumFolder folder{"alice", "@@a\\Radiohead\\OK Computer", true, 0, 0, {}, false};
        for (std::size_t i = 0; i < kOkComputer.size(); ++i)
            folder.files.push_back(audio(folder.directory + "\\CD" + std::to_string(i / 6 + 1) + "\\" +
                                             two(static_cast<int>(i % 6) + 1) + " - " + kOkComputer[i].title,
                                         kOkComputer[i].seconds));
        const auto result = AlbumScorer().score(album, groupIntoFolders({SearchResponse{"alice", true, 0, 0, folder.files, {}}}),
                                                defaultProfile());
        ASSERT_EQ(result.folders.size(), 1u);
        const auto& f = result.folders.front();
        EXPECT_TRUE(f.accepted) << joined(f);
        EXPECT_EQ(f.directory, "@@a\\Radiohead\\OK Computer");
        EXPECT_NE(joined(f).find("12 of 12 track numbers match"), std::string::npos) << joined(f);
        ASSERT_TRUE(f.picks[6].has_value());
        EXPECT_NE(f.picks[6]->filename.find("CD2\\01 - Fitter Happier"), std::string::npos);
    }

    TEST(AlbumScorer, OneFormatRanksAboveMixedAndTiersRankFirst)
    {
        const auto flac = folderOf("carol", kDir);
        const auto mixed = folderOf("alice", kDir, {}, [](int i) { return i == 3 ? "mp3" : "flac"; });
        const auto mp3 = folderOf("bob", kDir, {}, [](int) { return "mp3"; });
        const auto result = AlbumScorer().score(okComputer(), {mp3, mixed, flac}, defaultProfile());
        ASSERT_EQ(result.folders.size(), 3u);
        EXPECT_EQ(result.folders[0].username, "carol");
        EXPECT_FALSE(result.folders[0].mixedFormats);
        EXPECT_EQ(result.folders[0].qualityTier, 0);
        EXPECT_EQ(result.folders[1].username, "alice") << "9 flac + 1 mp3 covers more of the top tier than all mp3";
        EXPECT_TRUE(result.folders[1].mixedFormats);
        EXPECT_EQ(result.folders[1].format, "flac");
        EXPECT_EQ(result.folders[2].username, "bob");
        ASSERT_TRUE(result.chosen);
        EXPECT_EQ(*result.chosen, 0u);
    }

    TEST(AlbumScorer, AvailabilityAndHistoryBreakTiesThenNames)
    {
        auto slow = folderOf("alice", kDir);
        slow.hasFreeUploadSlot = false;
        slow.queueLength = 40;
        const auto fast = folderOf("bob", kDir);
        auto twin = folderOf("aaron", kDir);
        InMemoryPeerHistory history;
        history.recordFailure("bob");
        history.recordFailure("bob");
        const auto result = AlbumScorer().score(okComputer(), {slow, fast, twin}, defaultProfile(), history);
        EXPECT_EQ(result.folders[0].username, "aaron");
        EXPECT_EQ(result.folders[1].username, "bob");
        EXPECT_EQ(result.folders[2].username, "alice");
        const auto again = AlbumScorer().score(okComputer(), {twin, fast, slow}, defaultProfile(), history);
        for (std::size_t i = 0; i < 3; ++i)
            EXPECT_EQ(again.folders[i].username, result.folders[i].username) << "input order does not matter";
    }

    TEST(AlbumScorer, BlocklistedFolderIsRejected)
    {
        InMemoryPeerHistory history;
        history.blockFile("alice", kDir);
        const auto result = AlbumScorer().score(okComputer(), {folderOf("alice", kDir)}, defaultProfile(), history);
        EXPECT_FALSE(result.chosen);
        EXPECT_NE(joined(result.folders.front()).find("blocklisted"), std::string::npos);
    }

    TEST(AlbumScorer, AbstainsWithoutFoldersOrTracks)
    {
        EXPECT_FALSE(AlbumScorer().score(okComputer(), {}, defaultProfile()).chosen);
        WantedAlbum empty = okComputer();
        empty.tracks.clear();
        const auto result = AlbumScorer().score(empty, {folderOf("alice", kDir)}, defaultProfile());
        EXPECT_FALSE(result.chosen);
        EXPECT_NE(joined(result.folders.front()).find("no tracks"), std::string::npos);
    }

    TEST(AlbumScorer, LiveAlbumWantedRejectsTheStudioFolder)
    {
        auto live = okComputer();
        live.title = "OK Computer (Live at Glastonbury)";
        const auto studio = folderOf("alice", kDir);
        auto concert = folderOf("bob", "@@b\\Radiohead\\OK Computer (Live at Glastonbury 1997)");
        const auto result = AlbumScorer().score(live, {studio, concert}, defaultProfile());
        ASSERT_TRUE(result.chosen) << joined(result.folders[0]) << joined(result.folders[1]);
        EXPECT_EQ(result.folders[*result.chosen].username, "bob");
        EXPECT_FALSE(result.folders[1].accepted) << joined(result.folders[1]);
    }
} // namespace soulspot::matching
