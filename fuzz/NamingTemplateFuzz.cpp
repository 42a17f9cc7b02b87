// Naming templates (user settings) and the metadata they render (tags from peers' files, MusicBrainz):
// NamingTemplate::parse, render, previewTemplate and safeJoin. Input: the template on the first line, then
// one metadata field per line (title, artist, album artist, album, date, original file name, original title,
// medium name, extension), then bytes for track/disc numbers.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "FuzzCheck.hpp"
#include "PathChecks.hpp"
#include "library/NamingTemplate.hpp"
#include "library/PathSanitizer.hpp"

namespace
{
    using namespace soulspot;
    using fuzz::takeUntil;

    std::optional<int> number(std::string_view& rest)
    {
        if (rest.size() < 4)
            return std::nullopt;
        std::int32_t v = 0;
        std::memcpy(&v, rest.data(), sizeof v);
        rest.remove_prefix(sizeof v);
        return v;
    }

    library::NamingInput inputFrom(std::string_view rest)
    {
        library::NamingInput in;
        auto& m = in.metadata;
        m.title = takeUntil(rest, '\n');
        m.artists = {std::string(takeUntil(rest, '\n'))};
        m.albumArtist = takeUntil(rest, '\n');
        m.album = takeUntil(rest, '\n');
        m.date = takeUntil(rest, '\n');
        in.originalFilename = takeUntil(rest, '\n');
        in.originalTitle = takeUntil(rest, '\n');
        in.mediumName = takeUntil(rest, '\n');
        m.genre = takeUntil(rest, '\n');
        m.trackNumber = number(rest);
        m.discNumber = number(rest);
        m.discTotal = number(rest);
        m.trackTotal = number(rest);
        return in;
    }
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const std::string_view text = takeUntil(rest, '\n');
    const std::string extension(takeUntil(rest, '\n'));

    auto parsed = library::NamingTemplate::parse(text);
    if (auto preview = library::previewTemplate(text, ".flac"); preview)
    {
        FUZZ_CHECK(parsed.has_value(), "preview and parse agree");
        fuzz::checkRelativePath(*preview);
    }
    if (!parsed)
        return 0;

    const std::filesystem::path root = "/srv/soulspot-fuzz/music";
    for (const auto& input : {library::sampleNamingInput(), inputFrom(rest)})
    {
        const std::string rendered = parsed->render(input, extension);
        fuzz::checkRelativePath(rendered);
        if (auto joined = library::safeJoin(root, rendered))
            fuzz::checkJoined(root, *joined);
    }
    return 0;
}
