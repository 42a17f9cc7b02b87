#pragma once
// Internal to soulspot_playlistfile: RFC 4180 records (quoted fields may hold delimiters, doubled quotes
// and line breaks), each tagged with the line it starts on.

#include <string>
#include <string_view>
#include <vector>

namespace soulspot::sources::playlistfile
{
    struct CsvRecord
    {
        int lineNumber{0};
        std::vector<std::string> fields;
        std::string error; // non-empty: the record is unusable (unterminated quote, bad UTF-8)
    };

    /// ',' unless the first line has more ';' or tabs outside quotes (spreadsheet exports in some locales).
    char detectDelimiter(std::string_view content);

    /// All records that are not blank; `content` has no BOM.
    std::vector<CsvRecord> readCsvRecords(std::string_view content, char delimiter);
} // namespace soulspot::sources::playlistfile
