#include "matching/AlbumPath.hpp"

#include <algorithm>
#include <array>

#include "matching/PreparedWanted.hpp"
#include "matching/RemotePath.hpp"

namespace soulspot::matching
{
    namespace
    {
        // Editions that usually add tracks: acceptable only when every wanted track is there.
        constexpr std::array<std::string_view, 9> kEditionWords = {
            "anniversary", "bonus", "collector", "collectors", "deluxe", "expanded", "special", "super", "limited"};
        constexpr std::array<std::string_view, 5> kRemasterWords = {"reissue", "remaster", "remastered",
                                                                    "remastering", "remasters"};
        constexpr std::array<std::string_view, 5> kSingleWords = {"single", "cds", "maxi", "promo", "ep"};

        template <std::size_t N>
        bool isOneOf(const std::array<std::string_view, N>& words, std::string_view word)
        {
            return std::find(words.begin(), words.end(), word) != words.end();
        }

        bool known(const PreparedAlbum& album, std::string_view word)
        {
            return std::binary_search(album.knownWords.begin(), album.knownWords.end(), word,
                                      [](std::string_view a, std::string_view b) { return a < b; });
        }

        bool isYear(std::string_view w)
        {
            return w.size() == 4 && (w[0] == '1' || w[0] == '2') &&
                   w.find_first_not_of("0123456789") == std::string_view::npos;
        }

        // First token of a run of consecutive tokens of one component spelling `compact`, or npos.
        std::size_t findCompact(const std::vector<Token>& tokens, std::string_view compact)
        {
            if (compact.empty())
                return std::string::npos;
            for (std::size_t i = 0; i < tokens.size(); ++i)
            {
                std::size_t matched = 0;
                for (std::size_t j = i; j < tokens.size() && tokens[j].component == tokens[i].component; ++j)
                {
                    const auto& word = tokens[j].text;
                    if (matched + word.size() > compact.size() || compact.compare(matched, word.size(), word) != 0)
                        break;
                    matched += word.size();
                    if (matched == compact.size())
                        return i;
                }
            }
            return std::string::npos;
        }

        void appendWord(std::string& list, std::string_view word)
        {
            if (list.find(word) != std::string::npos)
                return;
            if (!list.empty())
                list += ' ';
            list += word;
        }
    } // namespace

    PreparedAlbum prepareAlbum(const WantedAlbum& wanted)
    {
        PreparedAlbum album;
        album.title = wanted.title;
        album.titleCompact = compactForm(coreTitleWords(splitTitle(wanted.title)));
        std::vector<Token> tokens;
        tokenizeInto(wanted.title, tokens);
        for (std::size_t i = 0; i < tokens.size(); ++i)
        {
            album.versions |= versionKindsAt(tokens, i);
            album.knownWords.push_back(tokens[i].text);
        }
        album.versions = versionsImpliedBy(album.versions);
        album.mustBeLabelled = versionsThatMustBeLabelled(album.versions);
        for (const auto& artist : wanted.artists)
        {
            const auto words = artistWords(artist);
            if (words.empty())
                continue;
            album.artistCompacts.push_back(compactForm(words));
            for (auto& word : normalizeWords(artist))
                album.knownWords.push_back(std::move(word));
        }
        std::sort(album.knownWords.begin(), album.knownWords.end());
        album.knownWords.erase(std::unique(album.knownWords.begin(), album.knownWords.end()), album.knownWords.end());
        album.year = wanted.year();
        album.isSingleOrEp = wanted.primaryType == "Single" || wanted.primaryType == "EP";
        return album;
    }

    FolderPathEvidence readFolderPath(const PreparedAlbum& album, std::string_view directory)
    {
        FolderPathEvidence evidence;
        std::string path(directory);
        path += '\\'; // every component is a folder
        const auto tokens = parseRemotePath(path).tokens;

        const auto albumAt = findCompact(tokens, album.titleCompact);
        evidence.albumInPath = albumAt != std::string::npos;
        for (const auto& artist : album.artistCompacts)
            evidence.artistInPath = evidence.artistInPath || findCompact(tokens, artist) != std::string::npos;

        bool onlyAlbumWords = evidence.albumInPath;
        for (std::size_t k = 0; k < tokens.size(); ++k)
        {
            const auto& word = tokens[k].text;
            const VersionSet kinds = versionKindsAt(tokens, k);
            evidence.present |= kinds;
            if (isYear(word))
            {
                if (album.year && std::stoi(word) == *album.year)
                    evidence.yearMatches = true;
                else if (!known(album, word) && !evidence.otherYear)
                    evidence.otherYear = std::stoi(word);
            }
            const bool isKnown = known(album, word);
            if (evidence.albumInPath && tokens[k].component == tokens[albumAt].component && !isKnown &&
                !tokens[k].startsWithDigit && word.size() > 1 && !isQualifierNoise(word) &&
                !isOneOf(kEditionWords, word) && !isOneOf(kRemasterWords, word))
                onlyAlbumWords = false;
            if (isKnown)
                continue;
            if (kinds != 0)
            {
                evidence.versions |= kinds;
                appendWord(evidence.versionWords, word);
            }
            if (isOneOf(kEditionWords, word))
                appendWord(evidence.editionWords, word);
            if (isOneOf(kRemasterWords, word))
                evidence.remaster = true;
            if (!album.isSingleOrEp && isOneOf(kSingleWords, word) && evidence.singleWord.empty())
                evidence.singleWord = word;
        }
        evidence.artistImplied = onlyAlbumWords && !evidence.artistInPath;
        return evidence;
    }
} // namespace soulspot::matching
