#include "matching/CandidateScorer.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "matching/LengthCheck.hpp"
#include "matching/PreparedWanted.hpp"
#include "matching/QualityTier.hpp"
#include "matching/RemotePath.hpp"
#include "matching/TextMatcher.hpp"

namespace soulspot::matching
{
    namespace
    {
        // Confidence weights: the title in the file name is half the evidence, the artist a quarter, the
        // length a fifth. A file reaches 0.7 only with title + artist + at least a plausible size.
        constexpr double kTitleWeight = 0.5;
        constexpr double kArtistInFileName = 0.25;
        constexpr double kArtistInFolder = 0.24;
        constexpr double kArtistPartOfName = 0.17;
        constexpr double kArtistImpliedByFolder = 0.15; // below a named artist: the folder only names the album
        constexpr double kLengthMeasured = 0.2;
        constexpr double kLengthEstimated = 0.1;
        constexpr double kLengthUnknown = 0.05;
        constexpr double kHighConfidence = 0.85;

        struct Context
        {
            const PreparedWanted& wanted;
            const QualityProfile& profile;
            const PeerHistory& history;
            std::vector<std::string> excludedWords;
            int tiers;
            double acceptConfidence;
            bool artistImpliedByFolder;
        };

        // 0..20: a free slot matters most, then a short queue, then speed (saturating at 1 MB/s).
        double availabilityPoints(const SearchResponse& response)
        {
            const double queue = static_cast<double>(std::clamp<std::int64_t>(response.queueLength, 0, 50));
            const double speed = static_cast<double>(std::max<std::int64_t>(response.uploadSpeed, 0));
            return (response.hasFreeUploadSlot ? 8.0 : 0.0) + 6.0 * (1.0 - queue / 50.0) +
                   6.0 * std::min(speed / (1024.0 * 1024.0), 1.0);
        }

        // −10..+5: failures weigh twice as much as successes.
        double historyPoints(const PeerStats& stats)
        {
            if (stats.successes == 0 && stats.failures == 0)
                return 0;
            const double raw = 5.0 * (stats.successes - 2.0 * stats.failures) / (stats.successes + stats.failures + 1.0);
            return std::clamp(raw, -10.0, 5.0);
        }

        void describeText(const PreparedWanted& wanted, const TextVerdict& text, std::vector<std::string>& out)
        {
            if (text.titleInFileName)
                out.push_back("title \"" + wanted.title.display + "\" in the file name");
            if (text.artistIndex >= 0)
            {
                const auto& artist = wanted.artists[static_cast<std::size_t>(text.artistIndex)].display;
                out.push_back("artist \"" + artist + "\" in " + (text.artistInFileName ? "the file name" : "a folder") +
                              (text.artistWholeName ? "" : " (inside a longer name)"));
            }
            if (text.albumFound)
                out.push_back("album \"" + wanted.album.display + "\" in the path");
            if (text.trackNumberMatches)
                out.push_back(fmt::format("track number {} matches", wanted.trackNumber.value_or(0)));
            if (text.isrcFound)
                out.push_back("ISRC in the path");
            if (!text.strayWords.empty())
                out.push_back("unexplained words \"" + text.strayWords + "\" lower confidence");
        }

