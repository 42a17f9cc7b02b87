#include "jobs/LibraryIndexing.hpp"

#include <array>

#include "matching/TextNormalizer.hpp"

namespace soulspot::jobs
{
    namespace
    {
        // Where a credit stops naming the primary artist. Applied to both sides of a comparison, so a cut
        // that is too eager ("Earth, Wind & Fire" → "Earth") still compares equal with itself.
        std::string_view primaryArtist(std::string_view credit)
        {
            static constexpr std::array<std::string_view, 7> kSeparators{";", " feat.", " feat ", " ft.", " featuring ",
                                                                         ", ", " / "};
            std::size_t cut = credit.size();
            for (auto sep : kSeparators)
                if (auto pos = credit.find(sep); pos != std::string_view::npos && pos > 0)
                    cut = std::min(cut, pos);
            return credit.substr(0, cut);
        }

        std::string lowerExtension(const std::filesystem::path& p)
        {
            auto ext = p.extension().string();
            if (!ext.empty())
                ext.erase(0, 1);
            for (auto& ch : ext)
                ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            return ext;
        }
    } // namespace

    std::string libraryMatchKey(std::string_view artist, std::string_view title)
    {
        const auto a = matching::compactForm(matching::normalizeWords(primaryArtist(artist)));
        const auto t = matching::compactForm(matching::normalizeWords(title));
        if (a.empty() || t.empty())
            return {};
        return a + "|" + t;
    }

    std::int64_t toNanoseconds(std::chrono::system_clock::time_point t)
    {
        return std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count();
    }

    db::LibraryFileRecord libraryRecordFor(const library::AudioFileEntry& entry, const library::FileTags& tags)
    {
        const auto& m = tags.metadata;
        const auto& a = tags.audio;
        db::LibraryFileRecord r;
        r.path = entry.path.string();
        r.sizeBytes = static_cast<std::int64_t>(entry.sizeBytes);
        r.mtimeNs = toNanoseconds(entry.modified);
        r.format = a.format != library::AudioFormat::Unknown ? std::string(library::toString(a.format)) : lowerExtension(entry.path);
        r.codec = a.codec;
        auto positive = [](int v) { return v > 0 ? std::optional<int>(v) : std::nullopt; };
        r.durationMs = positive(a.durationMs);
        r.bitrate = positive(a.bitrateKbps);
        r.sampleRate = positive(a.sampleRate);
        r.bitDepth = positive(a.bitsPerSample);
        r.channels = positive(a.channels);
        r.qualityRank = library::qualityRank(a);
        r.title = m.title;
        r.artist = m.displayArtist();
        r.album = m.album;
        r.albumArtist = m.albumArtist;
        r.trackNumber = m.trackNumber;
        r.trackTotal = m.trackTotal;
        r.discNumber = m.discNumber;
        r.discTotal = m.discTotal;
        r.releaseDate = m.date;
        r.genre = m.genre;
        r.isrc = m.isrc;
        r.mbRecordingId = m.musicBrainzRecordingId;
        r.mbReleaseId = m.musicBrainzReleaseId;
        r.hasCover = tags.hasFrontCover;
        r.matchKey = libraryMatchKey(m.artists.empty() ? r.artist : m.artists.front(), m.title);
        r.enrichmentState = r.mbRecordingId.empty() ? db::kEnrichPending : db::kEnrichDone;
        return r;
    }

    core::Result<library::AudioFileEntry> statAudioFile(const std::filesystem::path& file)
    {
        std::error_code ec;
        library::AudioFileEntry entry;
        entry.path = file;
        entry.format = library::audioFormatFromPath(file);
        entry.sizeBytes = std::filesystem::file_size(file, ec);
        if (ec)
            return core::fail(core::Error::io("cannot stat " + file.string() + ": " + ec.message()));
        const auto mtime = std::filesystem::last_write_time(file, ec);
        if (ec)
            return core::fail(core::Error::io("cannot stat " + file.string() + ": " + ec.message()));
        entry.modified = std::chrono::time_point_cast<std::chrono::system_clock::duration>(std::chrono::file_clock::to_sys(mtime));
        return entry;
    }

    db::OwnedQuery ownedQueryFor(const db::TrackRecord& track)
    {
        db::OwnedQuery q;
        q.isrc = track.isrc;
        q.matchKey = libraryMatchKey(track.artists.empty() ? std::string() : track.artists.front(), track.title);
        q.durationMs = track.durationMs;
        q.toleranceMs = kOwnedLengthToleranceMs;
        return q;
    }
} // namespace soulspot::jobs
