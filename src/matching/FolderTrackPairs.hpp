#pragma once
// The album matcher's per-file step: which tracks are asked for, what each file of a folder says (format,
// disc and track number), and every (asked track, file) pair the track scorer (CandidateScorer) accepts,
// weighted for the assignment.

#include <string>
#include <vector>

#include "matching/AlbumFolders.hpp"
#include "matching/AlbumPath.hpp"
#include "matching/AlbumScorer.hpp"
#include "matching/CandidateScorer.hpp"
#include "matching/TrackAssignment.hpp"

namespace soulspot::matching
{
    struct AskedTrack
    {
        std::size_t index{0}; // into WantedAlbum::tracks
        WantedTrack track;    // album and artists filled in for the track scorer
        std::string titleCompact;
        int disc{1};
        bool namedLikeAlbum{false};
    };

    struct FolderFile
    {
        const SearchFile* file{nullptr};
        std::string format; // "" = not audio
        std::string compactName;
        FileNumbers numbers;
    };

    struct TrackPairEdge
    {
        AssignmentEdge edge;
        ScoredCandidate candidate;
        bool numberMatches{false};
    };


    /// The tracks AlbumMatchOptions asks for (all when onlyTracks is empty; out-of-range indices ignored),
    /// with album, artists and release date filled in from the album where a track lacks them.
    std::vector<AskedTrack> askedTracks(const WantedAlbum& wanted, const PreparedAlbum& album,
                                        const AlbumMatchOptions& options);

    std::vector<FolderFile> describeFiles(const AlbumFolder& folder, bool multiDisc);

    /// One edge per accepted pair; `whyMissing[row]` gets the first rejection of the row's best file (or
    /// "no file name holds the title") so a missing track's reason can say why.
    std::vector<TrackPairEdge> scoreTrackPairs(const std::vector<AskedTrack>& asked, const AlbumFolder& folder,
                                               const std::vector<FolderFile>& files, const QualityProfile& profile,
                                               const PeerHistory& history, double acceptConfidence,
                                               bool artistImplied, std::vector<std::string>& whyMissing);
} // namespace soulspot::matching
