#include "library/PathSanitizer.hpp"

#include <gtest/gtest.h>

#include "library/AudioFixtures.hpp"

namespace soulspot::library
{
    struct ComponentCase
    {
        std::string input;
        std::string expected;
    };

    class SanitizeComponent : public ::testing::TestWithParam<ComponentCase>
    {
    };

    TEST_P(SanitizeComponent, ProducesSafeName)
    {
        EXPECT_EQ(sanitizePathComponent(GetParam().input), GetParam().expected) << GetParam().input;
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, SanitizeComponent,
        ::testing::Values(ComponentCase{"Abbey Road", "Abbey Road"}, ComponentCase{"AC/DC", "AC+DC"},
                          ComponentCase{"What?", "What!"}, ComponentCase{"a*b", "a-b"},
                          ComponentCase{"Title: Sub", "Title- Sub"}, ComponentCase{"<|\"x\">", "x"},
                          ComponentCase{"..", "_"}, ComponentCase{".", "_"}, ComponentCase{"...hidden", "hidden"},
                          ComponentCase{".bashrc", "bashrc"}, ComponentCase{"trailing. ", "trailing"},
                          ComponentCase{"", "_"}, ComponentCase{"   ", "_"}, ComponentCase{"CON", "CON_"},
                          ComponentCase{"nul.txt", "nul_.txt"}, ComponentCase{"Com1", "Com1_"},
                          ComponentCase{"LPT9.flac", "LPT9_.flac"}, ComponentCase{"CONCERT", "CONCERT"},
                          ComponentCase{"tab\there", "tabhere"}, ComponentCase{"nl\nx\x7F", "nlx"},
                          ComponentCase{"back\\slash", "back+slash"}, ComponentCase{"full\xEF\xBC\x8Fwidth", "full+width"},
                          ComponentCase{"rlo\xE2\x80\xAEgpj.exe", "rlogpj.exe"}, ComponentCase{"bad\xFF\xFEutf", "bad__utf"},
                          ComponentCase{"Beyonc\xC3\xA9", "Beyonc\xC3\xA9"}));

    TEST(TruncateUtf8, NeverSplitsASequence)
    {
        const std::string e = "\xC3\xA9"; // é, two bytes
        EXPECT_EQ(truncateUtf8("ab" + e + e, 3), "ab");
        EXPECT_EQ(truncateUtf8("ab" + e + e, 4), "ab" + e);
        EXPECT_EQ(truncateUtf8("abc", 10), "abc");
        const std::string emoji = "\xF0\x9F\x8E\xB5"; // 🎵
        std::string many;
        for (int i = 0; i < 100; ++i)
            many += emoji;
        const auto cut = sanitizePathComponent(many);
        EXPECT_LE(cut.size(), kMaxComponentBytes);
        EXPECT_EQ(cut.size() % 4, 0u);
        EXPECT_EQ(repairUtf8(cut), cut);
    }

    TEST(SanitizeFileName, KeepsExtensionWithinTheCap)
    {
        const auto name = sanitizeFileName(std::string(1000, 'x'), ".flac");
        EXPECT_EQ(name.size(), kMaxComponentBytes);
        EXPECT_TRUE(name.ends_with(".flac"));
        EXPECT_EQ(sanitizeFileName("CON", ".mp3"), "CON_.mp3");
        EXPECT_EQ(sanitizeFileName("..", "flac"), "_.flac");
    }

    // Found by fuzz/RemotePathFuzz.cpp: truncation to 255 bytes turned a long name into a device name.
    TEST(SanitizeComponentReserved, CheckedAfterTruncation)
    {
        EXPECT_EQ(sanitizePathComponent("NUL" + std::string(300, ' ') + "x"), "NUL_");
        EXPECT_EQ(sanitizePathComponent("CON." + std::string(300, 'x')).substr(0, 5), "CON_.");
        EXPECT_EQ(sanitizePathComponent("CON." + std::string(300, 'x')).size(), kMaxComponentBytes);
        EXPECT_EQ(sanitizePathComponent("AUX", 3), "_");
        EXPECT_EQ(sanitizePathComponent("AUX"), "AUX_");
    }

    // Found by fuzz/NamingTemplateFuzz.cpp: an extension of dots left the name ending in '.'.
    TEST(SanitizeFileName, ExtensionNeverLeavesATrailingDot)
    {
        EXPECT_EQ(sanitizeFileName("07 - Song", ".."), "07 - Song");
        EXPECT_EQ(sanitizeFileName("07 - Song", "."), "07 - Song");
        EXPECT_EQ(sanitizeFileName("07 - Song", ".flac."), "07 - Song.flac");
        EXPECT_EQ(sanitizeFileName("07 - Song", "fl.ac"), "07 - Song.fl.ac");
    }

    TEST(PeerFileName, TakesTheLastComponentOfEitherSeparator)
    {
        EXPECT_EQ(peerFileName("@@user\\Music\\Artist\\01 - Song.flac"), "01 - Song.flac");
        EXPECT_EQ(peerFileName("a/b/c.mp3"), "c.mp3");
        EXPECT_EQ(peerFileName("plain.mp3"), "plain.mp3");
    }

    struct JoinCase
    {
        std::string relative;
        std::string expected; // relative to root; empty = must fail
    };

    class SafeJoin : public ::testing::TestWithParam<JoinCase>
    {
    };

    TEST_P(SafeJoin, StaysUnderRoot)
    {
        const std::filesystem::path root = "/srv/music";
        const auto joined = safeJoin(root, GetParam().relative);
        if (GetParam().expected.empty())
        {
            EXPECT_FALSE(joined) << GetParam().relative;
            return;
        }
        ASSERT_TRUE(joined) << joined.error().message;
        EXPECT_EQ(joined->lexically_relative(root).string(), GetParam().expected);
    }

    INSTANTIATE_TEST_SUITE_P(Table, SafeJoin,
                             ::testing::Values(JoinCase{"Artist/Album/01 - T.flac", "Artist/Album/01 - T.flac"},
                                               JoinCase{"../../etc/passwd", "_/_/etc/passwd"},
                                               JoinCase{"/etc/passwd", "etc/passwd"},
                                               JoinCase{"a/./b//c", "a/b/c"}, JoinCase{"..", "_"},
                                               JoinCase{"a\\..\\..\\x", "a+..+..+x"}, JoinCase{"", ""},
                                               JoinCase{"///", ""}, JoinCase{"./.", ""}));

    TEST(SafeJoin, RefusesASymlinkThatLeavesTheRoot)
    {
        testing::TempDir outside;
        testing::TempDir root;
        std::filesystem::create_directory_symlink(outside.path(), root.path() / "escape");
        const auto joined = safeJoin(root.path(), "escape/file.flac");
        EXPECT_FALSE(joined);
    }

    TEST(SafeJoin, RefusesPathsLongerThanPathMax)
    {
        std::string relative;
        for (int i = 0; i < 20; ++i)
            relative += std::string(250, 'a') + "/";
        relative += "x.flac";
        EXPECT_FALSE(safeJoin("/srv/music", relative));
    }
} // namespace soulspot::library
