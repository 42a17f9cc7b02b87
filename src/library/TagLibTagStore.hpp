#pragma once
// ITagStore backed by TagLib (TagReader + TagWriter).

#include "library/ITagStore.hpp"

namespace soulspot::library
{
    class TagLibTagStore final : public ITagStore
    {
    public:
        core::Result<FileTags> read(const std::filesystem::path& file) const override;
        core::Result<TagWriteReport> write(const std::filesystem::path& file, const TrackMetadata& metadata,
                                           const TagWriteOptions& options) override;
    };
} // namespace soulspot::library