        ScoredCandidate scoreFile(const Context& ctx, const SearchResponse& response, const SearchFile& file)
        {
            ScoredCandidate c;
            c.username = response.username;
            c.filename = file.filename;
            c.size = file.size;
            c.bitRate = file.bitRate;
            c.bitDepth = file.bitDepth;
            c.sampleRate = file.sampleRate;
            c.length = file.length;
            c.locked = file.locked;
            c.hasFreeUploadSlot = response.hasFreeUploadSlot;
            c.uploadSpeed = response.uploadSpeed;
            c.queueLength = response.queueLength;
            c.format = detectFormat(file);
            if (c.format.empty())
            {
                c.score = -100;
                c.reasons.push_back("rejected: not an audio file");
                return c;
            }

            std::vector<std::string> rejections;
            std::vector<std::string> evidence;
            if (file.locked)
                rejections.push_back("locked: the peer does not share this file with us");
            if (ctx.history.isBlocked(response.username, file.filename))
                rejections.push_back("source is blocklisted");

            const auto path = parseRemotePath(file.filename);
            const auto text = matchText(ctx.wanted, path, ctx.excludedWords);
            rejections.insert(rejections.end(), text.rejections.begin(), text.rejections.end());
            if (text.artistIndex < 0 && !ctx.artistImpliedByFolder)
                rejections.push_back("artist \"" +
                                     (ctx.wanted.artists.empty() ? std::string() : ctx.wanted.artists.front().display) +
                                     "\" is not in the path");
            describeText(ctx.wanted, text, evidence);
            if (text.artistIndex < 0 && ctx.artistImpliedByFolder)
                evidence.push_back("artist not named; the folder is the wanted album");

            double confidence = text.titleInFileName ? kTitleWeight : 0.0;
            if (text.artistIndex >= 0)
                confidence += !text.artistWholeName ? kArtistPartOfName
                                                    : (text.artistInFileName ? kArtistInFileName : kArtistInFolder);
            else if (ctx.artistImpliedByFolder)
                confidence += kArtistImpliedByFolder;
            const auto length = checkLength(file, c.format, ctx.wanted.durationSec, ctx.profile.lengthToleranceSec);
            switch (length.evidence)
            {
            case LengthEvidence::Measured: confidence += kLengthMeasured - 0.01 * length.deltaSec; break;
            case LengthEvidence::Estimated: confidence += kLengthEstimated; break;
            case LengthEvidence::Unknown: confidence += kLengthUnknown; break;
            case LengthEvidence::Rejected: rejections.push_back(length.reason); break;
            }
            if (length.evidence != LengthEvidence::Rejected)
                evidence.push_back(length.reason);
            confidence += (text.albumFound ? 0.03 : 0.0) + (text.trackNumberMatches ? 0.02 : 0.0) +
                          (text.isrcFound ? 0.2 : 0.0) - text.penalty;
            confidence = std::clamp(confidence, 0.0, 1.0);
            c.confidence = confidence;

            const auto quality = assessQuality(ctx.profile, file, c.format);
            if (quality.allowed)
            {
                c.qualityTier = quality.tier;
                evidence.push_back(quality.description);
            }
            else
                rejections.push_back(quality.description);

            if (rejections.empty() && confidence < ctx.acceptConfidence)
                rejections.push_back(fmt::format("not confident enough: {:.2f} below {:.2f}", confidence,
                                                 ctx.acceptConfidence));
            c.accepted = rejections.empty();

            const double availability = availabilityPoints(response);
            const auto stats = ctx.history.stats(response.username);
            if (c.accepted)
                c.score = 100.0 * (ctx.tiers - quality.tier) + (confidence >= kHighConfidence ? 40.0 : 0.0) +
                          availability + 10.0 * quality.withinTier + historyPoints(stats);
            else
                c.score = -100.0 + 50.0 * confidence;
            c.score = std::round(c.score * 1000.0) / 1000.0;

            for (auto& rejection : rejections)
                c.reasons.push_back("rejected: " + rejection);
            if (c.accepted)
                c.reasons.push_back(fmt::format("accepted: confidence {:.2f}", confidence));
            for (auto& line : evidence)
                c.reasons.push_back(std::move(line));
            c.reasons.push_back(fmt::format("{}; queue {}; upload {:.0f} KB/s",
                                            response.hasFreeUploadSlot ? "free upload slot" : "no free upload slot",
                                            response.queueLength, static_cast<double>(response.uploadSpeed) / 1024.0));
            if (stats.successes + stats.failures > 0)
                c.reasons.push_back(fmt::format("peer history: {} succeeded, {} failed", stats.successes, stats.failures));
            return c;
        }
    } // namespace

    MatchResult CandidateScorer::score(const WantedTrack& wanted, const std::vector<SearchResponse>& responses,
                                       const QualityProfile& profile, const PeerHistory& history) const
    {
        const auto prepared = prepareWanted(wanted);
        Context ctx{prepared, profile, history, {}, tierCount(profile), options_.acceptConfidence,
                    options_.artistImpliedByFolder};
        for (const auto& word : profile.excludedWords)
            for (auto& normalised : normalizeWords(word))
                ctx.excludedWords.push_back(std::move(normalised));

        MatchResult result;
        std::size_t total = 0;
        for (const auto& response : responses)
            total += response.files.size() + response.lockedFiles.size();
        result.candidates.reserve(total);
        for (const auto& response : responses)
        {
            for (const auto& file : response.files)
                result.candidates.push_back(scoreFile(ctx, response, file));
            for (const auto& file : response.lockedFiles)
            {
                auto locked = file;
                locked.locked = true;
                result.candidates.push_back(scoreFile(ctx, response, locked));
            }
        }
        std::sort(result.candidates.begin(), result.candidates.end(),
                  [](const ScoredCandidate& a, const ScoredCandidate& b) {
                      if (a.accepted != b.accepted)
                          return a.accepted;
                      if (a.score != b.score)
                          return a.score > b.score;
                      if (a.username != b.username)
                          return a.username < b.username;
                      return a.filename < b.filename;
                  });
        if (!result.candidates.empty() && result.candidates.front().accepted)
            result.chosen = 0;
        return result;
    }
} // namespace soulspot::matching
