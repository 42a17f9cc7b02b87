#include "jobs/LibraryFiler.hpp"

#include <algorithm>

#include "core/Log.hpp"
#include "db/repositories/AlbumRepository.hpp"
#include "db/repositories/LibraryRepository.hpp"
#include "jobs/LibraryIndexing.hpp"

namespace soulspot::jobs
{
    namespace
    {
        const core::Logger kLog("jobs.filing");

        std::string lowerExtension(const std::filesystem::path& p)
        {
            auto ext = p.extension().string();
            std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return ext;
        }

        // Fields the file already has win only where the wanted track knows nothing.
        library::TrackMetadata overlay(library::TrackMetadata base, const library::TrackMetadata& known)
        {
            auto text = [](std::string& into, const std::string& from) {
                if (!from.empty())
                    into = from;
            };
            text(base.title, known.title);
            if (!known.artists.empty())
            {
                base.artists = known.artists;
                base.artistCredit = known.artistCredit;
            }
            text(base.album, known.album);
            text(base.albumArtist, known.albumArtist);
            text(base.albumType, known.albumType);
            text(base.musicBrainzReleaseId, known.musicBrainzReleaseId);
            text(base.musicBrainzReleaseGroupId, known.musicBrainzReleaseGroupId);
            if (known.trackTotal)
                base.trackTotal = known.trackTotal;
            if (known.discTotal)
                base.discTotal = known.discTotal;
            text(base.date, known.date);
            text(base.isrc, known.isrc);
            if (known.trackNumber)
                base.trackNumber = known.trackNumber;
            if (known.discNumber)
                base.discNumber = known.discNumber;
            return base;
        }

        // Naming needs values even when the tags have none; these never reach the file's tags.
        library::NamingInput namingInputFor(library::TrackMetadata m, const library::VerificationResult& verified,
                                            const std::filesystem::path& file, const std::string& originalTitle)
        {
            if (m.title.empty())
                m.title = file.stem().string();
            if (m.artists.empty() && m.artistCredit.empty())
                m.artists = {"Unknown Artist"};
            if (m.albumArtist.empty() && !m.artists.empty())
                m.albumArtist = m.artists.front(); // folder per primary artist, as Lidarr's {Artist Name}
            if (m.album.empty())
                m.album = "Unknown Album";
            if (!m.discTotal && m.discNumber && *m.discNumber > 1)
                m.discTotal = *m.discNumber; // disc 2 proves a multi-disc release
            library::NamingInput input;
            input.metadata = std::move(m);
            input.audio = verified.audio;
            input.originalFilename = file.stem().string();
            input.originalTitle = originalTitle.empty() ? file.stem().string() : originalTitle;
            return input;
        }

        std::string describe(library::ImportOutcome outcome)
        {
            switch (outcome)
            {
            case library::ImportOutcome::Imported: return "imported";
            case library::ImportOutcome::ImportedWithSuffix: return "imported next to a different recording of the same name";
            case library::ImportOutcome::ReplacedWorse: return "imported, replacing a worse copy";
            case library::ImportOutcome::KeptExisting: return "kept existing better file";
            }
            return "imported";
        }
        // The album's release wins over what the track row (perhaps from a playlist's compilation) says.
        void applyRelease(library::TrackMetadata& m, const db::AlbumRepository::Placement& p)
        {
            const auto& a = p.album;
            m.album = a.title;
            m.albumArtist = a.artist;
            if (!a.releaseDate.empty())
                m.date = a.releaseDate;
            m.albumType = a.primaryType;
            m.discNumber = p.discNumber;
            m.discTotal = std::max(1, a.discCount);
            if (p.trackNumber > 0)
                m.trackNumber = p.trackNumber;
            if (p.tracksOnDisc > 0)
                m.trackTotal = p.tracksOnDisc;
            m.musicBrainzReleaseId = a.releaseMbid;
            m.musicBrainzReleaseGroupId = a.releaseGroupMbid;
        }
    } // namespace

