// bench-matching: how many candidates one core scores per second on a realistic mix (the labelled set's
// cases), printed next to two references timed in the same run: JSON-parsing the same responses, and a
// naive scorer that only lower-cases paths and looks for title and artist substrings.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "LabelledSet.hpp"
#include "matching/CandidateScorer.hpp"
#include "matching/MatchJson.hpp"

namespace
{
    using namespace soulspot::matching;
    using Clock = std::chrono::steady_clock;

    struct Case
    {
        WantedTrack wanted;
        std::vector<SearchResponse> responses;
        nlohmann::json responsesJson;
        std::size_t files{0};
    };

    std::string lower(std::string text)
    {
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return text;
    }

    // What many scripts do: substring checks on the lower-cased path, best bitrate wins.
    std::size_t naiveScore(const Case& c)
    {
        const auto title = lower(c.wanted.title);
        const auto artist = lower(c.wanted.artists.front());
        std::size_t hits = 0;
        for (const auto& response : c.responses)
            for (const auto& file : response.files)
            {
                const auto path = lower(file.filename);
                hits += (path.find(title) != std::string::npos && path.find(artist) != std::string::npos) ? 1 : 0;
            }
        return hits;
    }

    template <typename Work>
    double secondsFor(int rounds, Work&& work)
    {
        const auto start = Clock::now();
        for (int r = 0; r < rounds; ++r)
            work();
        return std::chrono::duration<double>(Clock::now() - start).count();
    }
} // namespace

int main()
{
    std::vector<Case> cases;
    std::size_t candidates = 0;
    for (const auto& labelled : soulspot::matching::testing::generateLabelledSet(400, 7))
    {
        const auto line = nlohmann::json::parse(labelled.jsonLine);
        Case c;
        c.wanted = *wantedTrackFromSpotifyJson(line["track"]);
        c.responsesJson = line["responses"];
        c.responses = *searchResponsesFromJson(c.responsesJson);
        for (const auto& r : c.responses)
            c.files += r.files.size() + r.lockedFiles.size();
        candidates += c.files;
        cases.push_back(std::move(c));
    }

    const CandidateScorer scorer;
    const auto profile = defaultProfile();
    std::size_t sink = 0;
    auto scoreAll = [&] {
        for (const auto& c : cases)
            sink += scorer.score(c.wanted, c.responses, profile).candidates.size();
    };
    auto parseAll = [&] {
        for (const auto& c : cases)
            sink += searchResponsesFromJson(c.responsesJson)->size();
    };
    auto naiveAll = [&] {
        for (const auto& c : cases)
            sink += naiveScore(c);
    };
    scoreAll(); // warm up caches and the allocator

    // Size the run to about a second of scoring, then time the references on the same rounds.
    const double once = std::max(1e-4, secondsFor(1, scoreAll));
    const int rounds = std::clamp(static_cast<int>(1.0 / once), 3, 200);
    const double scoring = secondsFor(rounds, scoreAll);
    const double parsing = secondsFor(rounds, parseAll);
    const double naive = secondsFor(rounds, naiveAll);

    const double total = static_cast<double>(candidates) * rounds;
    const double perSecond = total / scoring;
    std::printf("bench-matching: %zu cases, %zu candidates, %d rounds, one thread\n", cases.size(), candidates, rounds);
    std::printf("  scorer             %12.0f candidates/s  (%.2f us per candidate)\n", perSecond, 1e6 * scoring / total);
    std::printf("  JSON parse only    %12.0f candidates/s\n", total / parsing);
    std::printf("  naive substring    %12.0f candidates/s\n", total / naive);
    std::printf("  ratio scorer / JSON parse       %.2f  (scoring costs %.2fx parsing the responses)\n",
                perSecond / (total / parsing), scoring / parsing);
    std::printf("  ratio scorer / naive substring  %.3f\n", perSecond / (total / naive));
    std::printf("  target 50000 candidates/s per core: %s\n", perSecond >= 50000 ? "met" : "NOT met");
    return sink == 0 ? 1 : 0;
}
