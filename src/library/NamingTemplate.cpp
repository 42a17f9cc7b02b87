#include "library/NamingTemplate.hpp"

#include <algorithm>
#include <cctype>

#include "library/NameTransforms.hpp"
#include "library/NamingTokens.hpp"
#include "library/PathSanitizer.hpp"

namespace soulspot::library
{
    namespace
    {
        constexpr std::string_view kPrefixChars = "- ._[(";
        constexpr std::string_view kSuffixChars = "- ._)]";
        constexpr std::string_view kSeparatorChars = "- ._";

        using Token = NamingTemplate::Token;
        using Segment = NamingTemplate::Segment;

        bool isAlnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }

        core::Error templateError(std::string what, std::size_t position)
        {
            return core::Error::invalid(what + " at position " + std::to_string(position + 1));
        }

        Token::Case casingOf(std::string_view name)
        {
            const bool anyUpper = std::any_of(name.begin(), name.end(), [](char c) { return std::isupper(static_cast<unsigned char>(c)); });
            const bool anyLower = std::any_of(name.begin(), name.end(), [](char c) { return std::islower(static_cast<unsigned char>(c)); });
            if (anyLower && !anyUpper)
                return Token::Case::Lower;
            if (anyUpper && !anyLower && name.size() > 1)
                return Token::Case::Upper;
            return Token::Case::AsIs;
        }

        core::Result<void> applyFormat(Token& token, TokenId id, std::string_view format, std::string_view shown,
                                       std::size_t position)
        {
            if (format.empty())
                return {};
            const auto bad = [&] {
                return core::fail(templateError("format ':" + std::string(format) + "' is not valid for " +
                                                    std::string(shown),
                                                position));
            };
            if (isNumberToken(id))
            {
                if (format.size() > 9 || format.find_first_not_of('0') != std::string_view::npos)
                    return bad();
                token.padWidth = static_cast<int>(format.size());
                return {};
            }
            const bool negative = format.front() == '-';
            const auto digits = format.substr(negative ? 1 : 0);
            if (digits.empty() || digits.size() > 4 || !std::all_of(digits.begin(), digits.end(), isAlnum) ||
                digits.find_first_not_of("0123456789") != std::string_view::npos || std::stoi(std::string(digits)) == 0)
                return bad();
            token.truncate = std::stoi(std::string(digits)) * (negative ? -1 : 1);
            return {};
        }

        // Parses the text between '{' and '}' (Lidarr's grammar: prefix, name [sep name], [:format], suffix).
        core::Result<std::pair<Token, TokenId>> parseToken(std::string_view body, std::size_t position)
        {
            const std::string shown = "{" + std::string(body) + "}";
            Token token;
            std::size_t p = 0;
            while (p < body.size() && kPrefixChars.find(body[p]) != std::string_view::npos)
                ++p;
            token.prefix = std::string(body.substr(0, p));
            const std::size_t nameStart = p;
            while (p < body.size() && isAlnum(body[p]))
                ++p;
            if (p == nameStart)
                return core::fail(templateError("token " + shown + " has no name", position));
            std::size_t q = p;
            while (q < body.size() && kSeparatorChars.find(body[q]) != std::string_view::npos)
                ++q;
            if (q > p && q < body.size() && isAlnum(body[q]))
            {
                token.separator = body[p];
                p = q;
                while (p < body.size() && isAlnum(body[p]))
                    ++p;
            }
            const std::string_view name = body.substr(nameStart, p - nameStart);
            std::string_view format;
            if (p < body.size() && body[p] == ':')
            {
                q = p + 1;
                while (q < body.size() && (isAlnum(body[q]) || body[q] == '-'))
                    ++q;
                while (q > p + 2 && body[q - 1] == '-') // a trailing dash belongs to the suffix
                    --q;
                format = body.substr(p + 1, q - p - 1);
                p = q;
                if (format.empty())
                    return core::fail(templateError("token " + shown + " has an empty format after ':'", position));
            }
            const auto suffix = body.substr(p);
            if (suffix.find_first_not_of(kSuffixChars) != std::string_view::npos)
                return core::fail(templateError("unexpected text '" + std::string(suffix) + "' in token " + shown, position));
            token.suffix = std::string(suffix);
            const auto id = findToken(name);
            if (!id)
                return core::fail(templateError("unknown token " + shown, position));
            token.id = static_cast<int>(*id);
            token.casing = casingOf(name);
            if (auto ok = applyFormat(token, *id, format, shown, position); !ok)
                return core::fail(ok.error());
            return std::pair{token, *id};
        }

