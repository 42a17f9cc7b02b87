#include "sources/coverart/RedirectTarget.hpp"

namespace soulspot::sources::coverart
{
    namespace
    {
        bool isHttp(std::string_view url) { return url.starts_with("http://") || url.starts_with("https://"); }
    } // namespace

    std::optional<std::string> resolveRedirect(std::string_view current, std::string_view location)
    {
        if (location.empty() || !isHttp(current))
            return std::nullopt;
        if (isHttp(location))
            return std::string(location);
        const auto schemeEnd = current.find("://");
        if (location.starts_with("//"))
            return std::string(current.substr(0, schemeEnd + 1)) + std::string(location);
        if (location.find("://") != std::string_view::npos)
            return std::nullopt; // another scheme (file:, ftp:): never followed
        const auto pathStart = current.find('/', schemeEnd + 3);
        const std::string_view origin = current.substr(0, pathStart);
        if (location.starts_with("/"))
            return std::string(origin) + std::string(location);
        std::string_view path = pathStart == std::string_view::npos ? "/" : current.substr(pathStart);
        path = path.substr(0, path.find_first_of("?#"));
        return std::string(origin) + std::string(path.substr(0, path.rfind('/') + 1)) + std::string(location);
    }
} // namespace soulspot::sources::coverart
