// The labelled album set through AlbumScorer: precision and recall of the chosen folder must hold, and the
// folders that only show part of themselves must ask for a browse.

#include <cstdlib>
#include <iostream>
#include <map>

#include <gtest/gtest.h>

#include "LabelledAlbumSet.hpp"

namespace soulspot::matching::testing
{
    namespace
    {
        constexpr int kCases = 198; // 18 of each of the 11 kinds
        constexpr std::uint64_t kSeed = 20261203;

        std::string reasonsOf(const ScoredFolder& f)
        {
            std::string text;
            for (const auto& r : f.reasons)
                text += "\n          " + r;
            return text;
        }
    } // namespace

    TEST(LabelledAlbumSet, HasEnoughCasesOfEveryKind)
    {
        const auto cases = generateLabelledAlbumSet(kCases, kSeed);
        ASSERT_GE(cases.size(), 150u);
        std::map<std::string, int> kinds;
        for (const auto& c : cases)
            ++kinds[c.kind];
        EXPECT_EQ(kinds.size(), 11u);
        for (const auto& [kind, n] : kinds)
            EXPECT_GE(n, 12) << kind;
        const auto withCorrect = std::count_if(cases.begin(), cases.end(), [](const auto& c) { return !c.correct.empty(); });
        EXPECT_GE(withCorrect, 100);
        EXPECT_GE(static_cast<long>(cases.size()) - withCorrect, 40);
        EXPECT_EQ(generateLabelledAlbumSet(3, kSeed).front().description, cases.front().description) << "deterministic";
    }

    TEST(LabelledAlbumSet, PrecisionRecallAndBrowseHintsAboveThresholds)
    {
        const char* seedText = std::getenv("SOULSPOT_LABELLED_SEED");
        const auto cases = generateLabelledAlbumSet(kCases, seedText ? std::strtoull(seedText, nullptr, 10) : kSeed);
        const AlbumScorer scorer;
        const auto profile = defaultProfile();
        int chosen = 0, chosenCorrect = 0, withCorrect = 0, withoutCorrect = 0, abstained = 0;
        int browseWanted = 0, browseAsked = 0, topTier = 0;
        std::vector<std::string> failures;
        for (const auto& c : cases)
        {
            const auto result = scorer.score(c.wanted, foldersOf(c), profile, c.options);
            if (std::getenv("SOULSPOT_ALBUM_SET_VERBOSE") != nullptr) // every folder with its reasons
            {
                std::cout << "CASE " << c.description << '\n';
                for (const auto& f : result.folders)
                    std::cout << "    " << f.username << " " << f.directory << reasonsOf(f) << '\n';
            }
            const bool hasCorrect = !c.correct.empty();
            (hasCorrect ? withCorrect : withoutCorrect) += 1;
            for (const auto& f : result.folders)
            {
                if (!c.mustBrowse.count({f.username, f.directory}))
                    continue;
                ++browseWanted;
                browseAsked += f.needsBrowse && !f.accepted ? 1 : 0;
                if (!f.needsBrowse)
                    failures.push_back("NO BROWSE " + c.description + reasonsOf(f));
            }
            if (!result.chosen)
            {
                abstained += hasCorrect ? 0 : 1;
                if (hasCorrect)
                {
                    std::string why;
                    for (const auto& f : result.folders)
                        if (c.correct.count({f.username, f.directory}))
                            why += "\n        " + f.directory + reasonsOf(f);
                    failures.push_back("MISSED    " + c.description + why);
                }
                continue;
            }
            ++chosen;
            const auto& pick = result.folders[*result.chosen];
            if (!c.correct.count({pick.username, pick.directory}))
            {
                failures.push_back("WRONG     " + c.description + "\n        chose " + pick.directory + reasonsOf(pick));
                continue;
            }
            // The right folder with a wrong file inside (a live bonus cut for the studio track) is a wrong pick.
            const bool wantedLive = c.wanted.title.find("Unplugged") != std::string::npos;
            const auto bad = std::find_if(pick.picks.begin(), pick.picks.end(), [&](const auto& p) {
                return p && !wantedLive && (p->filename.find("(Live)") != std::string::npos ||
                                            p->filename.find("Karaoke") != std::string::npos ||
                                            p->filename.find("Demo") != std::string::npos);
            });
            if (bad != pick.picks.end())
            {
                failures.push_back("BAD PICK  " + c.description + "\n        " + (*bad)->filename);
                continue;
            }
            ++chosenCorrect;
            int bestTier = 1000;
            for (const auto& f : result.folders)
                if (f.accepted && c.correct.count({f.username, f.directory}))
                    bestTier = std::min(bestTier, f.qualityTier);
            topTier += pick.qualityTier == bestTier ? 1 : 0;
            // Fill-only: every pick is an asked-for track, the rest stay empty.
            for (std::size_t i = 0; i < pick.picks.size(); ++i)
            {
                const bool asked = c.options.onlyTracks.empty() ||
                                   std::find(c.options.onlyTracks.begin(), c.options.onlyTracks.end(), i) !=
                                       c.options.onlyTracks.end();
                if (!asked && pick.picks[i])
                    failures.push_back("NOT ASKED " + c.description + " track " + std::to_string(i));
                if (asked && !pick.picks[i] && !c.options.allowPartial)
                    failures.push_back("NO PICK   " + c.description + " track " + std::to_string(i));
            }
        }
        const double precision = chosen ? double(chosenCorrect) / chosen : 1.0;
        const double recall = withCorrect ? double(chosenCorrect) / withCorrect : 1.0;
        const double abstention = withoutCorrect ? double(abstained) / withoutCorrect : 1.0;
        const double browse = browseWanted ? double(browseAsked) / browseWanted : 1.0;
        std::cout << "labelled album set: " << cases.size() << " cases (" << withCorrect << " with a right folder)\n"
                  << "  precision     " << precision << " (" << chosenCorrect << "/" << chosen << ")\n"
                  << "  recall        " << recall << " (" << chosenCorrect << "/" << withCorrect << ")\n"
                  << "  abstention    " << abstention << " (" << abstained << "/" << withoutCorrect << ")\n"
                  << "  browse hints  " << browse << " (" << browseAsked << "/" << browseWanted << ")\n"
                  << "  top tier      " << (chosenCorrect ? double(topTier) / chosenCorrect : 1.0) << " (" << topTier
                  << "/" << chosenCorrect << ")\n";
        for (std::size_t i = 0; i < failures.size() && i < 20; ++i)
            std::cout << "  " << failures[i] << '\n';
        EXPECT_GE(precision, 0.995);
        EXPECT_GE(recall, 0.97);
        EXPECT_GE(abstention, 0.95);
        EXPECT_GE(browse, 0.95);
    }
} // namespace soulspot::matching::testing
