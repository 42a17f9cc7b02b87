#pragma once
// Scores remote folders against a wanted release and picks one — or abstains when no folder is the right
// release (issue 10 §2). Pure code beside CandidateScorer: no I/O, deterministic, reasons for every folder.
//
// A folder is one user's remote directory with its CD1/Disc 2/… subfolders folded in (groupIntoFolders).
// Every wanted track must be matched to exactly one audio file of the folder by the track matcher (title,
// track number, duration within tolerance) unless the caller asked for a partial fill; extras (bonus tracks,
// non-audio files) are allowed. One format and consistent quality across the folder ranks above a mixed one.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "matching/PeerHistory.hpp"
#include "matching/QualityProfile.hpp"
#include "matching/SearchResponse.hpp"
#include "matching/WantedAlbum.hpp"

namespace soulspot::matching
{
    /// One user's folder as the search (or a browse) showed it.
    struct AlbumFolder
    {
        std::string username;
        std::string directory; // remote path of the album folder, backslashes as sent, no trailing separator
        bool hasFreeUploadSlot{false};
        std::int64_t uploadSpeed{0};
        std::int64_t queueLength{0};
        std::vector<SearchFile> files; // full remote paths, including those in folded disc subfolders
        bool browsed{false};           // files come from a directory browse: the folder is shown whole
    };

    /// Groups responses by user + album folder; a file in `…\Album\CD2\03.flac` belongs to `…\Album`.
    /// Locked files are kept out. Folders come back in response order, files in their original order.
    std::vector<AlbumFolder> groupIntoFolders(const std::vector<SearchResponse>& responses);

    /// The file chosen for one wanted track.
    struct FolderTrackPick
    {
        std::size_t wantedIndex{0}; // index into WantedAlbum::tracks
        std::string filename;       // full remote path
        std::int64_t size{0};
        std::string format;         // "flac", "mp3", …
        std::optional<int> bitRate, bitDepth, sampleRate, length;
        double confidence{0};
    };

    struct ScoredFolder
    {
        std::string username;
        std::string directory;
        bool accepted{false};
        double score{0}; // higher is better; accepted folders score above every rejected one
        std::vector<std::string> reasons; // rejections first, then the evidence

        /// One entry per wanted track (same order as WantedAlbum::tracks); nullopt = not in this folder or
        /// not asked for (see AlbumMatchOptions::onlyTracks).
        std::vector<std::optional<FolderTrackPick>> picks;
        int audioFiles{0};      // audio files in the folder
        int matchedTracks{0};   // wanted tracks with a pick
        int missingTracks{0};   // wanted (asked-for) tracks without one
        std::string format;     // dominant format of the picks, "" when none
        bool mixedFormats{false};
        int qualityTier{-1};    // worst tier among the picks; -1 when a pick is not allowed by the profile
        double confidence{0};   // mean pick confidence
        /// The search showed only part of this folder and it might hold the missing tracks: browse it
        /// (ISlskdApi::browseDirectory) and score again before deciding.
        bool needsBrowse{false};
        bool hasFreeUploadSlot{false};
        std::int64_t uploadSpeed{0};
        std::int64_t queueLength{0};
    };

    struct AlbumMatchOptions
    {
        /// Indices into WantedAlbum::tracks to fetch (fill only what is missing); empty = every track.
        std::vector<std::size_t> onlyTracks;
        /// Accept a folder that lacks some asked-for tracks (the user asked for a partial fill).
        bool allowPartial{false};
        double acceptConfidence{0.7}; // per-track confidence a pick needs
    };

    struct AlbumMatchResult
    {
        std::vector<ScoredFolder> folders; // best first
        std::optional<std::size_t> chosen; // index into folders; nullopt = abstain (or browse first)
    };

    class AlbumScorer
    {
    public:
        AlbumMatchResult score(const WantedAlbum& wanted, const std::vector<AlbumFolder>& folders,
                               const QualityProfile& profile, const PeerHistory& history,
                               const AlbumMatchOptions& options = {}) const;
        AlbumMatchResult score(const WantedAlbum& wanted, const std::vector<AlbumFolder>& folders,
                               const QualityProfile& profile, const AlbumMatchOptions& options = {}) const
        {
            return score(wanted, folders, profile, emptyPeerHistory(), options);
        }
    };
} // namespace soulspot::matching
