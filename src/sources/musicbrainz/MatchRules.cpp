#include "sources/musicbrainz/MatchRules.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

namespace soulspot::sources::musicbrainz
{
    namespace
    {
        // ASCII for U+00C0..U+00FF (UTF-8 C3 80..C3 BF); '\0' = not a letter (× and ÷).
        constexpr char kLatin1Fold[] = "aaaaaaaceeeeiiiidnooooo\0ouuuuyts"
                                                 "aaaaaaaceeeeiiiidnooooo\0ouuuuyty";

        std::string foldAndLower(std::string_view text)
        {
            std::string out;
            for (std::size_t i = 0; i < text.size(); ++i)
            {
                const auto c = static_cast<unsigned char>(text[i]);
                if (c == 0xC3 && i + 1 < text.size())
                {
                    const auto next = static_cast<unsigned char>(text[i + 1]);
                    if (next >= 0x80 && next <= 0xBF)
                    {
                        const std::size_t index = next - 0x80u;
                        if (next == 0x9F) // ß
                            out += "ss";
                        else if (next == 0x86 || next == 0xA6) // Æ æ
                            out += "ae";
                        else
                            out.push_back(kLatin1Fold[index] ? kLatin1Fold[index] : ' ');
                        ++i;
                        continue;
                    }
                }
                out.push_back(static_cast<char>(c < 0x80 ? std::tolower(c) : c));
            }
            return out;
        }

        std::string stripDecorations(std::string_view text)
        {
            std::string out;
            int depth = 0;
            for (char c : text)
            {
                if (c == '(' || c == '[')
                    ++depth;
                else if ((c == ')' || c == ']') && depth > 0)
                    --depth;
                else if (depth == 0)
                    out.push_back(c);
            }
            if (const auto dash = out.find(" - "); dash != std::string::npos && dash > 0)
                out.erase(dash);
            return out;
        }

        std::string firstNamedArtist(std::string_view wanted)
        {
            const std::string lower = foldAndLower(wanted);
            std::size_t cut = lower.size();
            for (std::string_view sep : {", ", " & ", " feat. ", " feat ", " ft. ", " featuring ", " x ", " vs. ", " with "})
                cut = std::min(cut, lower.find(sep));
            return lower.substr(0, cut);
        }

        std::string dateKey(const std::string& date) { return date.empty() || date[0] == '?' ? "9999" : date; }
    } // namespace

    std::string normaliseText(std::string_view text)
    {
        const std::string folded = foldAndLower(text);
        std::string out;
        bool pendingSpace = false;
        auto emit = [&](std::string_view piece) {
            if (pendingSpace && !out.empty())
                out.push_back(' ');
            pendingSpace = false;
            out += piece;
        };
        for (char ch : folded)
        {
            const auto c = static_cast<unsigned char>(ch);
            if (c == '&')
            {
                pendingSpace = true;
                emit("and");
                pendingSpace = true;
            }
            else if (c >= 0x80 || std::isalnum(c))
                emit(std::string_view(&ch, 1));
            else if (c != '\'') // "don't" and "dont" agree
                pendingSpace = true;
        }
        if (out.starts_with("the "))
            out.erase(0, 4);
        return out;
    }

    std::string searchableTitle(std::string_view title)
    {
        std::string out = stripDecorations(title);
        const auto first = out.find_first_not_of(' ');
        const auto last = out.find_last_not_of(' ');
        return first == std::string::npos ? std::string{} : out.substr(first, last - first + 1);
    }

    bool titlesAgree(std::string_view wanted, std::string_view candidate)
    {
        const std::string a = normaliseText(wanted);
        if (!a.empty() && a == normaliseText(candidate))
            return true;
        const std::string coreA = normaliseText(stripDecorations(wanted));
        return !coreA.empty() && coreA == normaliseText(stripDecorations(candidate));
    }

    bool artistsAgree(std::string_view wanted, const std::vector<CreditedArtist>& credit)
    {
        const std::string whole = normaliseText(wanted);
        if (whole.empty() || credit.empty())
            return false;
        if (whole == normaliseText(creditDisplay(credit)))
            return true;
        const std::string first = normaliseText(firstNamedArtist(wanted));
        return std::any_of(credit.begin(), credit.end(), [&](const CreditedArtist& a) {
            const std::string name = normaliseText(a.name);
            return !name.empty() && (name == first || name == whole);
        });
    }

    bool lengthsAgree(std::optional<int> wantedMs, std::optional<int> candidateMs)
    {
        if (!wantedMs || !candidateMs || *wantedMs <= 0 || *candidateMs <= 0)
            return true;
        return std::abs(*wantedMs - *candidateMs) <= kMaxLengthDeltaMs;
    }

    bool fitsWanted(const WantedInfo& wanted, const Recording& candidate)
    {
        if (!titlesAgree(wanted.title, candidate.title))
            return false;
        if (!wanted.artist.empty() && !artistsAgree(wanted.artist, candidate.artists))
            return false;
        return lengthsAgree(wanted.durationMs, candidate.lengthMs);
    }

    bool isConfidentSearchHit(const WantedInfo& wanted, const Recording& hit)
    {
        return hit.score >= kMinSearchScore && !wanted.artist.empty() && fitsWanted(wanted, hit);
    }

    std::optional<ReleaseInfo> chooseRelease(const std::vector<ReleaseInfo>& releases, std::string_view wantedAlbum)
    {
        if (releases.empty())
            return std::nullopt;
        auto rank = [&](const ReleaseInfo& r) {
            int value = 0;
            if (!wantedAlbum.empty() && titlesAgree(wantedAlbum, r.title))
                value += 4;
            if (r.status == "Official")
                value += 2;
            if (r.primaryType == "Album" && r.secondaryTypes.empty())
                value += 1;
            return value;
        };
        const auto best = std::min_element(releases.begin(), releases.end(), [&](const ReleaseInfo& a, const ReleaseInfo& b) {
            const int ra = rank(a), rb = rank(b);
            if (ra != rb)
                return ra > rb;
            const std::string da = dateKey(a.date), db = dateKey(b.date);
            if (da != db)
                return da < db;
            return a.id < b.id;
        });
        return *best;
    }
} // namespace soulspot::sources::musicbrainz
