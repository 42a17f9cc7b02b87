#include "matching/TextMatcher.hpp"

#include <algorithm>
#include <utility>

namespace soulspot::matching
{
    namespace
    {
        using Span = std::pair<std::size_t, std::size_t>; // [first, last)

        // What a word is before we know where the title sits.
        enum class Role : std::uint8_t { Free, Credit, Known, Noise, Number, Tiny };

        bool isVinylSide(const std::string& w)
        {
            return w.size() >= 2 && w.size() <= 3 && w[0] >= 'a' && w[0] <= 'h' && w[1] >= '0' && w[1] <= '9';
        }

        bool isAllDigits(const std::string& w)
        {
            return !w.empty() && std::all_of(w.begin(), w.end(), [](char c) { return c >= '0' && c <= '9'; });
        }

        bool isYear(const std::string& w)
        {
            return w.size() == 4 && isAllDigits(w) && (w[0] == '1' || w[0] == '2');
        }

        void findSpans(const std::vector<Token>& tokens, std::size_t from, std::size_t to, std::string_view compact,
                       std::vector<Span>& out)
        {
            if (compact.empty())
                return;
            for (std::size_t i = from; i < to; ++i)
            {
                std::size_t matched = 0;
                std::size_t j = i;
                while (j < to && matched < compact.size() && tokens[j].component == tokens[i].component)
                {
                    const auto& word = tokens[j].text;
                    if (matched + word.size() > compact.size() || compact.compare(matched, word.size(), word) != 0)
                        break;
                    matched += word.size();
                    ++j;
                }
                if (matched == compact.size())
                    out.emplace_back(i, j);
            }
        }

        std::vector<Role> classifyWords(const PreparedWanted& wanted, const std::vector<Token>& tokens)
        {
            std::vector<Role> roles(tokens.size(), Role::Free);
            for (std::size_t i = 0; i < tokens.size(); ++i)
            {
                const auto& token = tokens[i];
                if (roles[i] == Role::Credit)
                    continue;
                if (isCreditWord(token.text, token.inBracket))
                {
                    // "feat. X" credits run to the end of their segment.
                    for (std::size_t j = i; j < tokens.size() && tokens[j].group == token.group; ++j)
                        roles[j] = Role::Credit;
                    continue;
                }
                if (isKnownWord(wanted, token.text))
                    roles[i] = Role::Known;
                else if (token.startsWithDigit || isVinylSide(token.text))
                    roles[i] = Role::Number; // before Tiny: "Halo 2" is another song, "Halo" + "s" is not
                else if (token.text.size() == 1)
                    roles[i] = Role::Tiny;
                else if (isQualifierNoise(token.text))
                    roles[i] = Role::Noise;
            }
            return roles;
        }

        bool isVersionContext(const std::vector<Token>& tokens, std::size_t k)
        {
            auto versionAt = [&](std::size_t i) {
                return i < tokens.size() && tokens[i].group == tokens[k].group && versionKindsAt(tokens, i) != 0;
            };
            return versionAt(k) || (k > 0 && versionAt(k - 1)) || versionAt(k + 1);
        }

        bool isVersionGroup(const std::vector<Token>& tokens, std::size_t k)
        {
            for (std::size_t i = 0; i < tokens.size(); ++i)
                if (tokens[i].group == tokens[k].group && versionKindsAt(tokens, i) != 0)
                    return true;
            return false;
        }

        bool isReleaseTag(const RemotePath& path, std::size_t k)
        {
            const auto& tokens = path.tokens;
            return k + 1 == tokens.size() && tokens[k].text.size() <= 4 && k > path.basenameBegin &&
                   tokens[k - 1].group != tokens[k].group;
        }

        struct Occurrence
        {
            Span span{0, 0};
            bool reject{false};
            double penalty{0};
            std::string sameSegmentWords;
            std::string strayWords;
            int strayAfter{0};
        };

        void appendWord(std::string& list, const std::string& word)
        {
            if (!list.empty())
                list += ' ';
            list += word;
        }

