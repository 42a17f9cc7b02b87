#pragma once
// Places a verified, tagged download into the library at its rendered path, resolving collisions:
// the same recording already there → the better file by quality stays; a different file → " (2)" suffix.

#include <filesystem>
#include <optional>
#include <string_view>

#include "core/Error.hpp"
#include "library/AtomicMover.hpp"
#include "library/ITagStore.hpp"

namespace soulspot::library
{
    enum class ImportOutcome
    {
        Imported,           // placed at the rendered path
        ImportedWithSuffix, // the path held a different recording; placed at "<name> (N).<ext>"
        ReplacedWorse,      // the same recording was there in worse quality; it was removed
        KeptExisting,       // the same recording is already there in equal or better quality; source left alone
    };

    struct ImportResult
    {
        ImportOutcome outcome{ImportOutcome::Imported};
        std::filesystem::path finalPath;                // where the track now lives in the library
        std::optional<std::filesystem::path> replaced;  // the worse file that was removed, if any
    };

    class FileImporter
    {
    public:
        FileImporter(const ITagStore& tags, AtomicMover mover = AtomicMover());

        /// `relativePath` is NamingScheme::render() output; it is joined with safeJoin(), so it cannot escape
        /// `libraryRoot` whatever it contains.
        core::Result<ImportResult> import(const std::filesystem::path& source, const std::filesystem::path& libraryRoot,
                                          std::string_view relativePath, const MoveOptions& moveOptions = {}) const;

    private:
        core::Result<ImportResult> placeWithSuffix(const std::filesystem::path& source,
                                                   const std::filesystem::path& destination,
                                                   const MoveOptions& moveOptions) const;
        const ITagStore& tags_;
        AtomicMover mover_;
    };

    /// Same recording: equal MusicBrainz recording ids when both have one, else equal title (ignoring case)
    /// and lengths within 3 seconds.
    bool isSameRecording(const FileTags& a, const FileTags& b);
} // namespace soulspot::library
