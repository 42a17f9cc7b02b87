#include "library/TagLibTagStore.hpp"

#include "library/TagReader.hpp"
#include "library/TagWriter.hpp"

namespace soulspot::library
{
    core::Result<FileTags> TagLibTagStore::read(const std::filesystem::path& file) const { return readFileTags(file); }

    core::Result<TagWriteReport> TagLibTagStore::write(const std::filesystem::path& file, const TrackMetadata& metadata,
                                                       const TagWriteOptions& options)
    {
        return writeFileTags(file, metadata, options);
    }
} // namespace soulspot::library
