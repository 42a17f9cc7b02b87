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
        switch (detect(content, filenameHint))
        {
        case WantedFileFormat::Csv: return parseCsvWantedList(content);
        case WantedFileFormat::M3u: return parseM3uWantedList(content);
        case WantedFileFormat::PlainLines: return parsePlainWantedList(content);
        }
        return core::fail(core::Error::internal("unknown wanted-file format"));
    }
} // namespace soulspot::sources::playlistfile
