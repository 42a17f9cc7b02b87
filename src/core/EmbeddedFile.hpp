#pragma once
// A file compiled into the binary (see cmake/EmbedFiles.cmake).

#include <string_view>
#include <vector>

namespace soulspot
{
    struct EmbeddedFile
    {
        std::string_view path; // relative to the embedded folder, '/'-separated
        std::string_view content;
    };
} // namespace soulspot
