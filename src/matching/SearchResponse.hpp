#pragma once
// One peer's answer to an slskd search (reference/slskd-api.md §1.4), reduced to what matching needs.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace soulspot::matching
{
    struct SearchFile
    {
        std::string filename; // full remote path, usually with backslashes
        std::int64_t size{0}; // bytes
        std::optional<int> bitRate;    // kbps
        std::optional<int> bitDepth;   // bits
        std::optional<int> sampleRate; // Hz
        std::optional<int> length;     // seconds
        std::optional<bool> isVariableBitRate;
        std::string extension; // lower case without the dot; may be empty in slskd output
        bool locked{false};    // came from lockedFiles: the peer will not send it to us
    };

    struct SearchResponse
    {
        std::string username;
        bool hasFreeUploadSlot{false};
        std::int64_t uploadSpeed{0}; // bytes/s
        std::int64_t queueLength{0};
        std::vector<SearchFile> files;
        std::vector<SearchFile> lockedFiles;
    };
} // namespace soulspot::matching
