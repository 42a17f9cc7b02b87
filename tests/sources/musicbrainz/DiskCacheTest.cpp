// DiskCache on a real temporary folder with a settable wall clock.
#include "sources/musicbrainz/DiskCache.hpp"

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>

#include "FakeServer.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        class WallClock final : public core::IClock
        {
        public:
            std::chrono::system_clock::time_point now() const override { return t; }
            std::chrono::steady_clock::time_point steadyNow() const override { return {}; }
            std::chrono::system_clock::time_point t{std::chrono::hours(24 * 365 * 50)};
        };

        struct DiskCacheFolder : ::testing::Test
        {
            std::filesystem::path root = testing::makeTempDir("mb-cache");
            std::shared_ptr<WallClock> clock = std::make_shared<WallClock>();
            DiskCache cache{root / "musicbrainz", clock};
            ~DiskCacheFolder() override { std::filesystem::remove_all(root); }
        };
    } // namespace

    TEST_F(DiskCacheFolder, StoresAndReadsBack)
    {
        EXPECT_FALSE(cache.get("https://x/ws/2/isrc/A"));
        cache.put("https://x/ws/2/isrc/A", {200, R"({"isrc":"A"})"}, std::chrono::hours(1));
        const auto hit = cache.get("https://x/ws/2/isrc/A");
        ASSERT_TRUE(hit);
        EXPECT_EQ(hit->status, 200);
        EXPECT_EQ(hit->body, R"({"isrc":"A"})");
        EXPECT_FALSE(cache.get("https://x/ws/2/isrc/B"));
        // Exactly one file, no temp leftovers.
        EXPECT_EQ(std::distance(std::filesystem::directory_iterator(cache.folder()), {}), 1);
    }

    TEST_F(DiskCacheFolder, ExpiresAfterTtl)
    {
        cache.put("k", {404, "{}"}, std::chrono::seconds(60));
        clock->t += std::chrono::seconds(59);
        EXPECT_TRUE(cache.get("k"));
        clock->t += std::chrono::seconds(1);
        EXPECT_FALSE(cache.get("k"));
    }

    TEST_F(DiskCacheFolder, IgnoresCorruptAndForeignEntries)
    {
        cache.put("k", {200, "{}"}, std::chrono::hours(1));
        for (const std::string content : {"{not json", "[]", R"({"key":"k"})", R"({"key":"other","expiresAt":1e12,"status":200,"body":""})"})
        {
            std::ofstream(cache.pathFor("k"), std::ios::trunc) << content;
            EXPECT_FALSE(cache.get("k")) << content;
        }
        cache.put("k", {200, "fresh"}, std::chrono::hours(1)); // overwrites the broken file
        EXPECT_EQ(cache.get("k")->body, "fresh");
    }

    TEST_F(DiskCacheFolder, RecreatesDeletedFolder)
    {
        cache.put("k", {200, "{}"}, std::chrono::hours(1));
        std::filesystem::remove_all(root);
        EXPECT_FALSE(cache.get("k"));
        cache.put("k", {200, "again"}, std::chrono::hours(1));
        EXPECT_EQ(cache.get("k")->body, "again");
    }

    TEST_F(DiskCacheFolder, FileNamesAreStable)
    {
        // FNV-1a 64 of "" is cbf29ce484222325: the name must not change between builds.
        EXPECT_EQ(cache.pathFor("").filename(), "cbf29ce484222325.json");
    }
} // namespace soulspot::sources::musicbrainz
