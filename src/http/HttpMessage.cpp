#include "http/HttpMessage.hpp"

#include <algorithm>
#include <cctype>

#include "http/JsonBody.hpp"
#include "http/TextField.hpp"

namespace soulspot::http
{
    namespace
    {
        bool iequals(std::string_view a, std::string_view b)
        {
            return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
                       return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
                   });
        }

        int hexValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    } // namespace

    std::optional<std::string> Request::header(std::string_view name) const
    {
        for (const auto& [k, v] : headers)
            if (iequals(k, name))
                return v;
        return std::nullopt;
    }

    std::optional<std::string> Request::queryParam(const std::string& name) const
    {
        auto it = query.find(name);
        if (it == query.end())
            return std::nullopt;
        return it->second;
    }

    void Response::setHeader(std::string name, std::string value)
    {
        for (auto& [k, v] : headers)
            if (iequals(k, name))
            {
                v = std::move(value);
                return;
            }
        headers.emplace_back(std::move(name), std::move(value));
    }

    std::optional<std::string> Response::header(std::string_view name) const
    {
        for (const auto& [k, v] : headers)
            if (iequals(k, name))
                return v;
        return std::nullopt;
    }

    Response errorResponse(int status, std::string_view code, std::string_view message)
    {
        return jsonResponse(status, errorBody(code, message));
    }

    Response errorResponse(const core::Error& error)
    {
        int status = 500;
        switch (error.code)
        {
        case core::ErrorCode::InvalidArgument:
        case core::ErrorCode::ParseError: status = 400; break;
        case core::ErrorCode::Unauthorized: status = 401; break;
        case core::ErrorCode::NotFound: status = 404; break;
        case core::ErrorCode::Conflict: status = 409; break;
        case core::ErrorCode::RateLimited: status = 429; break;
        case core::ErrorCode::Unavailable:
        case core::ErrorCode::UpstreamError: status = 503; break;
        case core::ErrorCode::Timeout: status = 504; break;
        case core::ErrorCode::IoError:
        case core::ErrorCode::Internal: status = 500; break;
        }
        if (isUnsupportedMediaType(error))
            return errorResponse(415, kUnsupportedMediaType, error.message);
        return jsonResponse(status, errorBody(core::toString(error.code), error.message, errorField(error)));
    }

    Response jsonResponse(int status, std::string body)
    {
        Response r;
        r.status = status;
        r.body = std::move(body);
        return r;
    }

    Response textResponse(int status, std::string body, std::string contentType)
    {
        Response r;
        r.status = status;
        r.body = std::move(body);
        r.contentType = std::move(contentType);
        return r;
    }

    std::string percentDecode(std::string_view s, bool plusAsSpace)
    {
        std::string out;
        out.reserve(s.size());
        for (std::size_t i = 0; i < s.size(); ++i)
        {
            if (s[i] == '%' && i + 2 < s.size() && hexValue(s[i + 1]) >= 0 && hexValue(s[i + 2]) >= 0)
            {
                out.push_back(static_cast<char>(hexValue(s[i + 1]) * 16 + hexValue(s[i + 2])));
                i += 2;
            }
            else if (plusAsSpace && s[i] == '+')
                out.push_back(' ');
            else
                out.push_back(s[i]);
        }
        return out;
    }

    std::multimap<std::string, std::string> parseQuery(std::string_view query)
    {
        std::multimap<std::string, std::string> out;
        while (!query.empty())
        {
            const auto amp = query.find('&');
            const std::string_view pair = query.substr(0, amp);
            if (!pair.empty())
            {
                const auto eq = pair.find('=');
                out.emplace(percentDecode(pair.substr(0, eq), true),
                            eq == std::string_view::npos ? std::string() : percentDecode(pair.substr(eq + 1), true));
            }
            if (amp == std::string_view::npos)
                break;
            query.remove_prefix(amp + 1);
        }
        return out;
    }
} // namespace soulspot::http
