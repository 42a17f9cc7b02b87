// identify(): ISRC first (exact, cheap to trust once title/artist/length fit), then a search accepted only
// above the confidence threshold. Follow-up lookups (releases, track numbers) are best effort: when they
// fail, the match is returned with what is known rather than losing it.
#include <cstdlib>

#include "core/Log.hpp"
#include "sources/musicbrainz/IMusicBrainzApi.hpp"
#include "sources/musicbrainz/Identifiers.hpp"
#include "sources/musicbrainz/MatchRules.hpp"

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        const core::Logger kLog("sources.musicbrainz.identify");

        RecordingMatch toMatch(const Recording& recording, MatchSource source, int confidence)
        {
            return RecordingMatch{recording.id,      recording.title, recording.artists, creditDisplay(recording.artists),
                                  recording.lengthMs, recording.isrcs, std::nullopt,      source,
                                  confidence};
        }

        int lengthDelta(const WantedInfo& wanted, const Recording& r)
        {
            if (!wanted.durationMs || !r.lengthMs)
                return kMaxLengthDeltaMs; // unknown ranks after any known fit
            return std::abs(*wanted.durationMs - *r.lengthMs);
        }

        /// Picks the release and fills in its track/disc position from a release lookup.
        void attachRelease(IMusicBrainzApi& api, RecordingMatch& match, const std::vector<ReleaseInfo>& releases,
                           const WantedInfo& wanted)
        {
            auto chosen = chooseRelease(releases, wanted.album);
            if (!chosen)
                return;
            match.release = *chosen;
            auto details = api.release(chosen->id);
            if (!details)
            {
                kLog.warning("release lookup failed; keeping the summary",
                             {{"release", chosen->id}, {"error", details.error().message}});
                return;
            }
            if (!*details)
                return;
            ReleaseInfo placed = placeRecording(**details, match.recordingId);
            if (placed.trackNumber == 0) // not found by id (merged MBID?): keep what the summary knew
            {
                placed.trackNumber = chosen->trackNumber;
                placed.trackCount = chosen->trackCount;
                placed.discNumber = chosen->discNumber;
            }
            if (!placed.hasFrontCover)
                placed.hasFrontCover = chosen->hasFrontCover;
            match.release = std::move(placed);
        }

        core::Result<std::optional<RecordingMatch>> byIsrc(IMusicBrainzApi& api, const WantedInfo& wanted,
                                                            const std::string& isrc)
        {
            auto recordings = api.lookupIsrc(isrc);
            if (!recordings)
                return core::fail(recordings.error());
            const Recording* best = nullptr;
            for (const auto& r : *recordings)
                if (fitsWanted(wanted, r) && (!best || lengthDelta(wanted, r) < lengthDelta(wanted, *best)))
                    best = &r;
            if (!best)
                return std::optional<RecordingMatch>{};
            RecordingMatch match = toMatch(*best, MatchSource::Isrc, 100);
            // The ISRC answer's releases lack release groups, which chooseRelease needs to prefer albums.
            std::vector<ReleaseInfo> releases = best->releases;
            if (auto full = api.recording(best->id); full && *full)
            {
                releases = (*full)->releases;
                if (match.isrcs.empty())
                    match.isrcs = (*full)->isrcs;
            }
            else if (!full)
                kLog.warning("recording lookup failed; using the ISRC answer's releases",
                             {{"recording", best->id}, {"error", full.error().message}});
            if (match.isrcs.empty())
                match.isrcs.push_back(isrc);
            attachRelease(api, match, releases, wanted);
            return std::optional<RecordingMatch>(std::move(match));
        }

        core::Result<std::optional<RecordingMatch>> bySearch(IMusicBrainzApi& api, const WantedInfo& wanted)
        {
            if (wanted.title.empty() || wanted.artist.empty())
                return std::optional<RecordingMatch>{};
            // The full title first (exact phrases score best); the bare title only when that found nothing,
            // because each search costs a second of the shared rate limit.
            std::vector<std::string> titles{wanted.title};
            if (const auto bare = searchableTitle(wanted.title); !bare.empty() && bare != wanted.title)
                titles.push_back(bare);
            for (const auto& title : titles)
            {
                auto hits = api.searchRecording(wanted.artist, title, wanted.durationMs);
                if (!hits)
                    return core::fail(hits.error());
                for (const auto& hit : *hits)
                {
                    if (!isConfidentSearchHit(wanted, hit))
                        continue;
                    RecordingMatch match = toMatch(hit, MatchSource::Search, hit.score);
                    attachRelease(api, match, hit.releases, wanted);
                    return std::optional<RecordingMatch>(std::move(match));
                }
            }
            return std::optional<RecordingMatch>{};
        }
    } // namespace

    core::Result<std::optional<RecordingMatch>> identifyRecording(IMusicBrainzApi& api, const WantedInfo& wanted)
    {
        if (const auto isrc = normaliseIsrc(wanted.isrc))
        {
            auto match = byIsrc(api, wanted, *isrc);
            if (!match || *match)
                return match;
            kLog.debug("no recording for the ISRC fits; searching", {{"isrc", *isrc}, {"title", wanted.title}});
        }
        return bySearch(api, wanted);
    }
} // namespace soulspot::sources::musicbrainz
