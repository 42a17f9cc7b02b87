#include "matching/AlbumFolders.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include "matching/AlbumScorer.hpp"
#include "matching/TextNormalizer.hpp"

namespace soulspot::matching
{
    namespace
    {
        bool isSeparator(char c) { return c == '\\' || c == '/'; }
        bool isDigit(char c) { return c >= '0' && c <= '9'; }

        char lowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

        // Peer names are untrusted: trim the brackets, spaces and punctuation uploaders wrap disc names in.
        std::string_view trimDecoration(std::string_view s)
        {
            constexpr std::string_view kDecoration = " \t()[]{}-_.#";
            const auto first = s.find_first_not_of(kDecoration);
            if (first == std::string_view::npos)
                return {};
            const auto last = s.find_last_not_of(kDecoration);
            return s.substr(first, last - first + 1);
        }

        bool startsWithWord(std::string_view s, std::string_view word)
        {
            if (s.size() < word.size())
                return false;
            for (std::size_t i = 0; i < word.size(); ++i)
                if (lowerAscii(s[i]) != word[i])
                    return false;
            return true;
        }
    } // namespace

    std::optional<int> discNumberOfFolderName(std::string_view name)
    {
        auto s = trimDecoration(name);
        std::size_t prefix = 0;
        for (std::string_view word : {std::string_view("disc"), std::string_view("disk"), std::string_view("cd")})
            if (startsWithWord(s, word))
            {
                prefix = word.size();
                break;
            }
        if (prefix == 0)
            return std::nullopt;
        std::size_t pos = prefix;
        while (pos < s.size() && (s[pos] == ' ' || s[pos] == '_' || s[pos] == '-' || s[pos] == '.' || s[pos] == '#'))
            ++pos;
        const std::size_t digits = pos;
        while (pos < s.size() && isDigit(s[pos]))
            ++pos;
        if (pos == digits || pos - digits > 2)
            return std::nullopt;
        // "Disc 2 - Bonus", "CD1 (Remastered)", "Disc 1 of 2" still name a disc; "CD1999" or "Discography" do not.
        if (pos < s.size() && !(s[pos] == ' ' || s[pos] == '-' || s[pos] == '_' || s[pos] == '(' || s[pos] == '['))
            return std::nullopt;
        int value = 0;
        for (std::size_t i = digits; i < pos; ++i)
            value = value * 10 + (s[i] - '0');
        if (value == 0)
            return std::nullopt;
        return value;
    }

    bool isArtworkFolderName(std::string_view name)
    {
        static const std::set<std::string, std::less<>> kArtwork = {
            "art", "artwork", "artworks", "booklet", "cover", "covers", "images", "pics", "scans", "and"};
        const auto words = normalizeWords(name);
        if (words.empty())
            return false;
        return std::all_of(words.begin(), words.end(), [](const std::string& w) { return kArtwork.count(w) > 0; }) &&
               !(words.size() == 1 && words.front() == "and");
    }

    std::string_view directoryOf(std::string_view filename)
    {
        const auto slash = filename.find_last_of("\\/");
        if (slash == std::string_view::npos)
            return {};
        auto dir = filename.substr(0, slash);
        while (!dir.empty() && isSeparator(dir.back()))
            dir.remove_suffix(1);
        return dir;
    }

    FileNumbers numbersOfFileName(std::string_view basename, bool multiDisc)
    {
        FileNumbers numbers;
        std::size_t pos = 0;
        while (pos < basename.size() && (basename[pos] == ' ' || basename[pos] == '['))
            ++pos;
        const std::size_t start = pos;
        while (pos < basename.size() && isDigit(basename[pos]))
            ++pos;
        const std::size_t length = pos - start;
        if (length == 0 || length > 3)
            return numbers;
        // "1997 - Title" is a year, "2 Become 1" a title that opens with a number: only numbers followed by a
        // separator count.
        auto value = [&](std::size_t from, std::size_t to) {
            int v = 0;
            for (std::size_t i = from; i < to; ++i)
                v = v * 10 + (basename[i] - '0');
            return v;
        };
        const bool separated = pos == basename.size() || basename[pos] == ' ' || basename[pos] == '.' ||
                               basename[pos] == '-' || basename[pos] == '_' || basename[pos] == ')' ||
                               basename[pos] == ']';
        if (!separated)
            return numbers;
        if (length == 1 && pos + 2 < basename.size() && basename[pos] == '-' && isDigit(basename[pos + 1]) &&
            isDigit(basename[pos + 2]))
        {
            numbers.disc = value(start, pos);
            numbers.track = value(pos + 1, pos + 3);
            return numbers;
        }
        if (length == 3)
        {
            if (!multiDisc)
                return numbers;
            numbers.disc = value(start, start + 1);
            numbers.track = value(start + 1, pos);
            return numbers;
        }
        numbers.track = value(start, pos);
        return numbers;
    }

    std::vector<AlbumFolder> groupIntoFolders(const std::vector<SearchResponse>& responses)
    {
        std::vector<AlbumFolder> folders;
        std::vector<std::set<std::string, std::less<>>> seen; // per folder: a peer may list a path twice
        std::map<std::pair<std::string, std::string>, std::size_t, std::less<>> index;
        for (const auto& response : responses)
        {
            if (response.username.empty())
                continue;
            for (const auto& file : response.files)
            {
                if (file.locked || file.filename.empty() || isSeparator(file.filename.back()))
                    continue;
                auto dir = directoryOf(file.filename);
                // CD2\Artwork\back.jpg belongs to the album two levels up.
                while (!dir.empty())
                {
                    const auto parent = directoryOf(dir);
                    const auto leaf = dir.substr(dir.find_last_of("\\/") == std::string_view::npos
                                                     ? 0
                                                     : dir.find_last_of("\\/") + 1);
                    if (parent.empty() || !(discNumberOfFolderName(leaf) || isArtworkFolderName(leaf)))
                        break;
                    dir = parent;
                }
                auto key = std::pair(response.username, std::string(dir));
                auto it = index.find(key);
                if (it == index.end())
                {
                    AlbumFolder folder;
                    folder.username = response.username;
                    folder.directory = key.second;
                    folder.hasFreeUploadSlot = response.hasFreeUploadSlot;
                    folder.uploadSpeed = response.uploadSpeed;
                    folder.queueLength = response.queueLength;
                    it = index.emplace(std::move(key), folders.size()).first;
                    folders.push_back(std::move(folder));
                    seen.emplace_back();
                }
                if (seen[it->second].insert(file.filename).second)
                    folders[it->second].files.push_back(file);
            }
        }
        return folders;
    }
} // namespace soulspot::matching
