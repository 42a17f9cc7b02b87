// Folder grouping and the small readers it rests on: disc folder names, file-name numbers, the assignment.

#include "matching/AlbumFolders.hpp"

#include <gtest/gtest.h>

#include "matching/AlbumScorer.hpp"
#include "matching/TrackAssignment.hpp"

namespace soulspot::matching
{
    struct DiscNameCase
    {
        const char* name;
        std::optional<int> disc;
    };

    class DiscFolderNameTest : public ::testing::TestWithParam<DiscNameCase>
    {
    };

    TEST_P(DiscFolderNameTest, ReadsTheDiscNumber)
    {
        EXPECT_EQ(discNumberOfFolderName(GetParam().name), GetParam().disc) << GetParam().name;
    }

    INSTANTIATE_TEST_SUITE_P(Table, DiscFolderNameTest,
                             ::testing::Values(DiscNameCase{"CD1", 1}, DiscNameCase{"CD 2", 2},
                                               DiscNameCase{"Disc 2", 2}, DiscNameCase{"Disk1", 1},
                                               DiscNameCase{"(Disc 1)", 1}, DiscNameCase{"[CD 02]", 2},
                                               DiscNameCase{"disc_3", 3}, DiscNameCase{"Disc 2 - Bonus", 2},
                                               DiscNameCase{"CD1 (Remastered)", 1}, DiscNameCase{"Disc 1 of 2", 1},
                                               DiscNameCase{"cd-4", 4}, DiscNameCase{"CD", std::nullopt},
                                               DiscNameCase{"CD0", std::nullopt}, DiscNameCase{"CD123", std::nullopt},
                                               DiscNameCase{"CD1999", std::nullopt},
                                               DiscNameCase{"Discography", std::nullopt},
                                               DiscNameCase{"Discovery", std::nullopt},
                                               DiscNameCase{"CDs", std::nullopt}, DiscNameCase{"", std::nullopt},
                                               DiscNameCase{"Album (Disc", std::nullopt}));

    struct NumberCase
    {
        const char* basename;
        bool multiDisc;
        std::optional<int> disc, track;
    };

    class FileNumbersTest : public ::testing::TestWithParam<NumberCase>
    {
    };

    TEST_P(FileNumbersTest, ReadsDiscAndTrack)
    {
        const auto& c = GetParam();
        const auto n = numbersOfFileName(c.basename, c.multiDisc);
        EXPECT_EQ(n.disc, c.disc) << c.basename;
        EXPECT_EQ(n.track, c.track) << c.basename;
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, FileNumbersTest,
        ::testing::Values(NumberCase{"01 - Airbag.flac", false, std::nullopt, 1},
                          NumberCase{"07. Fitter Happier.mp3", false, std::nullopt, 7},
                          NumberCase{"1-05 Let Down.flac", false, 1, 5}, NumberCase{"2-11 Lucky.flac", true, 2, 11},
                          NumberCase{"105 Let Down.flac", true, 1, 5},
                          NumberCase{"105 Let Down.flac", false, std::nullopt, std::nullopt},
                          NumberCase{"1997 - Airbag.flac", false, std::nullopt, std::nullopt},
                          NumberCase{"2Pac - Changes.mp3", false, std::nullopt, std::nullopt},
                          NumberCase{"Airbag.flac", false, std::nullopt, std::nullopt},
                          NumberCase{"[03] Title.flac", false, std::nullopt, 3},
                          NumberCase{"", false, std::nullopt, std::nullopt}));

    namespace
    {
        SearchFile file(std::string name, bool locked = false)
        {
            SearchFile f;
            f.filename = std::move(name);
            f.size = 1000;
            f.locked = locked;
            return f;
        }
    } // namespace

