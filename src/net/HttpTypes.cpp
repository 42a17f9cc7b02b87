#include "net/HttpTypes.hpp"

#include <algorithm>
#include <cctype>

namespace soulspot::net
{
    std::optional<std::string> HttpResponse::header(std::string_view name) const
    {
        for (const auto& [key, value] : headers)
        {
            if (key.size() == name.size() &&
                std::equal(key.begin(), key.end(), name.begin(), [](char a, char b) {
                    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
                }))
                return value;
        }
        return std::nullopt;
    }

    std::string urlEncode(std::string_view value)
    {
        static constexpr char kHex[] = "0123456789ABCDEF";
        std::string out;
        out.reserve(value.size() * 3);
        for (unsigned char c : value)
        {
            if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~')
                out.push_back(static_cast<char>(c));
            else
            {
                out.push_back('%');
                out.push_back(kHex[c >> 4]);
                out.push_back(kHex[c & 0x0F]);
            }
        }
        return out;
    }

    std::string joinUrl(std::string_view base, std::string_view path)
    {
        std::string out(base);
        while (!out.empty() && out.back() == '/')
            out.pop_back();
        if (!path.empty() && path.front() != '/')
            out.push_back('/');
        out.append(path);
        return out;
    }
} // namespace soulspot::net
