#include "matching/AlbumScorer.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "matching/FolderTrackPairs.hpp"
#include "matching/QualityTier.hpp"
#include "matching/RemotePath.hpp"

namespace soulspot::matching
{
    namespace
    {
        // A folder this small is not an album upload, whatever its name ("Album (Single)\01 - Album.flac").
        constexpr int kSingleMaxFiles = 2;
        constexpr std::size_t kSingleMinAlbumTracks = 5;

        struct Context
        {
            const WantedAlbum& wanted;
            const PreparedAlbum& album;
            const std::vector<AskedTrack>& asked;
            const QualityProfile& profile;
            const PeerHistory& history;
            const AlbumMatchOptions& options;
            int tiers{1};
            bool multiDisc{false};
        };

        std::string trackLabel(const Context& ctx, const AskedTrack& t)
        {
            const auto number = t.track.trackNumber.value_or(static_cast<int>(t.index) + 1);
            return ctx.multiDisc ? fmt::format("{}-{:02} \"{}\"", t.disc, number, t.track.title)
                                 : fmt::format("{} \"{}\"", number, t.track.title);
        }

        double availabilityPoints(const AlbumFolder& f)
        {
            const double queue = static_cast<double>(std::clamp<std::int64_t>(f.queueLength, 0, 50));
            const double speed = static_cast<double>(std::max<std::int64_t>(f.uploadSpeed, 0));
            return (f.hasFreeUploadSlot ? 8.0 : 0.0) + 6.0 * (1.0 - queue / 50.0) +
                   6.0 * std::min(speed / (1024.0 * 1024.0), 1.0);
        }

        double historyPoints(const PeerStats& stats)
        {
            if (stats.successes == 0 && stats.failures == 0)
                return 0;
            return std::clamp(5.0 * (stats.successes - 2.0 * stats.failures) / (stats.successes + stats.failures + 1.0),
                              -10.0, 5.0);
        }

        // Place values keep the sort order in one number: complete, worst tier, coverage of the top tier (9 FLAC
        // + 1 MP3 above 10 MP3, as sldl ranks), one format, confidence,
        // completeness, availability + history — each step larger than everything after it.
        double acceptedScore(const ScoredFolder& f, int tiers, double coverage, double completeness, double peerPoints)
        {
            const double tierSteps = std::clamp(tiers - f.qualityTier, 0, 8);
            return 1e7 + (f.missingTracks == 0 ? 4e6 : 0.0) + 4e5 * tierSteps + 3e4 * std::round(10.0 * coverage) +
                   (f.mixedFormats ? 0.0 : 1.5e4) + 700.0 * std::round(20.0 * f.confidence) +
                   30.0 * std::round(20.0 * completeness) + std::clamp(peerPoints + 5.0, 0.0, 29.0);
        }

