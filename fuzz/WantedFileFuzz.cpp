// Wanted lists uploaded by users (CSV/Exportify, M3U/M3U8, plain "Artist - Title" lines) through
// parseWantedFile, the one entry point the import service and the upload handler call. The first byte picks the
// file-name hint, so extension-based and content-based detection are both reached.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "FuzzCheck.hpp"
#include "sources/playlistfile/WantedFile.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace soulspot::sources::playlistfile;
    static constexpr std::array<std::string_view, 6> kHints{"", "wanted.csv", "list.m3u", "list.m3u8", "wanted.txt",
                                                            "Liked_Songs.CSV"};
    if (size == 0)
        return 0;
    const std::string_view hint = kHints[data[0] % kHints.size()];
    const std::string_view content(reinterpret_cast<const char*>(data + 1), size - 1);

    auto report = parseWantedFile(content, hint);
    if (!report)
        return 0;
    (void)toString(report->format);
    int lastLine = 0;
    for (const auto& e : report->entries)
    {
        FUZZ_CHECK(!e.artists.empty(), "an entry has at least one artist");
        for (const auto& a : e.artists)
            FUZZ_CHECK(!a.empty(), "no artist is empty");
        FUZZ_CHECK(!e.title.empty(), "an entry has a title");
        FUZZ_CHECK(e.durationMs >= 0, "durations are never negative");
        FUZZ_CHECK(e.lineNumber >= 1, "line numbers are 1-based");
        FUZZ_CHECK(e.lineNumber >= lastLine, "entries are in file order");
        lastLine = e.lineNumber;
        for (const char c : e.isrc)
            FUZZ_CHECK(!(c >= 'a' && c <= 'z'), "ISRCs are upper case");
    }
    for (const auto& err : report->errors)
    {
        FUZZ_CHECK(err.lineNumber >= 0, "error line numbers are not negative");
        FUZZ_CHECK(!err.message.empty(), "a row error says what is wrong");
    }
    return 0;
}
