#include <algorithm>
#include <tuple>

#include "sources/playlistfile/TextLines.hpp"
#include "sources/playlistfile/WantedFile.hpp"
#include "sources/playlistfile/WantedLists.hpp"

namespace soulspot::sources::playlistfile
{
    namespace
    {
        constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

        bool endsWithIgnoreCase(std::string_view text, std::string_view suffix)
        {
            return text.size() >= suffix.size() && equalsIgnoreCase(text.substr(text.size() - suffix.size()), suffix);
        }

        WantedFileFormat sniff(std::string_view content)
        {
            for (const auto& [number, raw] : splitLines(content))
            {
                const auto line = trimView(raw);
                if (line.empty())
                    continue;
                if (line.starts_with("#EXTM3U") || line.starts_with("#EXTINF:"))
                    return WantedFileFormat::M3u;
                // A CSV header names its columns; plain lines are "Artist - Title".
                const auto lower = toUpperAscii(line);
                const bool namesColumns = lower.find("TRACK NAME") != std::string::npos ||
                                          lower.find("ARTIST NAME") != std::string::npos ||
                                          lower.find("TRACK URI") != std::string::npos;
                const bool delimited = line.find_first_of(",;\t") != std::string_view::npos;
                return namesColumns && delimited ? WantedFileFormat::Csv : WantedFileFormat::PlainLines;
            }
            return WantedFileFormat::PlainLines;
        }

        WantedFileFormat detect(std::string_view content, std::string_view filename)
        {
            if (endsWithIgnoreCase(filename, ".csv") || endsWithIgnoreCase(filename, ".tsv"))
                return WantedFileFormat::Csv;
            if (endsWithIgnoreCase(filename, ".m3u") || endsWithIgnoreCase(filename, ".m3u8"))
                return WantedFileFormat::M3u;
            return sniff(content); // .txt, no name, or something else: look at the first line
        }

        std::size_t codePoints(std::string_view s)
        {
            std::size_t n = 0;
            for (char c : s)
                if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
                    ++n;
            return n;
        }

        /// Why a field cannot be kept, or "" when it can.
        std::string fieldProblem(std::string_view field, std::string_view value, std::size_t maxChars)
        {
            if (value.size() > maxChars && codePoints(value) > maxChars)
                return std::string(field) + " is longer than " + std::to_string(maxChars) + " characters";
            // A quoted CSV field may hold a line break (a title written over two lines is a real row), so
            // tab, CR and LF pass here; NUL and the other control characters do not.
            for (char c : value)
                if ((static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F)
                    return std::string(field) + " contains a control character";
            return {};
        }

        std::string entryProblem(const WantedEntry& e)
        {
            if (e.artists.size() > kMaxArtists)
                return "more than " + std::to_string(kMaxArtists) + " artists";
            for (const auto& a : e.artists)
                if (auto p = fieldProblem("artist", a, kMaxTextChars); !p.empty())
                    return p;
            for (const auto& [field, value, max] : {std::tuple{"title", &e.title, kMaxTextChars}, std::tuple{"album", &e.album, kMaxTextChars},
                                                    std::tuple{"ISRC", &e.isrc, kMaxIsrcChars},
                                                    std::tuple{"Spotify id", &e.spotifyId, kMaxIdChars}})
                if (auto p = fieldProblem(field, *value, max); !p.empty())
                    return p;
            return {};
        }

        /// Moves rows that break the bounds from the entries to the errors, keeping file order in both.
        ImportReport bounded(ImportReport report)
        {
            std::vector<WantedEntry> kept;
            kept.reserve(report.entries.size());
            for (auto& e : report.entries)
            {
                if (auto p = entryProblem(e); !p.empty())
                    report.errors.push_back({e.lineNumber, p});
                else
                    kept.push_back(std::move(e));
            }
            report.entries = std::move(kept);
            std::stable_sort(report.errors.begin(), report.errors.end(),
                             [](const RowError& a, const RowError& b) { return a.lineNumber < b.lineNumber; });
            return report;
        }
    } // namespace

    std::string_view toString(WantedFileFormat format)
    {
        switch (format)
        {
        case WantedFileFormat::Csv: return "csv";
        case WantedFileFormat::M3u: return "m3u";
        case WantedFileFormat::PlainLines: return "plain";
        }
        return "plain";
    }

    core::Result<ImportReport> parseWantedFile(std::string_view content, std::string_view filenameHint)
    {
        if (content.starts_with(kUtf8Bom))
            content.remove_prefix(kUtf8Bom.size());
        if (trimView(content).empty())
            return core::fail(core::Error::invalid("the file is empty"));
        core::Result<ImportReport> parsed = core::fail(core::Error::internal("unknown wanted-file format"));
        switch (detect(content, filenameHint))
        {
        case WantedFileFormat::Csv: parsed = parseCsvWantedList(content); break;
        case WantedFileFormat::M3u: parsed = parseM3uWantedList(content); break;
        case WantedFileFormat::PlainLines: parsed = parsePlainWantedList(content); break;
        }
        if (!parsed)
            return parsed;
        return bounded(std::move(*parsed));
    }
} // namespace soulspot::sources::playlistfile
