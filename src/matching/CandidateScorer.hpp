#pragma once
// Scores every file of every search response against the wanted track, with reasons, and picks one — or
// abstains when no file is confidently the wanted recording.
//
// Order of candidates: accepted before rejected; then quality tier of the profile, confidence, availability
// (free slot, queue, speed), quality detail (format preference, bitrate), peer history; then user and path.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "matching/PeerHistory.hpp"
#include "matching/QualityProfile.hpp"
#include "matching/SearchResponse.hpp"
#include "matching/WantedTrack.hpp"

namespace soulspot::matching
{
    struct ScoredCandidate
    {
        std::string username;
        std::string filename;
        std::int64_t size{0};
        std::optional<int> bitRate, bitDepth, sampleRate, length;
        std::string format; // "flac", "mp3", … or "" when not audio
        double score{0};    // higher is better; accepted candidates score above every rejected one
        bool accepted{false};
        std::vector<std::string> reasons; // rejections first, then the evidence

        double confidence{0}; // 0..1: how sure we are this is the wanted recording
        int qualityTier{-1};  // 0 = best tier of the profile; -1 when not allowed
        bool locked{false};
        bool hasFreeUploadSlot{false};
        std::int64_t uploadSpeed{0};
        std::int64_t queueLength{0};
    };

    struct MatchResult
    {
        std::vector<ScoredCandidate> candidates; // best first
        std::optional<std::size_t> chosen;       // index into candidates; nullopt = not found (abstain)
    };

    struct ScorerOptions
    {
        double acceptConfidence{0.7}; // below this a file is not confidently the wanted track
        /// Set by the album matcher for files of a folder whose name is the wanted album with nothing else
        /// in it (`OK Computer (1997)\01 - Airbag.flac`): a file that names no artist is not rejected for it.
        bool artistImpliedByFolder{false};
    };

    class CandidateScorer
    {
    public:
        explicit CandidateScorer(ScorerOptions options = {}) : options_(options) {}

        MatchResult score(const WantedTrack& wanted, const std::vector<SearchResponse>& responses,
                          const QualityProfile& profile, const PeerHistory& history) const;
        MatchResult score(const WantedTrack& wanted, const std::vector<SearchResponse>& responses,
                          const QualityProfile& profile) const
        {
            return score(wanted, responses, profile, emptyPeerHistory());
        }

    private:
        ScorerOptions options_;
    };
} // namespace soulspot::matching