    library::TrackMetadata metadataFromTrack(const db::TrackRecord& track)
    {
        library::TrackMetadata m;
        m.title = track.title;
        m.artists = track.artists;
        m.artistCredit = track.artistDisplay();
        m.album = track.album;
        m.trackNumber = track.trackNumber;
        m.discNumber = track.discNumber;
        m.date = track.releaseDate;
        m.isrc = track.isrc;
        return m;
    }

    LibraryFiler::LibraryFiler(db::Database& db, std::shared_ptr<library::ITagStore> tags, std::filesystem::path musicRoot,
                               std::function<void()> onIndexed)
        : db_(db), tags_(std::move(tags)), musicRoot_(std::move(musicRoot)), onIndexed_(std::move(onIndexed)), naming_(db)
    {
    }

    tl::expected<Filed, FilingFailure> LibraryFiler::file(const FilingRequest& request)
    {
        library::VerificationOptions options;
        if (request.track && request.track->durationMs)
            options.expectedDurationMs = *request.track->durationMs;
        options.durationToleranceMs = request.durationToleranceMs;
        auto verified = library::verifyAudioFile(request.file, options);
        if (!verified.accepted())
        {
            const bool missing = verified.reason == library::VerificationFailure::Missing;
            return tl::unexpected(FilingFailure{missing ? "file_missing" : std::string(library::toString(verified.reason)),
                                                verified.message, !missing, false});
        }

        library::TrackMetadata current;
        if (auto existing = tags_->read(request.file))
            current = existing->metadata;
        if (request.track)
        {
            auto known = metadataFromTrack(*request.track);
            if (request.downloadId)
            {
                auto placement = db::AlbumRepository(db_).placementOf(*request.downloadId);
                if (!placement)
                    return tl::unexpected(FilingFailure{"io_error", "could not read the album of the download: " +
                                                                        placement.error().message,
                                                        false, true});
                if (*placement)
                    applyRelease(known, **placement);
            }
            // Tagged in the downloads folder, before the move: the library never sees a half-tagged file.
            // A tag failure is not a reason to lose a good download; enrichment writes tags again later.
            if (auto written = tags_->write(request.file, known, {}); !written)
                kLog.warning("could not tag the file; importing it as it is",
                             {{"file", request.file.string()}, {"error", written.error().message}});
            current = overlay(std::move(current), known);
        }

        const auto relative =
            naming_.scheme().render(namingInputFor(current, verified, request.file, request.originalTitle),
                                    lowerExtension(request.file));
        library::FileImporter importer(*tags_);
        auto placed = importer.import(request.file, musicRoot_, relative);
        if (!placed)
        {
            const auto& e = placed.error();
            if (e.code == core::ErrorCode::InvalidArgument)
                return tl::unexpected(FilingFailure{"naming_error", e.message, false, false});
            return tl::unexpected(FilingFailure{"io_error", e.message, false, true});
        }
        index(placed->finalPath, request.track, placed->replaced);
        return Filed{*placed, describe(placed->outcome), std::move(verified)};
    }

    void LibraryFiler::index(const std::filesystem::path& finalPath, const std::optional<db::TrackRecord>& track,
                             const std::optional<std::filesystem::path>& replaced)
    {
        // Best effort: the file is safely in the library; the next scan indexes whatever is missed here.
        db::LibraryRepository repo(db_);
        auto entry = statAudioFile(finalPath);
        auto tags = tags_->read(finalPath);
        if (!entry || !tags)
        {
            kLog.warning("could not index the imported file", {{"path", finalPath.string()}});
            return;
        }
        auto row = libraryRecordFor(*entry, *tags);
        if (track)
            row.trackId = track->id;
        if (auto r = repo.upsert(row); !r)
            kLog.warning("could not index the imported file", {{"path", finalPath.string()}, {"error", r.error().message}});
        if (replaced && *replaced != finalPath)
            (void)repo.removePaths({replaced->string()});
        if (track)
            (void)repo.markTrackOwned(track->id, finalPath.string());
        if (onIndexed_)
            onIndexed_();
    }
} // namespace soulspot::jobs
