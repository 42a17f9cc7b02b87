#include "library/FileImporter.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <vector>

#include "core/Log.hpp"
#include "library/PathSanitizer.hpp"

namespace soulspot::library
{
    namespace
    {
        const core::Logger kLog("library.import");
        constexpr int kMaxSuffix = 999;

        std::string lower(std::string s)
        {
            std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
            return s;
        }

        // Files that would be "the same track" for a listener: same stem, any audio extension ("07 - X.mp3"
        // next to an incoming "07 - X.flac").
        std::vector<std::filesystem::path> audioSiblings(const std::filesystem::path& destination)
        {
            std::vector<std::filesystem::path> out;
            std::error_code ec;
            std::filesystem::directory_iterator it(destination.parent_path(), ec);
            if (ec)
                return out;
            const auto stem = destination.stem();
            for (const std::filesystem::directory_iterator end; it != end; it.increment(ec))
            {
                if (ec)
                    break;
                const auto& p = it->path();
                if (p.stem() == stem && isAudioExtension(p) && it->is_regular_file(ec))
                    out.push_back(p);
            }
            std::sort(out.begin(), out.end());
            return out;
        }
    } // namespace

    bool isSameRecording(const FileTags& a, const FileTags& b)
    {
        const auto& ida = a.metadata.musicBrainzRecordingId;
        const auto& idb = b.metadata.musicBrainzRecordingId;
        if (!ida.empty() && !idb.empty())
            return ida == idb;
        if (a.metadata.title.empty() || lower(a.metadata.title) != lower(b.metadata.title))
            return false;
        return std::abs(a.audio.durationMs - b.audio.durationMs) <= 3000;
    }

    FileImporter::FileImporter(const ITagStore& tags, AtomicMover mover) : tags_(tags), mover_(std::move(mover)) {}

    core::Result<ImportResult> FileImporter::import(const std::filesystem::path& source,
                                                    const std::filesystem::path& libraryRoot,
                                                    std::string_view relativePath, const MoveOptions& moveOptions) const
    {
        auto destination = safeJoin(libraryRoot, relativePath);
        if (!destination)
            return core::fail(destination.error());
        auto incoming = tags_.read(source);
        if (!incoming)
            return core::fail(incoming.error());

        for (const auto& existingPath : audioSiblings(*destination))
        {
            auto existing = tags_.read(existingPath);
            if (!existing || !isSameRecording(*incoming, *existing))
                continue;
            if (qualityRank(incoming->audio) <= qualityRank(existing->audio))
            {
                kLog.info("kept the existing copy: equal or better quality",
                          {{"existing", existingPath.string()}, {"incoming", source.string()}});
                return ImportResult{ImportOutcome::KeptExisting, existingPath, std::nullopt};
            }
            MoveOptions replace = moveOptions;
            replace.replaceExisting = existingPath == *destination; // same name: one atomic rename swaps them
            if (auto moved = mover_.move(source, *destination, replace); !moved)
                return core::fail(moved.error());
            if (existingPath != *destination)
            {
                std::error_code ec;
                std::filesystem::remove(existingPath, ec);
                if (ec)
                    kLog.warning("could not remove the replaced copy", {{"path", existingPath.string()}});
            }
            return ImportResult{ImportOutcome::ReplacedWorse, *destination, existingPath};
        }

        MoveOptions noReplace = moveOptions;
        noReplace.replaceExisting = false;
        auto moved = mover_.move(source, *destination, noReplace);
        if (moved)
            return ImportResult{ImportOutcome::Imported, *destination, std::nullopt};
        if (moved.error().code != core::ErrorCode::Conflict)
            return core::fail(moved.error());
        return placeWithSuffix(source, *destination, noReplace);
    }

    core::Result<ImportResult> FileImporter::placeWithSuffix(const std::filesystem::path& source,
                                                             const std::filesystem::path& destination,
                                                             const MoveOptions& moveOptions) const
    {
        const std::string stem = destination.stem().string();
        const std::string extension = destination.extension().string();
        for (int n = 2; n <= kMaxSuffix; ++n)
        {
            // Re-sanitised so the suffix still fits in 255 bytes (the stem gives way, not the suffix).
            const std::string suffix = " (" + std::to_string(n) + ")";
            const std::size_t reserved = std::min<std::size_t>(extension.size() + suffix.size(), kMaxComponentBytes - 1);
            const std::string name =
                sanitizeFileName(truncateUtf8(stem, kMaxComponentBytes - reserved) + suffix, extension);
            auto moved = mover_.move(source, destination.parent_path() / name, moveOptions);
            if (moved)
                return ImportResult{ImportOutcome::ImportedWithSuffix, destination.parent_path() / name, std::nullopt};
            if (moved.error().code != core::ErrorCode::Conflict)
                return core::fail(moved.error());
        }
        return core::fail(core::Error::conflict("no free name for " + destination.string() + " after " +
                                                std::to_string(kMaxSuffix) + " attempts"));
    }
} // namespace soulspot::library
