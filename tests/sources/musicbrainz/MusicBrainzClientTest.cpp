// MusicBrainzClient's plumbing against fake_musicbrainz.py: lookups, 503 back-off, disk cache, User-Agent.
#include <filesystem>

#include <gtest/gtest.h>

#include "MusicBrainzFake.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        constexpr const char* kIsrcPath = "/ws/2/isrc/GBAAA9900303";

        struct MbClient : ::testing::Test
        {
            test::MusicBrainzFake fake;
        };

        std::vector<double> gaps(const std::vector<double>& times)
        {
            std::vector<double> out;
            for (std::size_t i = 1; i < times.size(); ++i)
                out.push_back(times[i] - times[i - 1]);
            return out;
        }
    } // namespace

    TEST_F(MbClient, LooksUpIsrcRecordingAndRelease)
    {
        auto client = test::makeClient(fake);
        auto recordings = client->lookupIsrc("GBAAA9900303");
        ASSERT_TRUE(recordings) << recordings.error().message;
        ASSERT_EQ(recordings->size(), 1u);
        const Recording& r = recordings->front();
        EXPECT_EQ(r.title, "Hey Boy Hey Girl");
        EXPECT_EQ(r.lengthMs, 289946);
        ASSERT_EQ(r.artists.size(), 1u);
        EXPECT_EQ(r.artists[0].name, "The Chemical Brothers");
        EXPECT_EQ(r.releases.size(), 3u);

        auto full = client->recording("0E1F0001-0000-4000-8000-000000000001"); // upper case is normalised
        ASSERT_TRUE(full && *full);
        EXPECT_EQ((*full)->isrcs, std::vector<std::string>{"GBAAA9900303"});
        EXPECT_EQ((*full)->releases[0].primaryType, "Album");

        auto release = client->release("5e1e0001-0000-4000-8000-000000000003");
        ASSERT_TRUE(release && *release);
        EXPECT_EQ((*release)->media.size(), 2u);
        EXPECT_EQ((*release)->info.secondaryTypes, std::vector<std::string>{"Compilation"});
        EXPECT_EQ((*release)->info.hasFrontCover, false);
    }

    TEST_F(MbClient, NotFoundIsAnEmptyAnswerAndMalformedIdsNeverLeave)
    {
        auto client = test::makeClient(fake);
        auto none = client->lookupIsrc("ZZZZZ0000000");
        ASSERT_TRUE(none);
        EXPECT_TRUE(none->empty());
        auto missing = client->recording("00000000-0000-4000-8000-000000000000");
        ASSERT_TRUE(missing);
        EXPECT_FALSE(*missing);

        for (const auto& bad : {"GB-AAA-99", "not an isrc"})
        {
            auto r = client->lookupIsrc(bad);
            ASSERT_FALSE(r);
            EXPECT_EQ(r.error().code, core::ErrorCode::InvalidArgument);
        }
        auto badMbid = client->release("5e1e0001");
        ASSERT_FALSE(badMbid);
        EXPECT_EQ(badMbid.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_EQ(fake.get("/_control/counts")["total"], 2); // only the two well-formed lookups went out
    }

    TEST_F(MbClient, BacksOffOn503)
    {
        const struct
        {
            int failures;
            std::optional<int> retryAfterSeconds;
            std::vector<double> minGaps; // seconds between the attempts
        } cases[] = {
            {2, std::nullopt, {0.3, 0.6}}, // exponential from initialBackoff (300 ms here, 1 s by default)
            {1, 1, {1.0}},                 // Retry-After wins
        };
        MusicBrainzSettings settings;
        EXPECT_EQ(settings.initialBackoff, std::chrono::seconds(1));
        settings.initialBackoff = std::chrono::milliseconds(300);
        for (const auto& c : cases)
        {
            fake.post("/_control/reset");
            nlohmann::json failure{{"status", 503}, {"count", c.failures}};
            if (c.retryAfterSeconds)
                failure["retryAfter"] = *c.retryAfterSeconds;
            fake.post("/_control/fail", failure);
            auto client = test::makeClient(fake, nullptr, nullptr, settings);
            auto r = client->lookupIsrc("GBAAA9900303");
            ASSERT_TRUE(r) << r.error().message;
            EXPECT_EQ(r->size(), 1u);
            const auto between = gaps(fake.arrivals(kIsrcPath));
            ASSERT_EQ(between.size(), c.minGaps.size());
            for (std::size_t i = 0; i < between.size(); ++i)
                EXPECT_GE(between[i], c.minGaps[i] - 0.01) << "gap " << i;
        }
    }

    TEST_F(MbClient, GivesUpAfterBoundedAttempts)
    {
        fake.post("/_control/fail", {{"status", 503}, {"count", 10}});
        MusicBrainzSettings settings;
        settings.maxAttempts = 3;
        settings.initialBackoff = std::chrono::milliseconds(50);
        auto client = test::makeClient(fake, nullptr, nullptr, settings);
        auto r = client->identify({"Moby", "Porcelain", "", 241000, ""});
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::RateLimited);
        EXPECT_TRUE(r.error().retryable);
        EXPECT_EQ(r.error().httpStatus, 503);
        EXPECT_EQ(fake.get("/_control/counts")["total"], 3);
    }

    TEST_F(MbClient, DiskCacheAnswersRepeatsAndSurvivesDeletedFolder)
    {
        const std::filesystem::path root = testing::makeTempDir("mb-client-cache");
        auto cache = std::make_shared<DiskCache>(root / "musicbrainz");
        auto first = test::makeClient(fake, cache);
        ASSERT_TRUE(first->lookupIsrc("GBAAA9900303"));
        ASSERT_TRUE(first->lookupIsrc("gb-aaa-99-00303")); // same URL after normalisation
        auto second = test::makeClient(fake, std::make_shared<DiskCache>(root / "musicbrainz")); // e.g. after a restart
        auto cached = second->lookupIsrc("GBAAA9900303");
        ASSERT_TRUE(cached);
        EXPECT_EQ(cached->front().title, "Hey Boy Hey Girl");
        EXPECT_EQ(fake.requestsTo(kIsrcPath), 1);

        // Negative answers are cached too (shorter TTL).
        ASSERT_TRUE(first->lookupIsrc("ZZZZZ0000000"));
        ASSERT_TRUE(first->lookupIsrc("ZZZZZ0000000"));
        EXPECT_EQ(fake.requestsTo("/ws/2/isrc/ZZZZZ0000000"), 1);

        std::filesystem::remove_all(root);
        auto again = first->lookupIsrc("GBAAA9900303");
        ASSERT_TRUE(again) << again.error().message;
        EXPECT_EQ(fake.requestsTo(kIsrcPath), 2);
        EXPECT_TRUE(std::filesystem::is_directory(root / "musicbrainz"));
        ASSERT_TRUE(first->lookupIsrc("GBAAA9900303"));
        EXPECT_EQ(fake.requestsTo(kIsrcPath), 2);
        std::filesystem::remove_all(root);
    }

    TEST_F(MbClient, FailedAnswersAreNotCached)
    {
        const std::filesystem::path root = testing::makeTempDir("mb-client-cache");
        auto client = test::makeClient(fake, std::make_shared<DiskCache>(root));
        fake.post("/_control/fail", {{"status", 500}, {"count", 1}});
        MusicBrainzSettings once;
        once.maxAttempts = 1;
        auto oneShot = test::makeClient(fake, std::make_shared<DiskCache>(root), nullptr, once);
        ASSERT_FALSE(oneShot->lookupIsrc("GBAAA9900303"));
        auto r = client->lookupIsrc("GBAAA9900303");
        ASSERT_TRUE(r);
        EXPECT_EQ(r->size(), 1u);
        std::filesystem::remove_all(root);
    }

    struct MbUserAgent : ::testing::TestWithParam<std::pair<std::string, bool>>
    {
        test::MusicBrainzFake fake{{"--require-user-agent"}};
    };

    TEST_P(MbUserAgent, MeaningfulUserAgentIsRequired)
    {
        const auto& [agent, accepted] = GetParam();
        MusicBrainzSettings settings;
        settings.userAgent = agent;
        auto client = test::makeClient(fake, nullptr, nullptr, settings);
        auto r = client->lookupIsrc("GBAAA9900303");
        if (accepted)
        {
            ASSERT_TRUE(r) << r.error().message;
            EXPECT_EQ(fake.get("/_control/log")["requests"][0]["userAgent"], agent);
            return;
        }
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, core::ErrorCode::Unauthorized);
        EXPECT_EQ(r.error().httpStatus, 403);
    }

    INSTANTIATE_TEST_SUITE_P(Agents, MbUserAgent,
                             ::testing::Values(std::pair<std::string, bool>{test::kUserAgent, true},
                                               std::pair<std::string, bool>{"SoulSpot/0.1", false},
                                               std::pair<std::string, bool>{"curl/7.88.1 ( x )", false},
                                               std::pair<std::string, bool>{"Python-urllib/3.11", false}));
} // namespace soulspot::sources::musicbrainz
