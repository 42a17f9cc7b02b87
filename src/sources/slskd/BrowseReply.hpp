#pragma once
// Reading slskd's answer to a directory browse (reference/slskd-api.md §1.5) into full remote paths.
//
// The answer is the peer's data relayed by slskd, so it is untrusted:
//  - bounded: at most maxDirectories directories and maxFiles files in all, names at most maxNameBytes;
//    anything over is dropped (and counted in skippedFiles) rather than failing the whole browse;
//  - a directory must be the one asked for or lie under it (compared case-insensitively, as Windows peers
//    differ in case); others, and those with "." / ".." / empty segments below it, are dropped whole;
//  - a file name must be a bare basename: one containing '\' or '/', equal to "." or "..", or holding
//    control characters is dropped, so a joined path can never step outside its directory.
// What survives is joined as directory + "\" + basename, the path the peer will serve for enqueue.

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/Error.hpp"
#include "sources/slskd/SlskdTypes.hpp"

namespace soulspot::sources::slskd
{
    struct BrowseLimits
    {
        std::size_t maxDirectories{1000};
        std::size_t maxFiles{20000};
        std::size_t maxNameBytes{1024};
        std::size_t maxBodyBytes{32u * 1024u * 1024u};
    };

    /// `body` is the array of {name, fileCount, files[]} slskd > 0.22.2 sends, or the single object older
    /// versions sent. A directory without a name is taken to be `requested`. ParseError when the body is not
    /// JSON of either shape or exceeds maxBodyBytes.
    core::Result<std::vector<BrowsedDirectory>> parseBrowseReply(std::string_view body, const std::string& requested,
                                                                 const BrowseLimits& limits = {});
} // namespace soulspot::sources::slskd
