// 10,000 generated hostile names, fed both to safeJoin directly and through a naming template as metadata:
// every result must be a legal path strictly under the library root.
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "library/AudioFixtures.hpp"
#include "library/NamingTemplate.hpp"
#include "library/PathSanitizer.hpp"

namespace soulspot::library
{
    namespace
    {
        const std::vector<std::string> kPieces = {
            "..", ".", "/", "\\", "../", "..\\", "/etc/passwd", "~", "CON", "nul", "Com1", "lpt9", "AUX.txt",
            "PRN ", ":", "*", "?", "\"", "<", ">", "|", "\n", "\r", "\t", std::string(1, '\0'), "\x01", "\x7F",
            "\xC2\x85",            // NEL (C1 control)
            "\xE2\x80\xAE",        // right-to-left override
            "\xE2\x80\x8B",        // zero-width space
            "\xEF\xBC\x8F",        // fullwidth solidus
            "\xE2\x88\x95",        // division slash
            "\xEF\xBC\x8E\xEF\xBC\x8E", // fullwidth full stops
            "e\xCC\x81",           // e + combining acute (NFD)
            "\xC3\xA9",            // é (NFC)
            "\xF0\x9F\x8E\xB5",    // 🎵
            "\xFF", "\xC0\xAF",    // invalid UTF-8, overlong '/'
            " ", "  ", "...", "a", "Artist", "The Beatles", "Title: Sub",
        };

        std::string hostileName(std::mt19937& rng)
        {
            std::uniform_int_distribution<std::size_t> pick(0, kPieces.size() - 1);
            std::uniform_int_distribution<int> count(1, 12);
            std::uniform_int_distribution<int> longOne(0, 9);
            std::string name;
            const int n = count(rng);
            for (int i = 0; i < n; ++i)
                name += kPieces[pick(rng)];
            if (longOne(rng) == 0) // one in ten is a ~1 KB name
                while (name.size() < 1024)
                    name += kPieces[pick(rng)] + "\xC3\xA9";
            return name;
        }

        void expectSafe(const std::filesystem::path& root, const std::filesystem::path& p, const std::string& from)
        {
            const auto rel = p.lexically_relative(root);
            ASSERT_FALSE(rel.empty()) << from;
            for (const auto& part : rel)
            {
                const auto s = part.string();
                ASSERT_NE(s, "..") << from;
                ASSERT_NE(s, ".") << from;
                ASSERT_FALSE(s.empty()) << from;
                ASSERT_LE(s.size(), kMaxComponentBytes) << from;
                ASSERT_NE(s.front(), '.') << from;
                ASSERT_NE(s.back(), ' ') << from;
                ASSERT_EQ(repairUtf8(s), s) << "invalid UTF-8 from " << from;
                for (unsigned char c : s)
                {
                    ASSERT_GE(c, 0x20) << from;
                    ASSERT_EQ(std::string("<>:\"/\\|?*").find(static_cast<char>(c)), std::string::npos) << from;
                }
            }
            ASSERT_TRUE(isWithin(root, p)) << from;
        }
    } // namespace

    TEST(HostileNames, TenThousandNamesAllLandUnderTheRoot)
    {
        testing::TempDir root;
        auto scheme = NamingScheme::create();
        ASSERT_TRUE(scheme);
        std::mt19937 rng(20240611);
        for (int i = 0; i < 10000; ++i)
        {
            const std::string name = hostileName(rng);
            auto direct = safeJoin(root.path(), name);
            if (direct)
                expectSafe(root.path(), *direct, name);

            NamingInput input = sampleNamingInput();
            input.metadata.albumArtist = name;
            input.metadata.album = hostileName(rng);
            input.metadata.title = hostileName(rng);
            const auto relative = scheme->render(input, ".flac");
            auto rendered = safeJoin(root.path(), relative);
            ASSERT_TRUE(rendered) << relative << ": " << rendered.error().message;
            expectSafe(root.path(), *rendered, relative);
            const auto relativeToRoot = rendered->lexically_relative(root.path());
            ASSERT_EQ(std::distance(relativeToRoot.begin(), relativeToRoot.end()), 3)
                << "a value must never add or remove folder levels: " << relative;
            if (HasFatalFailure())
                return;
        }
    }
} // namespace soulspot::library
