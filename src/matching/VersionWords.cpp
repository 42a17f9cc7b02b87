#include "matching/VersionWords.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace soulspot::matching
{
    namespace
    {
        using K = VersionKind;
        constexpr VersionSet operator|(K a, K b) { return bitOf(a) | bitOf(b); }

        // Sorted by word so lookups are a binary search.
        constexpr std::array<std::pair<std::string_view, VersionSet>, 55> kVersionWords = {{
            {"8d", bitOf(K::Remix)},
            {"acapella", bitOf(K::Acapella)},
            {"acappella", bitOf(K::Acapella)},
            {"accapella", bitOf(K::Acapella)},
            {"acoustic", bitOf(K::Acoustic)},
            {"alternate", bitOf(K::Demo)},
            {"bootleg", bitOf(K::Remix)},
            {"cappella", bitOf(K::Acapella)},
            {"chiptune", bitOf(K::Cover)},
            {"concert", bitOf(K::Live)},
            {"cover", bitOf(K::Cover)},
            {"covered", bitOf(K::Cover)},
            {"covers", bitOf(K::Cover)},
            {"daycore", bitOf(K::Slowed)},
            {"demo", bitOf(K::Demo)},
            {"demos", bitOf(K::Demo)},
            {"dub", bitOf(K::Remix)},
            {"extended", bitOf(K::Extended)},
            {"homage", bitOf(K::Cover)},
            {"instr", bitOf(K::Instrumental)},
            {"instrumental", bitOf(K::Instrumental)},
            {"instrumentals", bitOf(K::Instrumental)},
            {"karaoke", bitOf(K::Karaoke)},
            {"live", bitOf(K::Live)},
            {"lullaby", bitOf(K::Cover)},
            {"mashup", bitOf(K::Remix)},
            {"nightcore", bitOf(K::Nightcore)},
            {"orchestral", bitOf(K::Cover)},
            {"originally", bitOf(K::Karaoke)},
            {"outtake", bitOf(K::Demo)},
            {"outtakes", bitOf(K::Demo)},
            {"performs", bitOf(K::Cover)},
            {"plays", bitOf(K::Cover)},
            {"preview", bitOf(K::Preview)},
            {"refix", bitOf(K::Remix)},
            {"rehearsal", bitOf(K::Demo)},
            {"remix", bitOf(K::Remix)},
            {"remixed", bitOf(K::Remix)},
            {"remixes", bitOf(K::Remix)},
            {"reprise", bitOf(K::Reprise)},
            {"reverb", bitOf(K::Slowed)},
            {"rework", bitOf(K::Remix)},
            {"reworked", bitOf(K::Remix)},
            {"rmx", bitOf(K::Remix)},
            {"session", bitOf(K::Live)},
            {"sessions", bitOf(K::Live)},
            {"sings", bitOf(K::Cover)},
            {"slowed", bitOf(K::Slowed)},
            {"snippet", bitOf(K::Preview)},
            {"sped", bitOf(K::SpedUp)},
            {"spedup", bitOf(K::SpedUp)},
            {"teaser", bitOf(K::Preview)},
            {"tribute", bitOf(K::Cover)},
            {"unplugged", K::Live | K::Acoustic},
            {"vip", bitOf(K::Remix)},
        }};

        constexpr std::array<std::string_view, 80> kNoiseWords = {
            "a", "aac", "aiff", "alac", "album", "an", "anniversary", "audio",
            "bit", "bonus", "cbr", "cd", "censored", "clean", "collector", "com",
            "deluxe", "digital", "digitally", "dirty", "disc", "disk", "edition", "ep",
            "expanded", "explicit", "flac", "from", "hd", "hi", "high", "hires",
            "hq", "kbit", "kbps", "kbs", "khz", "lossless", "lp", "lyrics",
            "m4a", "master", "mastered", "mono", "motion", "mp3", "music", "net",
            "official", "ogg", "opus", "org", "original", "ost", "picture", "quality",
            "reissue", "remaster", "remastered", "remastering", "remasters", "res", "rip", "single",
            "soundtrack", "special", "stereo", "super", "the", "track", "uncensored", "v0",
            "v2", "version", "versions", "video", "vinyl", "visualizer", "wav", "web",
        };

        static_assert(std::is_sorted(kVersionWords.begin(), kVersionWords.end()));
        static_assert(std::is_sorted(kNoiseWords.begin(), kNoiseWords.end()));

        bool wordIs(const std::vector<Token>& tokens, std::size_t index, std::ptrdiff_t offset,
                    std::initializer_list<std::string_view> words)
        {
            const auto target = static_cast<std::ptrdiff_t>(index) + offset;
            if (target < 0 || target >= static_cast<std::ptrdiff_t>(tokens.size()))
                return false;
            const auto& token = tokens[static_cast<std::size_t>(target)];
            if (token.component != tokens[index].component)
                return false;
            return std::find(words.begin(), words.end(), token.text) != words.end();
        }
    } // namespace

    VersionSet versionKindsAt(const std::vector<Token>& tokens, std::size_t index)
    {
        const std::string_view word = tokens[index].text;
        if (word == "mix" || word == "mixed")
        {
            if (wordIs(tokens, index, -1, {"original", "album", "main", "stereo", "mono", "lp", "single"}))
                return 0;
            // "2011 Mix": a remaster's new mix of the same recording, not a remix.
            const auto prev = index > 0 ? std::string_view(tokens[index - 1].text) : std::string_view();
            if (prev.size() == 4 && (prev[0] == '1' || prev[0] == '2') &&
                prev.find_first_not_of("0123456789") == std::string_view::npos)
                return 0;
            if (wordIs(tokens, index, -1, {"radio"}))
                return bitOf(K::RadioEdit);
            if (wordIs(tokens, index, -1, {"extended", "long", "12"}))
                return bitOf(K::Extended);
            return bitOf(K::Remix);
        }
        if (word == "edit" || word == "edits")
        {
            if (wordIs(tokens, index, -1, {"radio", "single", "short"}))
                return bitOf(K::RadioEdit);
            if (wordIs(tokens, index, -1, {"extended"}))
                return bitOf(K::Extended);
            if (wordIs(tokens, index, -1, {"original", "album"}))
                return 0;
            return bitOf(K::Edit);
        }
        if (word == "version")
        {
            if (wordIs(tokens, index, -1, {"12", "long", "extended"}))
                return bitOf(K::Extended);
            if (wordIs(tokens, index, -1, {"piano", "orchestral", "string", "strings"}))
                return bitOf(K::Cover);
            return 0;
        }
        if (word == "take")
            return wordIs(tokens, index, -1, {"alternate", "alt", "early"}) ||
                           (index + 1 < tokens.size() && tokens[index + 1].startsWithDigit &&
                            tokens[index + 1].component == tokens[index].component)
                       ? bitOf(K::Demo)
                       : 0;
        if (word == "popular")
            return wordIs(tokens, index, -1, {"made"}) ? bitOf(K::Karaoke) : 0;
        if (word == "radio")
            return wordIs(tokens, index, 1, {"version", "cut"}) ? bitOf(K::RadioEdit) : 0;
        if (word == "style")
            return wordIs(tokens, index, -1, {"the"}) && wordIs(tokens, index, 1, {"of"}) ? bitOf(K::Karaoke) : 0;
        if (word == "famous")
            return wordIs(tokens, index, -1, {"made"}) ? bitOf(K::Karaoke) : 0;
        if (word == "performed")
            return wordIs(tokens, index, -1, {"originally"}) ? bitOf(K::Karaoke) : 0;
        if (word == "backing")
            return wordIs(tokens, index, 1, {"track", "tracks"}) ? bitOf(K::Karaoke) : 0;
        if (word == "speed")
            return wordIs(tokens, index, 1, {"up"}) ? bitOf(K::SpedUp) : 0;
        const auto it = std::lower_bound(kVersionWords.begin(), kVersionWords.end(), word,
                                         [](const auto& entry, std::string_view w) { return entry.first < w; });
        return (it != kVersionWords.end() && it->first == word) ? it->second : 0;
    }

    VersionSet versionsImpliedBy(VersionSet wanted)
    {
        VersionSet implied = wanted;
        if (wanted & bitOf(K::RadioEdit))
            implied |= bitOf(K::Edit);
        if (wanted & (bitOf(K::Slowed) | bitOf(K::SpedUp)))
            implied |= bitOf(K::Remix) | bitOf(K::Edit);
        if (wanted & bitOf(K::Remix))
            implied |= bitOf(K::Edit) | bitOf(K::Remix);
        if (wanted & bitOf(K::Karaoke))
            implied |= bitOf(K::Instrumental) | bitOf(K::Cover);
        return implied;
    }

    VersionSet versionsThatMustBeLabelled(VersionSet wanted)
    {
        return wanted & ~(bitOf(K::RadioEdit) | bitOf(K::Extended) | bitOf(K::Edit));
    }

    std::string describeVersions(VersionSet kinds)
    {
        static constexpr std::array<std::pair<VersionKind, std::string_view>, 16> kNames = {{
            {K::Live, "live"},         {K::Remix, "remix"},     {K::Edit, "edit"},
            {K::RadioEdit, "radio edit"}, {K::Extended, "extended"}, {K::Instrumental, "instrumental"},
            {K::Karaoke, "karaoke"},   {K::Cover, "cover/tribute"}, {K::Acoustic, "acoustic"},
            {K::Demo, "demo"},         {K::Reprise, "reprise"}, {K::SpedUp, "sped up"},
            {K::Slowed, "slowed"},     {K::Nightcore, "nightcore"}, {K::Acapella, "a cappella"},
            {K::Preview, "preview"},
        }};
        std::string text;
        for (const auto& [kind, name] : kNames)
        {
            if (!(kinds & bitOf(kind)))
                continue;
            if (!text.empty())
                text += ", ";
            text += name;
        }
        return text;
    }

    bool isQualifierNoise(std::string_view word)
    {
        return std::binary_search(kNoiseWords.begin(), kNoiseWords.end(), word);
    }

    bool isCreditWord(std::string_view word, bool inBracket)
    {
        return word == "feat" || word == "ft" || word == "featuring" || word == "prod" || word == "produced" ||
               (inBracket && word == "with");
    }
} // namespace soulspot::matching
