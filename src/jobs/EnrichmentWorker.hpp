#pragma once
// Fills in what MusicBrainz and the Cover Art Archive know about files already in the library: recording,
// release and artist ids, album artist, release date, track and disc totals, and a front cover (release
// art, else the Spotify album image). Runs on its own thread and never holds an import back. The state
// lives in library_files.enrichment_*, so a restart resumes; failures back off and eventually give up.

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "core/Clock.hpp"
#include "db/Database.hpp"
#include "db/repositories/LibraryRepository.hpp"
#include "library/ITagStore.hpp"
#include "sources/coverart/ICoverArtApi.hpp"
#include "sources/musicbrainz/IMusicBrainzApi.hpp"

namespace soulspot::jobs
{
    struct EnrichmentSettings
    {
        std::chrono::milliseconds idleInterval{std::chrono::seconds(30)}; // poll when nothing is due (wake() is faster)
        int batchSize{10};
        int maxAttempts{6}; // then "failed" for good
        std::vector<std::chrono::seconds> backoff{std::chrono::seconds(60), std::chrono::seconds(300),
                                                  std::chrono::seconds(1800), std::chrono::seconds(6 * 3600)};
        std::size_t maxCoverBytes{4 * 1024 * 1024};
    };

    class EnrichmentWorker
    {
    public:
        /// `coverArt` may be null (no covers).
        EnrichmentWorker(db::Database& db, std::shared_ptr<sources::musicbrainz::IMusicBrainzApi> musicbrainz,
                         std::shared_ptr<sources::coverart::ICoverArtApi> coverArt, std::shared_ptr<library::ITagStore> tags,
                         EnrichmentSettings settings = {}, std::shared_ptr<core::IClock> clock = core::systemClock());
        ~EnrichmentWorker();

        void start();
        /// Joins the thread after the file in hand is finished.
        void stop();
        /// Something was imported: look now rather than at the next poll.
        void wake();

        /// Enriches the files that are due now, up to one batch; returns how many were handled (tests).
        int runOnce(std::stop_token stop = {});

    private:
        void loop(std::stop_token stop);
        void enrich(const db::LibraryFileRecord& row);
        void backOff(const db::LibraryFileRecord& row, const std::string& error);
        sources::musicbrainz::WantedInfo wantedFor(const db::LibraryFileRecord& row, std::string& coverUrl);

        db::Database& db_;
        db::LibraryRepository repo_;
        std::shared_ptr<sources::musicbrainz::IMusicBrainzApi> musicbrainz_;
        std::shared_ptr<sources::coverart::ICoverArtApi> coverArt_;
        std::shared_ptr<library::ITagStore> tags_;
        EnrichmentSettings settings_;
        std::shared_ptr<core::IClock> clock_;
        std::mutex mutex_;
        std::condition_variable_any cv_;
        bool woken_{false};
        std::jthread thread_;
    };
} // namespace soulspot::jobs
