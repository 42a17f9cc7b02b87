// MusicBrainz WS/2 answers (reference/musicbrainz-api.md): ISRC lookup, recording search, recording and release
// lookups, each read from the same bytes as the client does (parseObject first).

#include <cstddef>
#include <cstdint>
#include <string>

#include "FuzzCheck.hpp"
#include "sources/musicbrainz/MusicBrainzJson.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace soulspot::sources::musicbrainz;
    const std::string body(reinterpret_cast<const char*>(data), size);
    auto obj = json::parseObject(body, "fuzz");
    if (!obj)
        return 0;

    const auto isrc = json::parseIsrcAnswer(*obj);
    const auto search = json::parseSearchAnswer(*obj);
    FUZZ_CHECK(search.size() == isrc.size(), "search and ISRC answers read the same recordings");
    for (std::size_t i = 1; i < search.size(); ++i)
        FUZZ_CHECK(search[i - 1].score >= search[i].score, "search answers are best first");

    const auto recording = json::parseRecording(*obj);
    (void)creditDisplay(recording.artists);
    const auto details = json::parseReleaseDetails(*obj);
    (void)details.media.size();
    return 0;
}
