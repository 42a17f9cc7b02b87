// CoverArtClient against fake_musicbrainz.py's Cover Art Archive (307 → /download → 302 → /images).
#include "sources/coverart/CoverArtClient.hpp"

#include <gtest/gtest.h>

#include "FakeServer.hpp"

namespace soulspot::sources::coverart
{
    namespace
    {
        constexpr const char* kSurrender = "5e1e0001-0000-4000-8000-000000000001";   // JPEG
        constexpr const char* kSingle = "5e1e0001-0000-4000-8000-000000000002";      // PNG original
        constexpr const char* kPlay = "5e1e0003-0000-4000-8000-000000000001";        // no art
        constexpr const char* kBigCover = "5e1e0005-0000-4000-8000-000000000001";    // 300,000-byte JPEG
        constexpr const char* kTextCover = "5e1e0006-0000-4000-8000-000000000001";   // HTML, not an image
        constexpr const char* kManyHops = "5e1e0007-0000-4000-8000-000000000001";    // 2 + 5 redirects
        constexpr std::size_t kLimit = 100000;

        struct CoverArt : ::testing::Test
        {
            testing::FakeServer fake{"fake_musicbrainz.py"};
            CoverArtClient client{makeSettings(""), net::createCurlHttpClient(),
                                  std::make_shared<net::CircuitBreaker>("caa", net::BreakerSettings{}, core::systemClock())};

            CoverArtSettings makeSettings(std::string size)
            {
                CoverArtSettings s;
                s.baseUrl = fake.baseUrl();
                s.userAgent = "SoulSpot/0.1.0-test ( https://example.org/soulspot )";
                s.thumbnailSize = size.empty() ? "500" : size;
                return s;
            }
            std::string fallback(const std::string& name) const { return fake.baseUrl() + "/fallback/" + name; }
        };
    } // namespace

    TEST_F(CoverArt, FollowsRedirectsToTheImage)
    {
        const struct
        {
            std::string mbid, size, mime;
        } cases[] = {
            {kSurrender, "500", "image/jpeg"},
            {"5E1E0001-0000-4000-8000-000000000001", "250", "image/jpeg"}, // upper case is lower-cased first
            {kSingle, "1200", "image/png"},
        };
        for (const auto& c : cases)
        {
            CoverArtClient sized{makeSettings(c.size), net::createCurlHttpClient(),
                                 std::make_shared<net::CircuitBreaker>("caa", net::BreakerSettings{}, core::systemClock())};
            auto cover = sized.frontCover(c.mbid, kLimit);
            ASSERT_TRUE(cover) << cover.error().message;
            ASSERT_TRUE(*cover) << c.mbid;
            EXPECT_EQ((*cover)->mime, c.mime);
            EXPECT_NE((*cover)->source.find("/images/"), std::string::npos) << (*cover)->source;
            EXPECT_NE((*cover)->source.find("_thumb" + c.size), std::string::npos) << (*cover)->source;
        }
    }

    TEST_F(CoverArt, NoArtIsNullopt)
    {
        for (const auto& mbid : {kPlay, "00000000-0000-4000-8000-000000000000"})
        {
            auto cover = client.frontCover(mbid, kLimit);
            ASSERT_TRUE(cover) << cover.error().message;
            EXPECT_FALSE(*cover) << mbid;
        }
    }

    TEST_F(CoverArt, RejectsUnusableImages)
    {
        const struct
        {
            std::string mbid;
            std::size_t maxBytes;
            core::ErrorCode code;
        } cases[] = {
            {kBigCover, kLimit, core::ErrorCode::UpstreamError},  // over the size cap
            {kTextCover, kLimit, core::ErrorCode::ParseError},    // not JPEG/PNG
            {kManyHops, kLimit, core::ErrorCode::UpstreamError},  // more than 3 redirects
            {"not-an-mbid", kLimit, core::ErrorCode::InvalidArgument},
        };
        for (const auto& c : cases)
        {
            auto cover = client.frontCover(c.mbid, c.maxBytes);
            ASSERT_FALSE(cover) << c.mbid;
            EXPECT_EQ(cover.error().code, c.code) << c.mbid << ": " << cover.error().message;
        }
        auto big = client.frontCover(kBigCover, 400000); // the same cover under a higher cap
        ASSERT_TRUE(big && *big);
        EXPECT_EQ((*big)->bytes.size(), 300000u);
    }

    TEST_F(CoverArt, FetchImageRefusesNonHttpUrls)
    {
        auto r = client.fetchImage("file:///etc/passwd", kLimit);
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::InvalidArgument);
    }

    TEST_F(CoverArt, CoverForReleaseFallsBackToCallerImage)
    {
        const struct
        {
            std::string name, mbid, fallbackName;
            std::optional<std::string> mime;       // nullopt = no cover
            std::string sourceContains;            // where the bytes came from
            bool error{false};
        } cases[] = {
            {"ArchiveFirst", kSurrender, "spotify-album.png", "image/jpeg", "/images/mbid-"},
            {"FallbackWhenArchiveHasNone", kPlay, "spotify-album.jpg", "image/jpeg", "/fallback/"},
            {"FallbackWhenArchiveImageUnusable", kTextCover, "spotify-album.png", "image/png", "/fallback/"},
            {"FallbackWithoutRelease", "", "spotify-album.png", "image/png", "/fallback/"},
            {"NeitherHasArt", kPlay, "missing.jpg", std::nullopt, ""},
            {"NoFallbackGiven", kPlay, "", std::nullopt, ""},
            {"FallbackNotAnImage", kPlay, "not-an-image", std::nullopt, "", true},
        };
        for (const auto& c : cases)
        {
            auto cover = client.coverForRelease(c.mbid, c.fallbackName.empty() ? "" : fallback(c.fallbackName), kLimit);
            if (c.error)
            {
                EXPECT_FALSE(cover) << c.name;
                continue;
            }
            ASSERT_TRUE(cover) << c.name << ": " << cover.error().message;
            ASSERT_EQ(cover->has_value(), c.mime.has_value()) << c.name;
            if (!c.mime)
                continue;
            EXPECT_EQ((*cover)->mime, *c.mime) << c.name;
            EXPECT_NE((*cover)->source.find(c.sourceContains), std::string::npos) << c.name << ": " << (*cover)->source;
        }
    }
} // namespace soulspot::sources::coverart