        Occurrence judgeOccurrence(const RemotePath& path, const std::vector<Role>& roles, Span span)
        {
            Occurrence result;
            result.span = span;
            const auto& tokens = path.tokens;
            const auto firstGroup = tokens[span.first].group;
            const auto lastGroup = tokens[span.second - 1].group;
            int strayBefore = 0;
            for (std::size_t k = path.basenameBegin; k < tokens.size(); ++k)
            {
                if (k >= span.first && k < span.second)
                    continue;
                const bool before = k < span.first;
                const bool sameSegment = tokens[k].group == (before ? firstGroup : lastGroup);
                const Role role = roles[k];
                bool explained = role == Role::Credit || role == Role::Known || role == Role::Tiny ||
                                 isVersionContext(tokens, k);
                if (role == Role::Number)
                    explained = before || !sameSegment || isYear(tokens[k].text) || !isAllDigits(tokens[k].text);
                if (role == Role::Noise)
                    explained = !sameSegment || !before || tokens[k].text == "track";
                if (role == Role::Noise && sameSegment && !before)
                    explained = tokens[k].text != "the" && tokens[k].text != "a" && tokens[k].text != "an";
                if (explained)
                    continue;
                if (sameSegment)
                {
                    appendWord(result.sameSegmentWords, tokens[k].text);
                    result.reject = true;
                }
                else
                {
                    appendWord(result.strayWords, tokens[k].text);
                    (before ? strayBefore : result.strayAfter) += 1;
                    // "Album - 03 - Other Title" puts the wanted (album) title before a free segment; a lone
                    // short word closing the name is a scene release tag ("01-artist-title-ksi").
                    if (!before && !tokens[k].inBracket && !isReleaseTag(path, k))
                        result.reject = true;
                }
            }
            if (result.strayAfter >= 2)
                result.reject = true;
            result.penalty = 0.1 * result.strayAfter + std::min(0.1, 0.03 * strayBefore);
            return result;
        }

        std::optional<int> leadingTrackNumber(const RemotePath& path)
        {
            const auto& tokens = path.tokens;
            const auto b = path.basenameBegin;
            if (b >= tokens.size() || !isAllDigits(tokens[b].text) || tokens[b].text.size() > 3)
                return std::nullopt;
            std::size_t index = b;
            // "1-01 Title": disc then track.
            if (b + 1 < tokens.size() && isAllDigits(tokens[b + 1].text) && tokens[b + 1].text.size() == 2 &&
                tokens[b].text.size() == 1)
                index = b + 1;
            const int value = std::stoi(tokens[index].text);
            return value >= 100 ? value % 100 : value;
        }
    } // namespace