        // `known` reports whether the metadata had a value at all, even if nothing path-safe is left of it.
        std::string renderToken(const Token& token, const NamingInput& input, bool& known)
        {
            const auto id = static_cast<TokenId>(token.id);
            if (isNumberToken(id))
            {
                const auto n = tokenNumber(id, input);
                known = n.has_value();
                if (!n)
                    return {};
                std::string digits = std::to_string(*n);
                if (static_cast<int>(digits.size()) < token.padWidth)
                    digits.insert(0, static_cast<std::size_t>(token.padWidth) - digits.size(), '0');
                return digits;
            }
            const std::string raw = tokenText(id, input);
            known = !raw.empty();
            std::string value = replaceIllegalInTokenValue(repairUtf8(raw));
            if (token.casing != Token::Case::AsIs)
                for (auto& c : value)
                    c = static_cast<char>(token.casing == Token::Case::Lower ? std::tolower(static_cast<unsigned char>(c))
                                                                           : std::toupper(static_cast<unsigned char>(c)));
            if (token.separator != ' ')
                std::replace(value.begin(), value.end(), ' ', token.separator);
            return truncateCodePoints(value, token.truncate);
        }
    } // namespace

    core::Result<NamingTemplate> NamingTemplate::parse(std::string_view text)
    {
        if (text.find_first_not_of(" \t\r\n") == std::string_view::npos)
            return core::fail(core::Error::invalid("naming template is empty"));
        if (text.front() == '/' || text.front() == '\\')
            return core::fail(core::Error::invalid("naming template must be relative to the library root (starts with '/')"));
        NamingTemplate result;
        result.text_ = std::string(text);
        std::vector<Segment> component;
        std::string literal;
        bool hasTitle = false, hasNumber = false, hasOriginal = false;

        const auto flushLiteral = [&] {
            if (!literal.empty())
                component.push_back(Segment{std::move(literal), false, {}});
            literal.clear();
        };
        const auto closeComponent = [&](std::size_t position) -> core::Result<void> {
            flushLiteral();
            if (component.empty())
                return core::fail(templateError("empty folder level", position));
            if (component.size() == 1 && !component.front().isToken)
            {
                std::string trimmed = component.front().literal;
                trimmed.erase(0, trimmed.find_first_not_of(' '));
                trimmed.erase(trimmed.find_last_not_of(' ') + 1);
                if (trimmed == "." || trimmed == "..")
                    return core::fail(templateError("folder level '" + trimmed + "' is not allowed", position));
            }
            result.components_.push_back(std::move(component));
            component.clear();
            return {};
        };

        for (std::size_t i = 0; i < text.size(); ++i)
        {
            const char c = text[i];
            if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c)
            {
                literal += c; // "{{" and "}}" are literal braces
                ++i;
            }
            else if (c == '{')
            {
                const auto close = text.find_first_of("{}", i + 1);
                if (close == std::string_view::npos || text[close] == '{')
                    return core::fail(templateError("'{' is never closed", i));
                auto parsed = parseToken(text.substr(i + 1, close - i - 1), i);
                if (!parsed)
                    return core::fail(parsed.error());
                const auto id = parsed->second;
                hasTitle |= id == TokenId::TrackTitle || id == TokenId::TrackCleanTitle;
                hasNumber |= id == TokenId::Track;
                hasOriginal |= id == TokenId::OriginalTitle || id == TokenId::OriginalFilename;
                flushLiteral();
                component.push_back(Segment{{}, true, parsed->first});
                i = close;
            }
            else if (c == '}')
                return core::fail(templateError("'}' has no matching '{'", i));
            else if (c == '/')
            {
                if (auto ok = closeComponent(i); !ok)
                    return core::fail(ok.error());
            }
            else
                literal += c;
        }
        if (text.back() == '/')
            return core::fail(core::Error::invalid("naming template ends with '/': the last level must name the file"));
        if (auto ok = closeComponent(text.size() - 1); !ok)
            return core::fail(ok.error());
        if (!((hasTitle && hasNumber) || hasOriginal))
            return core::fail(core::Error::invalid(
                "naming template must contain {Track Title} and {track} (or {Original Title} / {Original Filename})"));
        return result;
    }

    std::string NamingTemplate::render(const NamingInput& input, std::string_view extension) const
    {
        std::string path;
        for (std::size_t k = 0; k < components_.size(); ++k)
        {
            std::string text;
            bool anyValue = false;
            for (const auto& segment : components_[k])
            {
                if (!segment.isToken)
                {
                    text += segment.literal;
                    anyValue = true;
                    continue;
                }
                bool known = false;
                const auto value = renderToken(segment.token, input, known);
                if (!value.empty())
                    text += segment.token.prefix + value + segment.token.suffix;
                anyValue |= known;
            }
            text = tidyComponent(text);
            const bool isFileName = k + 1 == components_.size();
            // A level made only of tokens the metadata has no value for ("{Album Disambiguation}/") disappears;
            // one whose value sanitises to nothing ("...") becomes "_", so a hostile value cannot change the depth.
            if (!isFileName && !anyValue)
                continue;
            if (!path.empty())
                path += '/';
            path += isFileName ? sanitizeFileName(text, extension) : sanitizePathComponent(text);
        }
        return path;
    }

    core::Result<NamingScheme> NamingScheme::create(std::string_view standard, std::string_view multiDisc)
    {
        auto s = NamingTemplate::parse(standard);
        if (!s)
            return core::fail(core::Error::invalid("standard track template: " + s.error().message));
        auto m = NamingTemplate::parse(multiDisc);
        if (!m)
            return core::fail(core::Error::invalid("multi-disc track template: " + m.error().message));
        return NamingScheme(std::move(*s), std::move(*m));
    }

    std::string NamingScheme::render(const NamingInput& input, std::string_view extension) const
    {
        const bool multiDisc = input.metadata.discTotal.value_or(1) > 1;
        return (multiDisc ? multiDisc_ : standard_).render(input, extension);
    }

    NamingInput sampleNamingInput()
    {
        NamingInput in;
        auto& m = in.metadata;
        m.title = "Here Comes the Sun";
        m.artists = {"The Beatles"};
        m.albumArtist = "The Beatles";
        m.album = "Abbey Road";
        m.trackNumber = 7;
        m.trackTotal = 17;
        m.discNumber = 1;
        m.discTotal = 1;
        m.date = "1969-09-26";
        m.genre = "Rock";
        m.albumType = "Album";
        m.mediumFormat = "CD";
        m.musicBrainzReleaseId = "b84ee12a-09ef-421b-82de-0441a926375b";
        m.musicBrainzAlbumArtistId = "b10bbbfc-cf9e-42e0-be17-e2c3e1d2600d";
        in.audio = AudioProperties{AudioFormat::Flac, "FLAC", 185000, 920, 44100, 2, 16, true};
        in.originalFilename = "07 - here comes the sun";
        in.originalTitle = "here comes the sun";
        return in;
    }

    core::Result<std::string> previewTemplate(std::string_view text, std::string_view extension)
    {
        auto parsed = NamingTemplate::parse(text);
        if (!parsed)
            return core::fail(parsed.error());
        return parsed->render(sampleNamingInput(), extension);
    }
} // namespace soulspot::library
