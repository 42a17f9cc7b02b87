#include "matching/FolderTrackPairs.hpp"

#include <algorithm>

#include "matching/PreparedWanted.hpp"
#include "matching/QualityTier.hpp"
#include "matching/RemotePath.hpp"

namespace soulspot::matching
{
    namespace
    {
        // Assignment weights on top of the track scorer's confidence: the number on the file decides between
        // two files that both carry the title (a bonus "Intro" on disc 2, a reprise left unlabelled).
        constexpr double kNumberMatches = 0.3;
        constexpr double kNumberDiffers = 0.15;
        constexpr double kDiscDiffers = 0.3;
    } // namespace

    std::vector<AskedTrack> askedTracks(const WantedAlbum& wanted, const PreparedAlbum& album,
                                        const AlbumMatchOptions& options)
    {
        std::vector<bool> ask(wanted.tracks.size(), options.onlyTracks.empty());
        for (const auto i : options.onlyTracks)
            if (i < ask.size())
                ask[i] = true;
        std::vector<AskedTrack> asked;
        for (std::size_t i = 0; i < wanted.tracks.size(); ++i)
        {
            if (!ask[i])
                continue;
            AskedTrack t;
            t.index = i;
            t.track = wanted.tracks[i].track;
            if (t.track.artists.empty())
                t.track.artists = wanted.artists;
            if (t.track.album.empty())
                t.track.album = wanted.title;
            if (t.track.releaseDate.empty())
                t.track.releaseDate = wanted.releaseDate;
            t.titleCompact = prepareWanted(t.track).title.compact;
            t.disc = std::max(1, wanted.tracks[i].discNumber);
            t.namedLikeAlbum = !album.titleCompact.empty() && t.titleCompact == album.titleCompact;
            asked.push_back(std::move(t));
        }
        return asked;
    }

    std::vector<FolderFile> describeFiles(const AlbumFolder& folder, bool multiDisc)
    {
        std::vector<FolderFile> files;
        files.reserve(folder.files.size());
        for (const auto& file : folder.files)
        {
            FolderFile f;
            f.file = &file;
            f.format = detectFormat(file);
            const auto path = parseRemotePath(file.filename);
            for (std::size_t k = path.basenameBegin; k < path.tokens.size(); ++k)
                f.compactName += path.tokens[k].text;
            const auto slash = file.filename.find_last_of("\\/");
            const std::string_view basename = std::string_view(file.filename).substr(slash == std::string::npos ? 0 : slash + 1);
            f.numbers = numbersOfFileName(basename, multiDisc);
            // A disc subfolder (folded by groupIntoFolders) says the disc better than the name does.
            if (file.filename.size() > folder.directory.size() + 1 &&
                file.filename.compare(0, folder.directory.size(), folder.directory) == 0)
            {
                const std::string_view rest = std::string_view(file.filename).substr(folder.directory.size() + 1);
                const auto sub = rest.find_first_of("\\/");
                if (sub != std::string_view::npos)
                    if (auto disc = discNumberOfFolderName(rest.substr(0, sub)))
                        f.numbers.disc = disc;
            }
            files.push_back(std::move(f));
        }
        return files;
    }

// Every (asked track, audio file) pair the track scorer accepts becomes an edge. Only files whose name
// holds the title's letters are shown to it: it would reject the others ("title not in the file name").
    std::vector<TrackPairEdge> scoreTrackPairs(const std::vector<AskedTrack>& asked, const AlbumFolder& folder,
                                           const std::vector<FolderFile>& files, const QualityProfile& profile,
                                           const PeerHistory& history, double acceptConfidence,
                                           bool artistImplied, std::vector<std::string>& whyMissing)
    {
        ScorerOptions scorerOptions;
        scorerOptions.acceptConfidence = acceptConfidence;
        scorerOptions.artistImpliedByFolder = artistImplied;
        const CandidateScorer scorer(scorerOptions);
        std::vector<TrackPairEdge> edges;
        std::vector<SearchResponse> shown(1);
        shown[0].username = folder.username;
        shown[0].hasFreeUploadSlot = folder.hasFreeUploadSlot;
        shown[0].uploadSpeed = folder.uploadSpeed;
        shown[0].queueLength = folder.queueLength;
        std::vector<std::size_t> shownIndex;
        for (std::size_t row = 0; row < asked.size(); ++row)
        {
            const auto& track = asked[row];
            shown[0].files.clear();
            shownIndex.clear();
            for (std::size_t j = 0; j < files.size(); ++j)
                if (!files[j].format.empty() && !track.titleCompact.empty() &&
                    files[j].compactName.find(track.titleCompact) != std::string::npos)
                {
                    shown[0].files.push_back(*files[j].file);
                    shownIndex.push_back(j);
                }
            if (shownIndex.empty())
            {
                whyMissing[row] = "no file name holds the title";
                continue;
            }
            auto result = scorer.score(track.track, shown, profile, history);
            for (auto& candidate : result.candidates)
            {
                std::size_t column = files.size();
                for (const auto j : shownIndex)
                    if (files[j].file->filename == candidate.filename)
                        column = j;
                if (column == files.size())
                    continue;
                if (!candidate.accepted)
                {
                    if (whyMissing[row].empty() && !candidate.reasons.empty())
                    {
                        auto why = candidate.reasons.front();
                        if (why.rfind("rejected: ", 0) == 0)
                            why.erase(0, 10);
                        whyMissing[row] = why;
                    }
                    continue;
                }
                const auto& numbers = files[column].numbers;
                const bool discDiffers = numbers.disc && *numbers.disc != track.disc;
                const bool numberMatches = numbers.track && track.track.trackNumber &&
                                           *numbers.track == *track.track.trackNumber && !discDiffers;
                double weight = candidate.confidence + (numberMatches ? kNumberMatches : 0.0);
                if (numbers.track && track.track.trackNumber && *numbers.track != *track.track.trackNumber)
                    weight -= kNumberDiffers;
                if (discDiffers)
                    weight -= kDiscDiffers;
                TrackPairEdge edge;
                edge.edge = AssignmentEdge{row, column, std::max(weight, 0.01)};
                edge.candidate = std::move(candidate);
                edge.numberMatches = numberMatches;
                edges.push_back(std::move(edge));
            }
        }
        return edges;
    }
} // namespace soulspot::matching
