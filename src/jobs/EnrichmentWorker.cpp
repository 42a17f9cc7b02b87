#include "jobs/EnrichmentWorker.hpp"

#include <filesystem>

#include "core/Log.hpp"
#include "db/repositories/AlbumRepository.hpp"
#include "db/repositories/TrackRepository.hpp"
#include "jobs/LibraryIndexing.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.enrich");
        namespace mb = sources::musicbrainz;

        std::optional<int> positive(int v) { return v > 0 ? std::optional<int>(v) : std::nullopt; }

        library::TrackMetadata metadataFromMatch(const mb::RecordingMatch& match, const db::LibraryFileRecord& row)
        {
            library::TrackMetadata m;
            m.musicBrainzRecordingId = match.recordingId;
            for (const auto& a : match.artists)
                if (!a.id.empty())
                    m.musicBrainzArtistIds.push_back(a.id);
            if (row.isrc.empty() && !match.isrcs.empty())
                m.isrc = match.isrcs.front();
            if (row.title.empty())
                m.title = match.title;
            if (row.artist.empty())
            {
                m.artistCredit = match.artistCredit;
                for (const auto& a : match.artists)
                    m.artists.push_back(a.name);
            }
            if (const auto& r = match.release)
            {
                m.musicBrainzReleaseId = r->id;
                m.musicBrainzReleaseGroupId = r->releaseGroupId;
                m.album = r->title;
                m.albumArtist = r->albumArtist;
                m.date = r->date;
                m.albumType = r->primaryType;
                m.trackNumber = positive(r->trackNumber);
                m.trackTotal = positive(r->trackCount);
                m.discNumber = positive(r->discNumber);
                m.discTotal = positive(r->discCount);
            }
            return m;
        }
    } // namespace

    EnrichmentWorker::EnrichmentWorker(db::Database& db, std::shared_ptr<mb::IMusicBrainzApi> musicbrainz,
                                       std::shared_ptr<sources::coverart::ICoverArtApi> coverArt,
                                       std::shared_ptr<library::ITagStore> tags, EnrichmentSettings settings,
                                       std::shared_ptr<core::IClock> clock)
        : db_(db), repo_(db), musicbrainz_(std::move(musicbrainz)), coverArt_(std::move(coverArt)), tags_(std::move(tags)),
          settings_(std::move(settings)), clock_(std::move(clock))
    {
    }

    EnrichmentWorker::~EnrichmentWorker() { stop(); }

    void EnrichmentWorker::start()
    {
        if (!thread_.joinable())
            thread_ = std::jthread([this](std::stop_token stop) { loop(stop); });
    }

    void EnrichmentWorker::stop()
    {
        if (!thread_.joinable())
            return;
        thread_.request_stop();
        cv_.notify_all();
        thread_.join();
    }

    void EnrichmentWorker::wake()
    {
        {
            std::lock_guard lock(mutex_);
            woken_ = true;
        }
        cv_.notify_all();
    }

    void EnrichmentWorker::loop(std::stop_token stop)
    {
        while (!stop.stop_requested())
        {
            const int handled = runOnce(stop);
            std::unique_lock lock(mutex_);
            if (handled == 0)
                cv_.wait_for(lock, stop, settings_.idleInterval, [this] { return woken_; });
            woken_ = false;
        }
    }

    int EnrichmentWorker::runOnce(std::stop_token stop)
    {
        auto due = repo_.pendingEnrichment(core::toIso8601(clock_->now()), settings_.batchSize);
        if (!due)
        {
            kLog.warning("cannot read the enrichment queue", {{"error", due.error().message}});
            return 0;
        }
        int handled = 0;
        for (const auto& row : *due)
        {
            if (stop.stop_requested())
                break;
            enrich(row);
            ++handled;
        }
        return handled;
    }

    mb::WantedInfo EnrichmentWorker::wantedFor(const db::LibraryFileRecord& row, std::string& coverUrl)
    {
        mb::WantedInfo wanted{row.artist, row.title, row.album, row.durationMs, row.isrc};
        if (!row.trackId)
            return wanted;
        // The wanted track (from Spotify) knows the artist list and ISRC better than a peer's tags.
        if (auto track = db::TrackRepository(db_).find(*row.trackId); track && *track)
        {
            const auto& t = **track;
            if (!t.artists.empty())
                wanted.artist = t.artists.front();
            if (!t.title.empty())
                wanted.title = t.title;
            if (!t.album.empty())
                wanted.album = t.album;
            if (t.durationMs)
                wanted.durationMs = t.durationMs;
            if (!t.isrc.empty())
                wanted.isrc = t.isrc;
            coverUrl = t.coverUrl;
        }
        return wanted;
    }

    void EnrichmentWorker::enrich(const db::LibraryFileRecord& row)
    {
        std::error_code ec;
        if (!std::filesystem::exists(row.path, ec))
        {
            (void)repo_.setEnrichment(row.id, db::kEnrichFailed, row.enrichmentAttempts, std::nullopt,
                                      std::string("file no longer exists"));
            return;
        }
        std::string coverUrl;
        const auto wanted = wantedFor(row, coverUrl);
        std::optional<mb::RecordingMatch> match;
        if (!wanted.title.empty() && (!wanted.artist.empty() || !wanted.isrc.empty()))
        {
            auto identified = musicbrainz_->identify(wanted);
            if (!identified)
            {
                backOff(row, identified.error().message);
                return;
            }
            match = std::move(*identified);
        }

        library::TrackMetadata m;
        if (match)
            m = metadataFromMatch(*match, row);
        if (!row.hasCover && coverArt_)
        {
            const bool releaseHasArt = match && match->release && match->release->hasFrontCover.value_or(true);
            std::string releaseId = releaseHasArt ? match->release->id : std::string();
            // A track of a wanted album gets the album's one cover, whatever release its own lookup chose.
            if (row.trackId)
                if (auto album = db::AlbumRepository(db_).releaseOfTrack(*row.trackId); album && *album)
                {
                    if (!(*album)->releaseMbid.empty())
                        releaseId = (*album)->releaseMbid;
                    if (!(*album)->coverUrl.empty())
                        coverUrl = (*album)->coverUrl;
                }
            auto cover = coverArt_->coverForRelease(releaseId, coverUrl, settings_.maxCoverBytes);
            if (cover && *cover)
                m.frontCover = library::CoverImage{std::move((*cover)->bytes), (*cover)->mime};
            else if (!cover)
                kLog.info("no cover embedded", {{"path", row.path}, {"error", cover.error().message}});
        }
        if (match || m.frontCover)
        {
            library::TagWriteOptions options;
            options.overwriteExisting = false; // MusicBrainz fills gaps; the tags already there stay
            options.maxCoverBytes = settings_.maxCoverBytes;
            if (auto written = tags_->write(row.path, m, options); !written)
            {
                backOff(row, "writing tags: " + written.error().message);
                return;
            }
            // Re-index: the file changed (stamp, ids, cover), and the next scan should not read it again.
            auto entry = statAudioFile(row.path);
            auto tags = tags_->read(row.path);
            if (entry && tags)
                (void)repo_.upsert(libraryRecordFor(*entry, *tags));
        }
        if (match && row.trackId)
            (void)repo_.setTrackRecordingId(*row.trackId, match->recordingId);
        (void)repo_.setEnrichment(row.id, match ? db::kEnrichDone : db::kEnrichNotFound, row.enrichmentAttempts + 1,
                                  std::nullopt, std::nullopt);
        kLog.info("enriched", {{"path", row.path},
                               {"recording", match ? match->recordingId : std::string()},
                               {"cover", m.frontCover.has_value()}});
    }

    void EnrichmentWorker::backOff(const db::LibraryFileRecord& row, const std::string& error)
    {
        const int attempts = row.enrichmentAttempts + 1;
        if (attempts >= settings_.maxAttempts || settings_.backoff.empty())
        {
            kLog.warning("enrichment gave up", {{"path", row.path}, {"error", error}});
            (void)repo_.setEnrichment(row.id, db::kEnrichFailed, attempts, std::nullopt, error);
            return;
        }
        const auto idx = std::min<std::size_t>(static_cast<std::size_t>(attempts - 1), settings_.backoff.size() - 1);
        const auto next = core::toIso8601(clock_->now() + settings_.backoff[idx]);
        kLog.info("enrichment postponed", {{"path", row.path}, {"error", error}, {"next_at", next}});
        (void)repo_.setEnrichment(row.id, db::kEnrichPending, attempts, next, error);
    }
} // namespace soulspot::jobs