        ScoredFolder scoreFolder(const Context& ctx, const AlbumFolder& folder)
        {
            ScoredFolder out;
            out.username = folder.username;
            out.directory = folder.directory;
            out.hasFreeUploadSlot = folder.hasFreeUploadSlot;
            out.uploadSpeed = folder.uploadSpeed;
            out.queueLength = folder.queueLength;
            out.picks.assign(ctx.wanted.tracks.size(), std::nullopt);

            std::vector<std::string> hard;    // rejections a browse can not change
            std::vector<std::string> soft;    // missing tracks: a browse may find them
            std::vector<std::string> evidence;
            const auto path = readFolderPath(ctx.album, folder.directory);
            const auto files = describeFiles(folder, ctx.multiDisc);
            out.audioFiles = static_cast<int>(std::count_if(files.begin(), files.end(),
                                                            [](const FolderFile& f) { return !f.format.empty(); }));
            const int otherFiles = static_cast<int>(files.size()) - out.audioFiles;
            const int total = static_cast<int>(ctx.wanted.tracks.size());
            const int asked = static_cast<int>(ctx.asked.size());

            if (ctx.history.isBlocked(folder.username, folder.directory))
                hard.push_back("source is blocklisted");
            if (out.audioFiles == 0)
                hard.push_back("no audio files in the folder");
            if (const VersionSet unwanted = path.versions & ~ctx.album.versions; unwanted != 0)
                hard.push_back(fmt::format("{} release (\"{}\" in the folder name), the wanted album is not",
                                           describeVersions(unwanted), path.versionWords));
            if (!path.singleWord.empty() && out.audioFiles < total)
                hard.push_back(fmt::format("folder is named as a single (\"{}\"), the wanted album has {} tracks",
                                           path.singleWord, total));
            if (out.audioFiles > 3 * total + 10)
                hard.push_back(fmt::format("{} audio files for a {}-track album: a collection, not the album",
                                           out.audioFiles, total));

            std::vector<std::string> whyMissing(ctx.asked.size());
            auto edges = scoreTrackPairs(ctx.asked, folder, files, ctx.profile, ctx.history, ctx.options.acceptConfidence,
                                         path.artistImplied, whyMissing);
            std::vector<AssignmentEdge> plain;
            plain.reserve(edges.size());
            for (const auto& e : edges)
                plain.push_back(e.edge);
            const auto assignment = assignTracks(ctx.asked.size(), files.size(), plain);

            std::map<std::string, int> formats;
            int numbersMatching = 0, topTier = 0, namedLikeAlbumOnly = 0;
            double confidenceSum = 0;
            std::vector<std::size_t> missingRows;
            for (std::size_t row = 0; row < ctx.asked.size(); ++row)
            {
                if (!assignment[row])
                {
                    missingRows.push_back(row);
                    if (whyMissing[row].empty())
                        whyMissing[row] = "its file serves another wanted track";
                    continue;
                }
                const auto& e = *std::find_if(edges.begin(), edges.end(), [&](const TrackPairEdge& x) {
                    return x.edge.row == row && x.edge.column == *assignment[row];
                });
                const auto& c = e.candidate;
                FolderTrackPick pick;
                pick.wantedIndex = ctx.asked[row].index;
                pick.filename = c.filename;
                pick.size = c.size;
                pick.format = c.format;
                pick.bitRate = c.bitRate;
                pick.bitDepth = c.bitDepth;
                pick.sampleRate = c.sampleRate;
                pick.length = c.length;
                pick.confidence = c.confidence;
                out.picks[pick.wantedIndex] = std::move(pick);
                ++out.matchedTracks;
                ++formats[c.format];
                numbersMatching += e.numberMatches ? 1 : 0;
                topTier += c.qualityTier == 0 ? 1 : 0;
                namedLikeAlbumOnly += ctx.asked[row].namedLikeAlbum ? 1 : 0;
                confidenceSum += c.confidence;
                out.qualityTier = std::max(out.qualityTier, c.qualityTier);
            }
            out.missingTracks = asked - out.matchedTracks;
            out.confidence = out.matchedTracks ? confidenceSum / out.matchedTracks : 0.0;
            for (const auto& [format, count] : formats)
                if (out.format.empty() || count > formats[out.format])
                    out.format = format;
            out.mixedFormats = formats.size() > 1;

            // "Album (Single)\01 - Album.flac": one or two files, or only the track named like the album.
            const bool small = out.audioFiles <= kSingleMaxFiles && ctx.wanted.tracks.size() >= kSingleMinAlbumTracks;
            if (small && path.singleWord.empty() &&
                ((folder.browsed && asked > out.audioFiles) ||
                 (out.matchedTracks > 0 && namedLikeAlbumOnly == out.matchedTracks)))
                hard.push_back(fmt::format("looks like a single named like the album: {} audio file{}, the album has "
                                           "{} tracks",
                                           out.audioFiles, out.audioFiles == 1 ? "" : "s", total));
            const bool numbersCarry = out.matchedTracks > 0 && numbersMatching * 10 >= out.matchedTracks * 8;
            if (!path.albumInPath && !(out.missingTracks == 0 && numbersCarry))
                hard.push_back("album \"" + ctx.album.title + "\" is not in the folder path");
            // The track scorer lets a live album's files go unlabelled; then the folder (or every file) must say it.
            if (const VersionSet unnamed = ctx.album.mustBeLabelled & ~versionsImpliedBy(path.present); unnamed != 0)
            {
                int labelled = 0;
                for (const auto& pick : out.picks)
                {
                    if (!pick)
                        continue;
                    const auto tokens = parseRemotePath(pick->filename).tokens;
                    VersionSet named = 0;
                    for (std::size_t k = 0; k < tokens.size(); ++k)
                        named |= versionKindsAt(tokens, k);
                    labelled += (unnamed & ~versionsImpliedBy(named)) == 0 ? 1 : 0;
                }
                if (out.matchedTracks == 0 || labelled < out.matchedTracks)
                    hard.push_back("wanted " + describeVersions(unnamed) + " album; the folder does not name it");
            }

            if (out.missingTracks > 0)
            {
                std::string list;
                for (std::size_t i = 0; i < missingRows.size() && i < 4; ++i)
                    list += (i ? "; " : "") + trackLabel(ctx, ctx.asked[missingRows[i]]) + " (" +
                            whyMissing[missingRows[i]] + ")";
                if (missingRows.size() > 4)
                    list += fmt::format("; {} more", missingRows.size() - 4);
                if (out.matchedTracks == 0)
                    soft.push_back(fmt::format("no wanted track matched: {}", list));
                else if (!ctx.options.allowPartial)
                    soft.push_back(fmt::format("missing {} of {} wanted tracks: {}", out.missingTracks, asked, list));
                else
                    evidence.push_back(fmt::format("partial fill allowed: {} of {} wanted tracks, missing {}",
                                                   out.matchedTracks, asked, list));
                if (!path.editionWords.empty())
                    soft.push_back(fmt::format("\"{}\" edition is acceptable only with every wanted track",
                                               path.editionWords));
            }
            else if (!path.editionWords.empty())
                evidence.push_back(fmt::format("\"{}\" edition: acceptable, every wanted track is there ({} extra "
                                               "audio file{})",
                                               path.editionWords, out.audioFiles - out.matchedTracks,
                                               out.audioFiles - out.matchedTracks == 1 ? "" : "s"));

            out.needsBrowse = !folder.browsed && out.missingTracks > 0 && out.matchedTracks > 0 &&
                              path.albumInPath && hard.empty();
            if (out.needsBrowse)
                soft.push_back(fmt::format("browse first: the search showed {} audio file{} of this folder; it may "
                                           "hold the {} missing track{}",
                                           out.audioFiles, out.audioFiles == 1 ? "" : "s", out.missingTracks,
                                           out.missingTracks == 1 ? "" : "s"));

            // Evidence, strongest first.
            if (path.albumInPath)
                evidence.push_back("album \"" + ctx.album.title + "\" in the path");
            if (path.yearMatches)
                evidence.push_back(fmt::format("year {} in the path", *ctx.album.year));
            else if (path.otherYear && ctx.album.year)
                evidence.push_back(fmt::format("year {} in the path, the release is from {}", *path.otherYear,
                                               *ctx.album.year));
            if (path.artistInPath)
                evidence.push_back("artist in the path");
            else if (path.artistImplied)
                evidence.push_back("no artist in the path; the folder names only the album");
            if (path.remaster)
                evidence.push_back("remastered edition: the same recordings");
            evidence.push_back(fmt::format("{} audio file{} for {} asked-for track{} ({} matched{}){}",
                                           out.audioFiles, out.audioFiles == 1 ? "" : "s", asked, asked == 1 ? "" : "s",
                                           out.matchedTracks,
                                           out.audioFiles > out.matchedTracks
                                               ? fmt::format(", {} extra", out.audioFiles - out.matchedTracks)
                                               : std::string(),
                                           otherFiles > 0 ? fmt::format("; {} other file{}", otherFiles, otherFiles == 1 ? "" : "s") : std::string()));
            if (out.matchedTracks > 0)
                evidence.push_back(fmt::format("{} of {} track numbers match", numbersMatching, out.matchedTracks));
            if (out.mixedFormats)
            {
                std::string mix;
                for (const auto& [format, count] : formats)
                    mix += fmt::format("{}{} {}", mix.empty() ? "" : ", ", count, format);
                evidence.push_back("mixed formats: " + mix + " (ranked below one format)");
            }
            if (out.matchedTracks > 0)
                evidence.push_back(fmt::format("{}, worst tier {} of {}, {} of {} files in the top tier", out.format,
                                               out.qualityTier + 1, ctx.tiers, topTier, out.matchedTracks));

            const auto stats = ctx.history.stats(folder.username);
            const double peerPoints = availabilityPoints(folder) + 0.5 * historyPoints(stats);
            const double completeness = asked ? static_cast<double>(out.matchedTracks) / asked : 0.0;
            const double coverage = out.matchedTracks ? static_cast<double>(topTier) / out.matchedTracks : 0.0;
            out.accepted = hard.empty() && soft.empty() && out.matchedTracks > 0;
            if (out.accepted)
                out.score = acceptedScore(out, ctx.tiers, coverage, completeness, peerPoints);
            else
                out.score = -1000.0 + (out.needsBrowse ? 500.0 : 0.0) + 300.0 * completeness + 100.0 * out.confidence +
                            peerPoints;
            out.score = std::round(out.score * 1000.0) / 1000.0;

            for (auto& r : hard)
                out.reasons.push_back("rejected: " + r);
            for (auto& r : soft)
                out.reasons.push_back("rejected: " + r);
            if (out.accepted)
                out.reasons.push_back(fmt::format("accepted: {} of {} wanted tracks, {}, confidence {:.2f}",
                                                  out.matchedTracks, asked, out.format, out.confidence));
            for (auto& r : evidence)
                out.reasons.push_back(std::move(r));
            out.reasons.push_back(fmt::format("{}; queue {}; upload {:.0f} KB/s",
                                              folder.hasFreeUploadSlot ? "free upload slot" : "no free upload slot",
                                              folder.queueLength, static_cast<double>(folder.uploadSpeed) / 1024.0));
            if (stats.successes + stats.failures > 0)
                out.reasons.push_back(fmt::format("peer history: {} succeeded, {} failed", stats.successes, stats.failures));
            return out;
        }
    } // namespace

