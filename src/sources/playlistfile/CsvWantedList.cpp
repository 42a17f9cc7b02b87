#include <algorithm>
#include <charconv>
#include <optional>

#include <fmt/format.h>

#include "sources/playlistfile/CsvRecords.hpp"
#include "sources/playlistfile/TextLines.hpp"
#include "sources/playlistfile/WantedLists.hpp"

namespace soulspot::sources::playlistfile
{
    namespace
    {
        // Header names seen in Exportify exports (old: "Track Duration (ms)", "Artist URI(s)"; current:
        // "Duration (ms)") and in hand-made spreadsheets. Compared case-insensitively, '_' read as ' '.
        const std::vector<std::string_view> kTitle{"track name", "title", "name", "track", "song"};
        const std::vector<std::string_view> kArtists{"artist name(s)", "artist names", "artist name", "artists", "artist"};
        const std::vector<std::string_view> kAlbum{"album name", "album", "album title"};
        const std::vector<std::string_view> kDurationMs{"duration (ms)", "track duration (ms)", "duration ms"};
        const std::vector<std::string_view> kIsrc{"isrc"};
        const std::vector<std::string_view> kSpotify{"track uri", "spotify id", "spotify uri", "uri", "track id"};

        struct Columns
        {
            std::optional<std::size_t> title, artists, album, durationMs, isrc, spotify;
        };

        std::optional<std::size_t> findColumn(const std::vector<std::string>& header,
                                              const std::vector<std::string_view>& names)
        {
            for (auto name : names) // earlier names win, e.g. "Track Name" over a later "Name"
                for (std::size_t i = 0; i < header.size(); ++i)
                {
                    std::string h = trim(header[i]);
                    std::replace(h.begin(), h.end(), '_', ' ');
                    if (equalsIgnoreCase(h, name))
                        return i;
                }
            return std::nullopt;
        }

        // Exportify joins artists with ", " and escapes commas inside names as "\,"; other tools use ";".
        std::vector<std::string> splitArtists(std::string_view text)
        {
            const char sep = text.find(';') != std::string_view::npos ? ';' : ',';
            std::vector<std::string> out;
            std::string current;
            for (std::size_t i = 0; i < text.size(); ++i)
            {
                if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == sep)
                    current.push_back(text[++i]);
                else if (text[i] == sep)
                {
                    if (auto t = trim(current); !t.empty())
                        out.push_back(std::move(t));
                    current.clear();
                }
                else
                    current.push_back(text[i]);
            }
            if (auto t = trim(current); !t.empty())
                out.push_back(std::move(t));
            return out;
        }

        const std::string& cell(const CsvRecord& r, const std::optional<std::size_t>& column)
        {
            static const std::string kEmpty;
            return column && *column < r.fields.size() ? r.fields[*column] : kEmpty;
        }

        core::Result<WantedEntry> toEntry(const CsvRecord& r, const Columns& c, std::size_t headerSize)
        {
            if (r.fields.size() != headerSize)
                return core::fail(core::Error::invalid(
                    fmt::format("row has {} fields but the header has {} (an unquoted delimiter?)", r.fields.size(),
                                headerSize)));
            WantedEntry e;
            e.lineNumber = r.lineNumber;
            e.title = trim(cell(r, c.title));
            e.artists = splitArtists(cell(r, c.artists));
            e.album = trim(cell(r, c.album));
            e.isrc = toUpperAscii(trim(cell(r, c.isrc)));
            e.spotifyId = spotifyTrackId(cell(r, c.spotify));
            if (e.title.empty())
                return core::fail(core::Error::invalid("no track title"));
            if (e.artists.empty())
                return core::fail(core::Error::invalid("no artist"));
            if (const auto duration = trimView(cell(r, c.durationMs)); !duration.empty())
            {
                const auto [end, ec] = std::from_chars(duration.data(), duration.data() + duration.size(), e.durationMs);
                if (ec != std::errc{} || end != duration.data() + duration.size() || e.durationMs < 0)
                    return core::fail(core::Error::invalid(
                        fmt::format("duration '{}' is not a whole number of milliseconds", duration)));
            }
            return e;
        }
    } // namespace

    core::Result<ImportReport> parseCsvWantedList(std::string_view content)
    {
        ImportReport report;
        report.format = WantedFileFormat::Csv;
        const auto records = readCsvRecords(content, detectDelimiter(content));
        if (records.empty())
            return core::fail(core::Error::invalid("the CSV file has no header row"));
        const auto& header = records.front();
        if (!header.error.empty())
            return core::fail(core::Error::invalid(fmt::format("line {}: header {}", header.lineNumber, header.error)));
        Columns columns{findColumn(header.fields, kTitle),      findColumn(header.fields, kArtists),
                        findColumn(header.fields, kAlbum),      findColumn(header.fields, kDurationMs),
                        findColumn(header.fields, kIsrc),       findColumn(header.fields, kSpotify)};
        if (!columns.title || !columns.artists)
            return core::fail(core::Error::invalid(
                "the CSV header needs a title column (\"Track Name\" or \"Title\") and an artist column "
                "(\"Artist Name(s)\" or \"Artist\")"));
        for (std::size_t i = 1; i < records.size(); ++i)
        {
            const auto& record = records[i];
            if (!record.error.empty())
            {
                report.errors.push_back({record.lineNumber, record.error});
                continue;
            }
            auto entry = toEntry(record, columns, header.fields.size());
            if (entry)
                report.entries.push_back(std::move(*entry));
            else
                report.errors.push_back({record.lineNumber, entry.error().message});
        }
        return report;
    }
} // namespace soulspot::sources::playlistfile
