#include "http/TransferCoding.hpp"

#include <cctype>
#include <vector>

namespace soulspot::http
{
    namespace
    {
        std::string_view trim(std::string_view s)
        {
            while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
                s.remove_prefix(1);
            while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
                s.remove_suffix(1);
            return s;
        }

        std::string lower(std::string_view s)
        {
            std::string out(s);
            for (char& c : out)
                c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            return out;
        }
    } // namespace

    std::optional<TransferCodingProblem> transferCodingProblem(std::string_view values)
    {
        std::vector<std::string> codings;
        while (true)
        {
            const auto comma = values.find(',');
            auto item = trim(values.substr(0, comma));
            item = trim(item.substr(0, item.find(';'))); // transfer parameters do not change the coding
            if (!item.empty())
                codings.push_back(lower(item));
            if (comma == std::string_view::npos)
                break;
            values.remove_prefix(comma + 1);
        }
        if (codings.empty())
            return std::nullopt;
        // "identity" was dropped from HTTP/1.1 (RFC 7230) and is reserved now; like gzip or deflate it is
        // a coding we do not decode, so it is refused too rather than guessed at.
        for (const auto& c : codings)
            if (c != "chunked")
                return TransferCodingProblem{501, "not_implemented",
                                             "Transfer-Encoding '" + c.substr(0, 40) + "' is not supported; send chunked or Content-Length"};
        if (codings.size() > 1)
            return TransferCodingProblem{400, "bad_request", "chunked must be the last transfer coding and appear once"};
        return std::nullopt;
    }
} // namespace soulspot::http
