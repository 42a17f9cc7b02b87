#pragma once
// The scanner's expensive pass: TagLib reads of many files on a small thread pool, handed back to the
// calling thread in batches while the workers keep reading, so the one database writer and the readers
// overlap instead of taking turns.

#include <cstddef>
#include <functional>
#include <stop_token>
#include <vector>

#include "core/Error.hpp"
#include "library/AudioFileWalker.hpp"
#include "library/ITagStore.hpp"

namespace soulspot::library
{
    struct FileReadResult
    {
        AudioFileEntry entry;
        core::Result<FileTags> tags;
    };

    struct ParallelReadOptions
    {
        int threads{0};            // 0 = hardware concurrency (at least 1)
        std::size_t batchSize{256}; // results per call of the consumer (the last batch may be smaller)
    };

    using ReadBatchConsumer = std::function<void(std::vector<FileReadResult>&& batch)>;

    /// Reads every entry with readFileTags(). `consume` runs on the calling thread only, in completion
    /// order; when it falls behind, the workers pause (at most a few batches are buffered). A stop request
    /// ends the run after the files already being read; what was read is still consumed.
    void readTagsInParallel(const std::vector<AudioFileEntry>& files, const ParallelReadOptions& options,
                            const ReadBatchConsumer& consume, std::stop_token stop = {});
} // namespace soulspot::library
