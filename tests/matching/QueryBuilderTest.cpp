#include "matching/QueryBuilder.hpp"

#include <gtest/gtest.h>

namespace soulspot::matching
{
    struct QueryCase
    {
        WantedTrack wanted;
        std::vector<std::string> queries;
    };

    class QueryBuilderTest : public ::testing::TestWithParam<QueryCase>
    {
    };

    TEST_P(QueryBuilderTest, BuildsOrderedDeduplicatedQueries)
    {
        const auto& c = GetParam();
        EXPECT_EQ(buildSearchQueries(c.wanted), c.queries);
        EXPECT_EQ(buildSearchQueries(c.wanted), buildSearchQueries(c.wanted)) << "deterministic";
    }

    INSTANTIATE_TEST_SUITE_P(
        Table, QueryBuilderTest,
        ::testing::Values(
            QueryCase{{"Yesterday - Remastered 2009", {"The Beatles"}, "Help!", {}, {}, "", ""},
                      {"the beatles yesterday", "beatles yesterday", "yesterday"}},
            QueryCase{{"Halo", {"Beyoncé"}, "", {}, {}, "", ""}, {"beyoncé halo", "beyonce halo"}},
            QueryCase{{"Bohemian Rhapsody - Live Aid", {"Queen"}, "Live Aid", {}, {}, "", ""},
                      {"queen bohemian rhapsody live", "queen bohemian rhapsody", "bohemian rhapsody live"}},
            QueryCase{{"Don't Stop Me Now (feat. Nobody) [2011 Remaster]", {"Queen"}, "", {}, {}, "", ""},
                      {"queen don stop me now"}},
            QueryCase{{"Halo - Tiësto Remix", {"Beyoncé", "Tiësto"}, "", {}, {}, "", ""},
                      {"beyoncé halo tiësto remix", "beyonce halo tiesto remix", "beyonce halo"}},
            QueryCase{{"Dog Days Are Over", {"Florence + The Machine"}, "", {}, {}, "", ""},
                      {"florence and the machine dog days are over", "dog days are over florence", "dog days are over"}},
            QueryCase{{"A", {"X"}, "", {}, {}, "", ""}, {}}));

    TEST(QueryBuilder, DistinctiveTitles)
    {
        EXPECT_FALSE(isDistinctiveTitle({"intro"}));
        EXPECT_FALSE(isDistinctiveTitle({"one"}));
        EXPECT_TRUE(isDistinctiveTitle({"wonderwall"}));
        EXPECT_TRUE(isDistinctiveTitle({"bohemian", "rhapsody"}));
        EXPECT_FALSE(isDistinctiveTitle({"i", "am", "me"}));
    }
} // namespace soulspot::matching
