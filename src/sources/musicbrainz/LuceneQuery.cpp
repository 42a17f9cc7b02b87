#include "sources/musicbrainz/LuceneQuery.hpp"

#include <algorithm>

namespace soulspot::sources::musicbrainz
{
    std::string escapeLucene(std::string_view text)
    {
        static constexpr std::string_view kSpecial = "+-&|!(){}[]^\"~*?:\\/";
        std::string out;
        out.reserve(text.size() + 8);
        for (char c : text)
        {
            if (kSpecial.find(c) != std::string_view::npos)
                out.push_back('\\');
            out.push_back(c);
        }
        return out;
    }

    std::string recordingSearchQuery(std::string_view artist, std::string_view title, std::optional<int> durationMs)
    {
        std::string query = "recording:\"" + escapeLucene(title) + "\"";
        if (!artist.empty())
            query += " AND artist:\"" + escapeLucene(artist) + "\"";
        if (durationMs && *durationMs > 0)
        {
            const int low = std::max(0, *durationMs - kSearchDurationWindowMs);
            const int high = *durationMs + kSearchDurationWindowMs;
            query += " AND dur:[" + std::to_string(low) + " TO " + std::to_string(high) + "]";
        }
        return query;
    }

    std::string releaseGroupSearchQuery(std::string_view artist, std::string_view title)
    {
        std::string query = "releasegroup:\"" + escapeLucene(title) + "\"";
        if (!artist.empty())
            query += " AND artist:\"" + escapeLucene(artist) + "\"";
        return query;
    }
} // namespace soulspot::sources::musicbrainz
