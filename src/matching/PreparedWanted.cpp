#include "matching/PreparedWanted.hpp"

#include <algorithm>

namespace soulspot::matching
{
    namespace
    {
        std::string trimmed(std::string_view text)
        {
            const auto first = text.find_first_not_of(" \t");
            if (first == std::string_view::npos)
                return {};
            const auto last = text.find_last_not_of(" \t");
            return std::string(text.substr(first, last - first + 1));
        }

        // " - ", " – ", " — " at bracket depth 0 start a qualifier (Spotify's "Song - Live at Wembley").
        std::size_t dashSeparatorLength(std::string_view text, std::size_t pos)
        {
            if (text[pos] != ' ')
                return 0;
            for (std::string_view dash : {std::string_view(" - "), std::string_view(" \xE2\x80\x93 "),
                                          std::string_view(" \xE2\x80\x94 ")})
            {
                if (text.substr(pos, dash.size()) == dash)
                    return dash.size();
            }
            return 0;
        }

        // Words of the wanted title's version qualifiers that identify the version (remixer, venue).
        bool isGenericQualifierWord(std::string_view word)
        {
            static constexpr std::string_view kGeneric[] = {"at", "in", "on", "from", "of", "by", "and", "the",
                                                            "mix", "edit", "version", "remix", "live", "radio",
                                                            "club", "vocal", "dub", "extended"};
            return word.size() < 2 || std::find(std::begin(kGeneric), std::end(kGeneric), word) != std::end(kGeneric);
        }

        NamePattern makePattern(std::string_view display, const std::vector<std::string>& words)
        {
            return NamePattern{std::string(display), compactForm(words), words.size()};
        }
    } // namespace

    TitleParts splitTitle(std::string_view title)
    {
        TitleParts parts;
        std::string current;
        bool inDashQualifier = false;
        int depth = 0;
        auto flushQualifier = [&parts](std::string& text) {
            auto clean = trimmed(text);
            if (!clean.empty())
                parts.qualifiers.push_back(std::move(clean));
            text.clear();
        };
        std::string bracket;
        for (std::size_t pos = 0; pos < title.size(); ++pos)
        {
            const char c = title[pos];
            if (c == '(' || c == '[' || c == '{')
            {
                if (depth++ > 0)
                    bracket.push_back(c);
                continue;
            }
            if ((c == ')' || c == ']' || c == '}') && depth > 0)
            {
                if (--depth == 0)
                    flushQualifier(bracket);
                else
                    bracket.push_back(c);
                continue;
            }
            if (depth > 0)
            {
                bracket.push_back(c);
                continue;
            }
            if (const auto dash = dashSeparatorLength(title, pos); dash > 0)
            {
                if (inDashQualifier)
                    flushQualifier(current);
                else
                {
                    parts.core = trimmed(current);
                    current.clear();
                }
                inDashQualifier = true;
                pos += dash - 1;
                continue;
            }
            current.push_back(c);
        }
        flushQualifier(bracket); // unclosed bracket
        if (inDashQualifier)
            flushQualifier(current);
        else
            parts.core = trimmed(current);
        return parts;
    }

    std::vector<std::string> coreTitleWords(const TitleParts& parts, const NormalizeOptions& options)
    {
        auto cut = [](std::vector<std::string> words) {
            const auto credit = std::find_if(words.begin(), words.end(),
                                             [](const std::string& w) { return isCreditWord(w, false); });
            words.erase(credit, words.end());
            return words;
        };
        auto words = cut(normalizeWords(parts.core, options));
        if (!words.empty())
            return words;
        // A title that is all brackets ("(Untitled)"): the qualifiers are the name.
        for (const auto& qualifier : parts.qualifiers)
        {
            auto more = cut(normalizeWords(qualifier, options));
            words.insert(words.end(), more.begin(), more.end());
        }
        return words;
    }

    std::vector<std::string> artistWords(std::string_view artist, const NormalizeOptions& options)
    {
        auto words = normalizeWords(artist, options);
        if (words.size() > 1 && words.front() == "the")
            words.erase(words.begin());
        return words;
    }

    PreparedWanted prepareWanted(const WantedTrack& wanted)
    {
        PreparedWanted prepared;
        const auto parts = splitTitle(wanted.title);
        const auto titleWords = coreTitleWords(parts);
        prepared.title = makePattern(parts.core.empty() ? wanted.title : parts.core, titleWords);

        std::vector<std::string> known;
        for (const auto& qualifier : parts.qualifiers)
        {
            std::vector<Token> tokens;
            tokenizeInto(qualifier, tokens);
            if (tokens.empty())
                continue;
            VersionSet kinds = 0;
            for (std::size_t i = 0; i < tokens.size(); ++i)
                kinds |= versionKindsAt(tokens, i);
            const bool credit = isCreditWord(tokens.front().text, true);
            for (std::size_t i = 0; i < tokens.size(); ++i)
            {
                known.push_back(tokens[i].text);
                if (kinds != 0 && !credit && versionKindsAt(tokens, i) == 0 && !tokens[i].startsWithDigit &&
                    !isQualifierNoise(tokens[i].text) && !isGenericQualifierWord(tokens[i].text))
                    prepared.detailWords.push_back(tokens[i].text);
            }
            if (!credit)
                prepared.wantedVersions |= kinds;
        }
        prepared.mustBeLabelled = versionsThatMustBeLabelled(prepared.wantedVersions);

        for (const auto& artist : wanted.artists)
        {
            const auto words = artistWords(artist);
            if (words.empty())
                continue;
            prepared.artists.push_back(makePattern(artist, words));
            for (const auto& word : normalizeWords(artist))
                known.push_back(word);
        }

        std::vector<Token> albumTokens;
        tokenizeInto(wanted.album, albumTokens);
        std::vector<std::string> albumWords;
        for (std::size_t i = 0; i < albumTokens.size(); ++i)
        {
            // A live or remix album makes its tracks that version even when the title does not say so.
            prepared.wantedVersions |= versionKindsAt(albumTokens, i);
            albumWords.push_back(albumTokens[i].text);
            known.push_back(albumTokens[i].text);
        }
        prepared.album = makePattern(wanted.album, albumWords);
        prepared.wantedVersions = versionsImpliedBy(prepared.wantedVersions);

        std::sort(known.begin(), known.end());
        known.erase(std::unique(known.begin(), known.end()), known.end());
        prepared.knownWords = std::move(known);

        if (wanted.durationMs && *wanted.durationMs > 0)
            prepared.durationSec = *wanted.durationMs / 1000.0;
        if (wanted.trackNumber && *wanted.trackNumber > 0)
            prepared.trackNumber = wanted.trackNumber;
        prepared.isrc = normalizeText(wanted.isrc);
        return prepared;
    }

    bool isKnownWord(const PreparedWanted& wanted, std::string_view word)
    {
        return std::binary_search(wanted.knownWords.begin(), wanted.knownWords.end(), word,
                                  [](std::string_view a, std::string_view b) { return a < b; });
    }
} // namespace soulspot::matching
