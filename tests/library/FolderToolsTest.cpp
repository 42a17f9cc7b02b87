#include <gtest/gtest.h>

#include "library/AudioFileWalker.hpp"
#include "library/AudioFixtures.hpp"
#include "library/DownloadFolderPruner.hpp"

namespace soulspot::library
{
    TEST(DownloadFolderPruner, RemovesEmptyChainUpToButNotIncludingTheRoot)
    {
        testing::TempDir root;
        const auto deep = root.path() / "user" / "Album" / "CD1";
        std::filesystem::create_directories(deep);
        std::filesystem::create_directories(root.path() / "other");
        const auto removed = pruneEmptyParents(deep, root.path());
        ASSERT_TRUE(removed) << removed.error().message;
        EXPECT_EQ(*removed, 3);
        EXPECT_TRUE(std::filesystem::exists(root.path()));
        EXPECT_TRUE(std::filesystem::exists(root.path() / "other"));
    }

    TEST(DownloadFolderPruner, StopsAtTheFirstFolderThatStillHoldsSomething)
    {
        testing::TempDir root;
        const auto deep = root.path() / "user" / "Album" / "CD1";
        std::filesystem::create_directories(deep);
        testing::writeFile(root.path() / "user" / "Album" / "cover.jpg", "x");
        const auto removed = pruneEmptyParents(deep, root.path());
        ASSERT_TRUE(removed);
        EXPECT_EQ(*removed, 1);
        EXPECT_TRUE(std::filesystem::exists(root.path() / "user" / "Album" / "cover.jpg"));
    }

    TEST(DownloadFolderPruner, RefusesFoldersOutsideOrEqualToTheRoot)
    {
        testing::TempDir root, elsewhere;
        EXPECT_FALSE(pruneEmptyParents(elsewhere.path(), root.path()));
        EXPECT_FALSE(pruneEmptyParents(root.path(), root.path()));
        EXPECT_FALSE(pruneEmptyParents(root.path() / "a" / ".." / "..", root.path()));
        EXPECT_TRUE(std::filesystem::exists(elsewhere.path()));
    }

    TEST(DownloadFolderPruner, SweepRemovesAllEmptyFoldersButNotThroughSymlinks)
    {
        testing::TempDir root, outside;
        std::filesystem::create_directories(root.path() / "a" / "b" / "c");
        std::filesystem::create_directories(root.path() / "keep");
        testing::writeFile(root.path() / "keep" / "f.flac", "x");
        std::filesystem::create_directories(outside.path() / "empty");
        std::filesystem::create_directory_symlink(outside.path(), root.path() / "link");
        const auto removed = pruneEmptyFolders(root.path());
        ASSERT_TRUE(removed);
        EXPECT_EQ(*removed, 3);
        EXPECT_TRUE(std::filesystem::exists(root.path() / "keep" / "f.flac"));
        EXPECT_TRUE(std::filesystem::exists(outside.path() / "empty"));
    }

    TEST(AudioFileWalker, ListsAudioWithSizeAndMtimeSkippingHiddenAndOtherFiles)
    {
        testing::TempDir root;
        std::filesystem::create_directories(root.path() / "A" / "B");
        std::filesystem::create_directories(root.path() / ".hidden");
        testing::writeFile(root.path() / "A" / "B" / "01.FLAC", "12345");
        testing::writeFile(root.path() / "A" / "02.mp3", "123");
        testing::writeFile(root.path() / "A" / "cover.jpg", "x");
        testing::writeFile(root.path() / ".hidden" / "x.mp3", "x");
        testing::writeFile(root.path() / "A" / ".soulspot-import-0123.partial", "x");
        std::filesystem::create_directory_symlink(root.path() / "A", root.path() / "loop");

        const auto walk = listAudioFiles(root.path());
        ASSERT_TRUE(walk) << walk.error().message;
        ASSERT_EQ(walk->files.size(), 2u);
        EXPECT_EQ(walk->files[0].path, root.path() / "A" / "02.mp3");
        EXPECT_EQ(walk->files[0].sizeBytes, 3u);
        EXPECT_EQ(walk->files[0].format, AudioFormat::Mp3);
        EXPECT_EQ(walk->files[1].format, AudioFormat::Flac);
        const auto age = std::chrono::system_clock::now() - walk->files[1].modified;
        EXPECT_LT(std::chrono::abs(age), std::chrono::minutes(5));
        EXPECT_FALSE(listAudioFiles(root.path() / "missing"));
    }
} // namespace soulspot::library
