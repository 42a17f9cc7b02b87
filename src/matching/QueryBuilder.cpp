#include "matching/QueryBuilder.hpp"

#include <algorithm>

#include "matching/PreparedWanted.hpp"

namespace soulspot::matching
{
    namespace
    {
        std::size_t codePointCount(const std::string& word)
        {
            return static_cast<std::size_t>(
                std::count_if(word.begin(), word.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
        }

        std::vector<std::string> searchable(std::vector<std::string> words)
        {
            words.erase(std::remove_if(words.begin(), words.end(),
                                       [](const std::string& w) { return codePointCount(w) < 2; }),
                        words.end());
            return words;
        }

        std::string joinUnique(std::initializer_list<const std::vector<std::string>*> lists)
        {
            std::vector<std::string> seen;
            std::string text;
            for (const auto* list : lists)
            {
                for (const auto& word : *list)
                {
                    if (std::find(seen.begin(), seen.end(), word) != seen.end())
                        continue;
                    seen.push_back(word);
                    if (!text.empty())
                        text.push_back(' ');
                    text += word;
                }
            }
            return text;
        }

        // Version words of the title's qualifiers ("live", "remix", the remixer), not venues or years.
        std::vector<std::string> versionWords(const TitleParts& parts, const NormalizeOptions& options)
        {
            std::vector<std::string> words;
            for (const auto& qualifier : parts.qualifiers)
            {
                std::vector<Token> tokens;
                tokenizeInto(qualifier, tokens, options);
                if (tokens.empty() || isCreditWord(tokens.front().text, true))
                    continue;
                for (std::size_t i = 0; i < tokens.size(); ++i)
                {
                    const auto kinds = versionKindsAt(tokens, i);
                    if (kinds == 0)
                        continue;
                    // "Tiësto Remix": the remixer's name is the most specific word there is.
                    if ((kinds & bitOf(VersionKind::Remix)) && i > 0 && tokens[i - 1].group == tokens[i].group &&
                        !isQualifierNoise(tokens[i - 1].text))
                        words.push_back(tokens[i - 1].text);
                    words.push_back(tokens[i].text);
                }
            }
            return searchable(std::move(words));
        }
    } // namespace

    bool isDistinctiveTitle(const std::vector<std::string>& titleWords)
    {
        std::size_t letters = 0;
        std::size_t longWords = 0;
        for (const auto& word : titleWords)
        {
            letters += codePointCount(word);
            longWords += codePointCount(word) >= 4 ? 1 : 0;
        }
        return (titleWords.size() >= 2 && letters >= 10 && longWords >= 2) || (titleWords.size() == 1 && letters >= 9);
    }

    std::vector<std::string> buildSearchQueries(const WantedTrack& wanted)
    {
        const NormalizeOptions keep{false, false};
        const NormalizeOptions strip{true, false};
        const auto parts = splitTitle(wanted.title);
        const std::string primaryArtist = wanted.artists.empty() ? std::string() : wanted.artists.front();

        std::vector<std::string> queries;
        auto add = [&queries](std::string query) {
            if (!query.empty() && std::find(queries.begin(), queries.end(), query) == queries.end())
                queries.push_back(std::move(query));
        };

        const auto title = searchable(coreTitleWords(parts, keep));
        const auto artist = searchable(normalizeWords(primaryArtist, keep));
        const auto version = versionWords(parts, keep);
        const auto titleStripped = searchable(coreTitleWords(parts, strip));
        const auto artistStripped = searchable(normalizeWords(primaryArtist, strip));
        const auto versionStripped = versionWords(parts, strip);
        const auto artistNoThe = searchable(artistWords(primaryArtist, strip));

        add(joinUnique({&artist, &title, &version}));
        add(joinUnique({&artistStripped, &titleStripped, &versionStripped}));
        add(joinUnique({&artistStripped, &titleStripped}));
        add(joinUnique({&artistNoThe, &titleStripped}));
        // Soulseek ANDs the words, so a long artist name mostly narrows; keep its most specific word.
        if (artistNoThe.size() >= 3)
        {
            const std::vector<std::string> longest{*std::max_element(
                artistNoThe.begin(), artistNoThe.end(),
                [](const std::string& a, const std::string& b) { return codePointCount(a) < codePointCount(b); })};
            add(joinUnique({&titleStripped, &longest}));
        }
        if (isDistinctiveTitle(titleStripped))
            add(joinUnique({&titleStripped, &versionStripped}));
        return queries;
    }
} // namespace soulspot::matching
