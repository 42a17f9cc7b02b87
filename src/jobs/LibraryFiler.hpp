#pragma once
// Files one audio file into the library: verify, tag from the wanted track (without waiting for
// MusicBrainz), name by the user's template, move atomically (collision policy of FileImporter), and
// record it in the library index so enrichment can pick it up. Used by the download import step and by
// `soulspot import-files`.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include <tl/expected.hpp>

#include "db/Database.hpp"
#include "db/repositories/Records.hpp"
#include "jobs/NamingSettings.hpp"
#include "library/AudioVerifier.hpp"
#include "library/FileImporter.hpp"
#include "library/ITagStore.hpp"

namespace soulspot::jobs
{
    struct FilingRequest
    {
        std::filesystem::path file;
        std::optional<db::TrackRecord> track; // the wanted track; nullopt = name by the file's own tags
        int durationToleranceMs{3000};
        std::string originalTitle;             // the name the peer gave the file, for {Original Title}
        /// The download the file came from: when it fetched a track of a wanted album, the album's release
        /// (album, album artist, disc/track numbers and totals, MBIDs, year) is tagged and named with, so every
        /// track of the album lands in one folder whatever the peer called it.
        std::optional<std::int64_t> downloadId;
    };

    struct Filed
    {
        library::ImportResult placed; // KeptExisting: the source is still where it was
        std::string detail;           // "imported", "kept existing better file", …
        library::VerificationResult verification;
    };

    struct FilingFailure
    {
        std::string reasonCode; // verification codes ("truncated"…), "io_error", "naming_error", "file_missing"
        std::string message;
        bool rejected{false};   // the file itself is bad (verification failed)
        bool retryLater{false}; // local trouble: nothing was changed, try again later
    };

    class LibraryFiler
    {
    public:
        /// `onIndexed` runs after a file was recorded in the index (wakes the enrichment worker).
        LibraryFiler(db::Database& db, std::shared_ptr<library::ITagStore> tags, std::filesystem::path musicRoot,
                     std::function<void()> onIndexed = {});

        tl::expected<Filed, FilingFailure> file(const FilingRequest& request);

        const std::filesystem::path& musicRoot() const { return musicRoot_; }

    private:
        void index(const std::filesystem::path& finalPath, const std::optional<db::TrackRecord>& track,
                   const std::optional<std::filesystem::path>& replaced);

        db::Database& db_;
        std::shared_ptr<library::ITagStore> tags_;
        std::filesystem::path musicRoot_;
        std::function<void()> onIndexed_;
        NamingSettings naming_;
    };

    /// What the wanted track tells us, as tags (title, artists, album, numbers, date, ISRC).
    library::TrackMetadata metadataFromTrack(const db::TrackRecord& track);
} // namespace soulspot::jobs
