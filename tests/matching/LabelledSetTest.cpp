// The labelled set through the same path as `soulspot match`: precision, recall and abstention must hold.

#include <cstdlib>
#include <fstream>
#include <iostream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "LabelledSet.hpp"
#include "matching/MatchCommand.hpp"

namespace soulspot::matching::testing
{
    using nlohmann::json;

    namespace
    {
        constexpr int kCases = 420;
        constexpr std::uint64_t kSeed = 20250601;

        // Writes the set as JSON Lines (and labels) so it can be fed to `build/soulspot match` by hand.
        void dumpIfAsked(const std::vector<LabelledCase>& cases)
        {
            const char* path = std::getenv("SOULSPOT_LABELLED_JSONL");
            if (path == nullptr)
                return;
            std::ofstream input(path);
            std::ofstream labels(std::string(path) + ".labels");
            for (const auto& c : cases)
            {
                input << c.jsonLine << '\n';
                json correct = json::array();
                for (const auto& [user, file] : c.correct)
                    correct.push_back({{"username", user}, {"filename", file}});
                labels << json{{"description", c.description}, {"correct", correct}}.dump() << '\n';
            }
        }
    } // namespace

    TEST(LabelledSet, HasEnoughCasesOfBothKinds)
    {
        const auto cases = generateLabelledSet(kCases, kSeed);
        ASSERT_GE(cases.size(), 300u);
        const auto withCorrect = std::count_if(cases.begin(), cases.end(), [](const auto& c) { return !c.correct.empty(); });
        EXPECT_GE(withCorrect, 200);
        EXPECT_GE(static_cast<long>(cases.size()) - withCorrect, 60);
        EXPECT_EQ(generateLabelledSet(5, kSeed).front().jsonLine, cases.front().jsonLine) << "must be deterministic";
    }

    TEST(LabelledSet, PrecisionRecallAbstentionAboveThresholds)
    {
        const char* seedText = std::getenv("SOULSPOT_LABELLED_SEED");
        const auto cases = generateLabelledSet(kCases, seedText ? std::strtoull(seedText, nullptr, 10) : kSeed);
        dumpIfAsked(cases);
        const CandidateScorer scorer;
        int chosen = 0, chosenCorrect = 0, withCorrect = 0, found = 0, withoutCorrect = 0, abstained = 0, topTier = 0;
        std::vector<std::string> failures;
        for (const auto& c : cases)
        {
            const auto out = json::parse(matchJsonLine(c.jsonLine, scorer));
            ASSERT_FALSE(out.contains("error")) << out.dump();
            const bool hasCorrect = !c.correct.empty();
            (hasCorrect ? withCorrect : withoutCorrect) += 1;
            if (out["chosen"].is_null())
            {
                abstained += hasCorrect ? 0 : 1;
                if (hasCorrect)
                    failures.push_back("MISSED  " + c.description);
                continue;
            }
            ++chosen;
            const std::pair<std::string, std::string> pick{out["chosen"]["username"], out["chosen"]["filename"]};
            if (!c.correct.count(pick))
            {
                std::string why;
                for (const auto& cand : out["candidates"])
                    if (cand["filename"] == pick.second && cand["username"] == pick.first)
                        why = cand["reasons"].dump();
                failures.push_back("WRONG   " + c.description + "\n        chose " + pick.second + " " + why);
                continue;
            }
            ++chosenCorrect;
            ++found;
            int bestTier = 1000, chosenTier = -1;
            std::string bestWhy;
            for (const auto& cand : out["candidates"])
            {
                const std::pair<std::string, std::string> key{cand["username"], cand["filename"]};
                if (c.correct.count(key) && cand["qualityTier"].get<int>() < bestTier)
                {
                    bestTier = cand["qualityTier"].get<int>();
                    bestWhy = cand["filename"].get<std::string>() + " " + cand["reasons"].dump();
                }
                if (key == pick && chosenTier < 0) // the same path can be offered twice; the first is the pick
                    chosenTier = cand["qualityTier"].get<int>();
            }
            topTier += chosenTier == bestTier ? 1 : 0;
            if (chosenTier != bestTier)
                failures.push_back("TIER    " + c.description + "\n        chose " + pick.second + "\n        best  " + bestWhy);
        }
        const double precision = chosen ? double(chosenCorrect) / chosen : 1.0;
        const double recall = withCorrect ? double(found) / withCorrect : 1.0;
        const double abstention = withoutCorrect ? double(abstained) / withoutCorrect : 1.0;
        const double top = chosenCorrect ? double(topTier) / chosenCorrect : 1.0;
        std::cout << "labelled set: " << cases.size() << " cases (" << withCorrect << " with a correct file)\n"
                  << "  precision  " << precision << " (" << chosenCorrect << "/" << chosen << ")\n"
                  << "  recall     " << recall << " (" << found << "/" << withCorrect << ")\n"
                  << "  abstention " << abstention << " (" << abstained << "/" << withoutCorrect << ")\n"
                  << "  top tier   " << top << " (" << topTier << "/" << chosenCorrect << ")\n";
        for (std::size_t i = 0; i < failures.size() && i < 25; ++i)
            std::cout << "  " << failures[i] << '\n';
        EXPECT_GE(precision, 0.995);
        EXPECT_GE(recall, 0.98);
        EXPECT_GE(abstention, 0.95);
    }
} // namespace soulspot::matching::testing