    TextVerdict matchText(const PreparedWanted& wanted, const RemotePath& path,
                          const std::vector<std::string>& excludedWords)
    {
        TextVerdict verdict;
        const auto& tokens = path.tokens;
        const auto roles = classifyWords(wanted, tokens);

        std::vector<Span> spans;
        findSpans(tokens, path.basenameBegin, tokens.size(), wanted.title.compact, spans);
        Occurrence best;
        bool haveBest = false;
        for (const auto& span : spans)
        {
            auto occurrence = judgeOccurrence(path, roles, span);
            if (!haveBest || std::pair(occurrence.reject, occurrence.penalty) < std::pair(best.reject, best.penalty))
            {
                best = std::move(occurrence);
                haveBest = true;
            }
        }
        std::vector<bool> titleWord(tokens.size(), false);
        if (!haveBest)
            verdict.rejections.push_back("title \"" + wanted.title.display + "\" is not in the file name");
        else
        {
            verdict.titleInFileName = true;
            for (std::size_t k = best.span.first; k < best.span.second; ++k)
                titleWord[k] = true;
            if (!best.sameSegmentWords.empty())
                verdict.rejections.push_back("file name has \"" + best.sameSegmentWords +
                                             "\" next to the title: a different song");
            else if (best.reject)
                verdict.rejections.push_back("file name has extra words \"" + best.strayWords + "\" after the title");
            verdict.penalty = best.penalty;
            verdict.strayWords = best.strayWords;
        }
        // The title inside folder names ("Artist - Title (Single)") is not a version marker either.
        std::vector<Span> folderTitles;
        findSpans(tokens, 0, path.basenameBegin, wanted.title.compact, folderTitles);
        for (const auto& [first, last] : folderTitles)
            for (std::size_t k = first; k < last; ++k)
                titleWord[k] = true;

        // Artist: anywhere but on the title's own words; a whole-name hit of the primary artist wins.
        int bestRank = -1;
        for (std::size_t a = 0; a < wanted.artists.size(); ++a)
        {
            std::vector<Span> artistSpans;
            findSpans(tokens, 0, tokens.size(), wanted.artists[a].compact, artistSpans);
            for (const auto& [first, last] : artistSpans)
            {
                if (haveBest && first < best.span.second && best.span.first < last)
                    continue;
                // "Other - Halo (Tiësto Remix)" or "(feat. Sia)": a credited remixer or guest is not the artist.
                if (roles[first] == Role::Credit || (tokens[first].inBracket && isVersionGroup(tokens, first)))
                    continue;
                bool whole = true;
                for (std::size_t k = 0; k < tokens.size() && whole; ++k)
                    if ((k < first || k >= last) && tokens[k].group == tokens[first].group && roles[k] == Role::Free)
                        whole = false;
                const bool inFileName = first >= path.basenameBegin;
                const int rank = (whole ? 4 : 0) + (a == 0 ? 2 : 0) + (inFileName ? 1 : 0);
                if (rank > bestRank)
                {
                    bestRank = rank;
                    verdict.artistIndex = static_cast<int>(a);
                    verdict.artistWholeName = whole;
                    verdict.artistInFileName = inFileName;
                }
            }
        }
        // A missing artist (artistIndex < 0) is judged by the caller: an album folder can imply it.

        // Versions: words outside the wanted title, artist, album and qualifiers.
        VersionSet present = 0;
        std::string excludedFound;
        for (std::size_t k = 0; k < tokens.size(); ++k)
        {
            if (roles[k] == Role::Credit)
                continue;
            const VersionSet kinds = versionKindsAt(tokens, k);
            present |= kinds;
            if (titleWord[k] || roles[k] == Role::Known)
                continue;
            verdict.versions |= kinds;
            if (excludedFound.empty() &&
                std::find(excludedWords.begin(), excludedWords.end(), tokens[k].text) != excludedWords.end())
                excludedFound = tokens[k].text;
        }
        if (const VersionSet unwanted = verdict.versions & ~wanted.wantedVersions; unwanted != 0)
            verdict.rejections.push_back(describeVersions(unwanted) + " version, which the wanted title does not ask for");
        if (const VersionSet missing = wanted.mustBeLabelled & ~versionsImpliedBy(present); missing != 0)
            verdict.rejections.push_back("wanted " + describeVersions(missing) + " version is not named in the path");
        if ((wanted.wantedVersions & bitOf(VersionKind::Remix)) && !wanted.detailWords.empty())
        {
            const bool named = std::any_of(tokens.begin(), tokens.end(), [&](const Token& t) {
                return std::find(wanted.detailWords.begin(), wanted.detailWords.end(), t.text) !=
                       wanted.detailWords.end();
            });
            if (!named)
                verdict.rejections.push_back("wanted version by \"" + wanted.detailWords.front() + "\" is not named");
        }
        if ((wanted.wantedVersions & bitOf(VersionKind::RadioEdit)) && !(wanted.wantedVersions & bitOf(VersionKind::Extended)))
        {
            // "Original Mix", "Album Version": the file says it is the long cut, not the wanted radio edit.
            for (std::size_t k = 0; k + 1 < tokens.size(); ++k)
                if (!titleWord[k] && (tokens[k].text == "original" || tokens[k].text == "album") &&
                    (tokens[k + 1].text == "mix" || tokens[k + 1].text == "version") &&
                    tokens[k + 1].group == tokens[k].group && k >= path.basenameBegin)
                {
                    verdict.rejections.push_back("file is the " + tokens[k].text + " " + tokens[k + 1].text +
                                                 ", the wanted title asks for a radio edit");
                    break;
                }
        }
        if (!excludedFound.empty())
            verdict.rejections.push_back("excluded word \"" + excludedFound + "\" in the path");

        std::vector<Span> albumSpans;
        findSpans(tokens, 0, tokens.size(), wanted.album.compact, albumSpans);
        verdict.albumFound = !albumSpans.empty();
        if (wanted.trackNumber)
            verdict.trackNumberMatches = leadingTrackNumber(path) == wanted.trackNumber;
        if (!wanted.isrc.empty())
            verdict.isrcFound = std::any_of(tokens.begin(), tokens.end(),
                                            [&](const Token& t) { return t.text == wanted.isrc; });
        return verdict;
    }
} // namespace soulspot::matching
