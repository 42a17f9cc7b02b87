// Soulseek remote paths as peers send them ("@@share\Music\Artist\Album\01 - Title.flac"): the matcher's
// parseRemotePath/extensionOf and the library's sanitising of the same name into a local file name
// (peerFileName, sanitizePathComponent, sanitizeFileName, safeJoin).

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "FuzzCheck.hpp"
#include "PathChecks.hpp"
#include "library/PathSanitizer.hpp"
#include "matching/RemotePath.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    using namespace soulspot;
    const std::string_view remote(reinterpret_cast<const char*>(data), size);

    const auto parsed = matching::parseRemotePath(remote);
    FUZZ_CHECK(parsed.basenameBegin <= parsed.tokens.size(), "file-name tokens start inside the token list");
    FUZZ_CHECK(parsed.extension.size() <= 5, "extensions are at most five characters");
    for (const char c : parsed.extension)
        FUZZ_CHECK((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'), "extensions are lower-case alphanumerics");
    FUZZ_CHECK(parsed.extension == matching::extensionOf(remote), "parseRemotePath and extensionOf agree");
    for (std::size_t i = 1; i < parsed.tokens.size(); ++i)
        FUZZ_CHECK(parsed.tokens[i - 1].component <= parsed.tokens[i].component, "components only go forward");

    const std::string_view name = library::peerFileName(remote);
    FUZZ_CHECK(name.find_first_of("/\\") == std::string_view::npos, "a peer file name has no separator");
    fuzz::checkComponent(library::sanitizePathComponent(name));
    fuzz::checkComponent(library::sanitizePathComponent(remote, 32), 32);
    const std::string ext = parsed.extension.empty() ? std::string() : "." + parsed.extension;
    const std::string fileName = library::sanitizeFileName(name.substr(0, name.size() - ext.size()), ext);
    fuzz::checkComponent(fileName);
    FUZZ_CHECK(fileName.ends_with(ext), "the extension is kept");
    // The raw extension of a hostile name, as a caller that did not go through extensionOf would pass it.
    const auto dot = name.rfind('.');
    if (dot != std::string_view::npos)
        fuzz::checkComponent(library::sanitizeFileName(name.substr(0, dot), name.substr(dot)));

    const std::filesystem::path root = "/srv/soulspot-fuzz/downloads";
    std::string relative(remote);
    for (auto& c : relative)
        if (c == '\\')
            c = '/';
    if (auto joined = library::safeJoin(root, relative))
        fuzz::checkJoined(root, *joined);
    return 0;
}
