// bench-album-matching: how many remote folders one core scores per second with the album matcher on the
// labelled album set's mix, next to two references timed in the same run: the track scorer scoring every
// file of each folder against each wanted track one at a time (what a caller without AlbumScorer would
// do), and a naive folder check (count audio files, look for the album name in the path).

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "LabelledAlbumSet.hpp"
#include "matching/AlbumScorer.hpp"
#include "matching/CandidateScorer.hpp"
#include "matching/QualityTier.hpp"

namespace
{
    using namespace soulspot::matching;
    using Clock = std::chrono::steady_clock;

    struct Case
    {
        WantedAlbum wanted;
        AlbumMatchOptions options;
        std::vector<AlbumFolder> folders;
        std::vector<SearchResponse> asResponses; // one response per folder, for the track scorer
        std::vector<WantedTrack> tracks;
    };

    std::string lower(std::string text)
    {
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
        return text;
    }

    // What many scripts do: enough audio files and the album name somewhere in the folder path.
    std::size_t naiveFolders(const Case& c)
    {
        const auto title = lower(c.wanted.title.substr(0, c.wanted.title.find(" (")));
        std::size_t hits = 0;
        for (const auto& folder : c.folders)
        {
            std::size_t audio = 0;
            for (const auto& f : folder.files)
                audio += detectFormat(f).empty() ? 0 : 1;
            hits += audio >= c.wanted.tracks.size() && lower(folder.directory).find(title) != std::string::npos ? 1 : 0;
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
    std::size_t folders = 0, files = 0, pairs = 0;
    for (const auto& labelled : soulspot::matching::testing::generateLabelledAlbumSet(440, 11))
    {
        Case c;
        c.wanted = labelled.wanted;
        c.options = labelled.options;
        c.folders = soulspot::matching::testing::foldersOf(labelled);
        for (const auto& f : c.folders)
        {
            c.asResponses.push_back(SearchResponse{f.username, f.hasFreeUploadSlot, f.uploadSpeed, f.queueLength, f.files, {}});
            files += f.files.size();
            pairs += f.files.size() * c.wanted.tracks.size();
        }
        for (const auto& t : c.wanted.tracks)
        {
            auto track = t.track;
            if (track.artists.empty())
                track.artists = c.wanted.artists;
            c.tracks.push_back(std::move(track));
        }
        folders += c.folders.size();
        cases.push_back(std::move(c));
    }

    const AlbumScorer albumScorer;
    const CandidateScorer trackScorer;
    const auto profile = defaultProfile();
    std::size_t sink = 0;
    auto albumAll = [&] {
        for (const auto& c : cases)
            sink += albumScorer.score(c.wanted, c.folders, profile, c.options).folders.size();
    };
    auto trackAll = [&] {
        for (const auto& c : cases)
            for (const auto& response : c.asResponses)
                for (const auto& track : c.tracks)
                    sink += trackScorer.score(track, {response}, profile).candidates.size();
    };
    auto naiveAll = [&] {
        for (const auto& c : cases)
            sink += naiveFolders(c);
    };
    albumAll(); // warm up caches and the allocator

    // Size the run to about a second of album scoring, then time the references on the same rounds.
    const double once = std::max(1e-4, secondsFor(1, albumAll));
    const int rounds = std::clamp(static_cast<int>(1.0 / once), 2, 200);
    const double album = secondsFor(rounds, albumAll);
    const double track = secondsFor(rounds, trackAll);
    const double naive = secondsFor(rounds, naiveAll);

    const double total = static_cast<double>(folders) * rounds;
    std::printf("bench-album-matching: %zu cases, %zu folders, %zu files, %zu track x file pairs, %d rounds, one thread\n",
                cases.size(), folders, files, pairs, rounds);
    std::printf("  album scorer                 %10.0f folders/s  (%.1f us per folder)\n", total / album,
                1e6 * album / total);
    std::printf("  track scorer, track by track %10.0f folders/s\n", total / track);
    std::printf("  naive count + album name     %10.0f folders/s\n", total / naive);
    std::printf("  ratio album scorer / track-by-track  %.2f  (above 1: the title pre-filter saves more than the\n"
                "                                        assignment and folder rules cost)\n",
                track / album);
    std::printf("  ratio album scorer / naive           %.4f\n", naive / album);
    return sink == 0 ? 1 : 0;
}
