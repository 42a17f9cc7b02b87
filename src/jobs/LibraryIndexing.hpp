#pragma once
// How files become rows of the library index, and how a wanted track is recognised among them: by ISRC,
// by MusicBrainz recording id, or by a match key (normalised primary artist + title) with lengths within
// a few seconds. Shared by the scanner, the importer and the "already owned" check.

#include <filesystem>
#include <string>
#include <string_view>

#include "core/Error.hpp"
#include "db/repositories/LibraryRepository.hpp"
#include "db/repositories/Records.hpp"
#include "library/AudioFileWalker.hpp"
#include "library/ITagStore.hpp"

namespace soulspot::jobs
{
    inline constexpr int kOwnedLengthToleranceMs = 3000;

    /// "the chemical brothers|hey boy hey girl"-like key: diacritics folded, punctuation dropped, featured
    /// artists cut from the artist. Empty when artist or title is empty.
    std::string libraryMatchKey(std::string_view artist, std::string_view title);

    /// The index row for a file that was read successfully.
    db::LibraryFileRecord libraryRecordFor(const library::AudioFileEntry& entry, const library::FileTags& tags);

    /// Size, mtime and format of one file, as the walker reports them.
    core::Result<library::AudioFileEntry> statAudioFile(const std::filesystem::path& file);

    /// What identifies `track` in the library index.
    db::OwnedQuery ownedQueryFor(const db::TrackRecord& track);

    std::int64_t toNanoseconds(std::chrono::system_clock::time_point t);
} // namespace soulspot::jobs