    AlbumMatchResult AlbumScorer::score(const WantedAlbum& wanted, const std::vector<AlbumFolder>& folders,
                                        const QualityProfile& profile, const PeerHistory& history,
                                        const AlbumMatchOptions& options) const
    {
        AlbumMatchResult result;
        const auto album = prepareAlbum(wanted);
        const auto asked = askedTracks(wanted, album, options);
        bool multiDisc = wanted.discCount > 1;
        for (const auto& t : wanted.tracks)
            multiDisc = multiDisc || t.discNumber > 1;
        const Context ctx{wanted, album, asked, profile, history, options, tierCount(profile), multiDisc};
        result.folders.reserve(folders.size());
        for (const auto& folder : folders)
        {
            auto scored = scoreFolder(ctx, folder);
            if (asked.empty())
            {
                scored.accepted = false;
                scored.score = -1000;
                scored.reasons.insert(scored.reasons.begin(), "rejected: the wanted album has no tracks to ask for");
            }
            result.folders.push_back(std::move(scored));
        }
        std::sort(result.folders.begin(), result.folders.end(), [](const ScoredFolder& a, const ScoredFolder& b) {
            if (a.accepted != b.accepted)
                return a.accepted;
            if (a.score != b.score)
                return a.score > b.score;
            if (a.username != b.username)
                return a.username < b.username;
            return a.directory < b.directory;
        });
        if (!result.folders.empty() && result.folders.front().accepted)
            result.chosen = 0;
        return result;
    }
} // namespace soulspot::matching