    TEST(GroupIntoFolders, FoldsDiscAndArtworkSubfoldersIntoTheAlbum)
    {
        SearchResponse alice{"alice", true, 1000, 2, {}, {}};
        alice.files = {file("@@a\\Music\\Artist\\Album\\CD1\\01 - One.flac"),
                       file("@@a\\Music\\Artist\\Album\\CD 2\\01 - Two.flac"),
                       file("@@a\\Music\\Artist\\Album\\(Disc 3)\\Artwork\\back.jpg"),
                       file("@@a\\Music\\Artist\\Album\\folder.jpg"),
                       file("@@a\\Music\\Artist\\Other\\01 - X.flac")};
        const auto folders = groupIntoFolders({alice});
        ASSERT_EQ(folders.size(), 2u);
        EXPECT_EQ(folders[0].directory, "@@a\\Music\\Artist\\Album");
        EXPECT_EQ(folders[0].files.size(), 4u);
        EXPECT_EQ(folders[0].files[0].filename, "@@a\\Music\\Artist\\Album\\CD1\\01 - One.flac") << "original order";
        EXPECT_TRUE(folders[0].hasFreeUploadSlot);
        EXPECT_EQ(folders[0].queueLength, 2);
        EXPECT_FALSE(folders[0].browsed);
        EXPECT_EQ(folders[1].directory, "@@a\\Music\\Artist\\Other");
    }

    TEST(GroupIntoFolders, KeepsUsersApartAndDropsLockedAndMalformedFiles)
    {
        SearchResponse alice{"alice", false, 0, 0, {}, {}};
        alice.files = {file("@@a\\Album\\01.flac"), file("@@a\\Album\\02.flac", true), file(""),
                       file("@@a\\Album\\"), file("@@a\\Album\\01.flac")}; // a path listed twice counts once
        alice.lockedFiles = {file("@@a\\Album\\03.flac", true)};
        SearchResponse bob{"bob", false, 0, 0, {file("@@a\\Album\\01.flac"), file("loose.flac"),
                                                file("/home/bob/music//Album/01.flac"), file("CD1\\01.flac")},
                           {}};
        SearchResponse anonymous{"", false, 0, 0, {file("@@x\\Album\\01.flac")}, {}};
        const auto folders = groupIntoFolders({alice, bob, anonymous});
        ASSERT_EQ(folders.size(), 5u);
        EXPECT_EQ(folders[0].username, "alice");
        EXPECT_EQ(folders[0].files.size(), 1u);
        EXPECT_EQ(folders[1].username, "bob");
        EXPECT_EQ(folders[1].directory, "@@a\\Album");
        EXPECT_EQ(folders[2].directory, "") << "a file without a folder is its own (empty) folder";
        EXPECT_EQ(folders[3].directory, "/home/bob/music//Album") << "forward slashes, doubled separators kept as sent";
        EXPECT_EQ(folders[4].directory, "CD1") << "a disc folder with no parent stays itself";
    }

    struct AssignmentCase
    {
        const char* name;
        std::size_t rows, columns;
        std::vector<AssignmentEdge> edges;
        std::vector<std::optional<std::size_t>> expected;
    };

    class TrackAssignmentTest : public ::testing::TestWithParam<AssignmentCase>
    {
    };

    TEST_P(TrackAssignmentTest, MaximisesTheTotalWeight)
    {
        const auto& c = GetParam();
        EXPECT_EQ(assignTracks(c.rows, c.columns, c.edges), c.expected) << c.name;
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, TrackAssignmentTest,
        ::testing::Values(
            AssignmentCase{"empty", 2, 3, {}, {std::nullopt, std::nullopt}},
            AssignmentCase{"one file can not serve two tracks", 2, 1, {{0, 0, 0.9}, {1, 0, 0.8}}, {0, std::nullopt}},
            AssignmentCase{"greedy would be wrong", 2, 2, {{0, 0, 0.9}, {0, 1, 0.85}, {1, 0, 0.8}}, {1, 0}},
            AssignmentCase{"no edge, no pick", 3, 3, {{0, 2, 0.5}, {2, 0, 0.5}}, {2, std::nullopt, 0}},
            AssignmentCase{"out of range edges ignored", 1, 1, {{5, 0, 1.0}, {0, 7, 1.0}}, {std::nullopt}}));
} // namespace soulspot::matching
