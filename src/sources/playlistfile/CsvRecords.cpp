#include "sources/playlistfile/CsvRecords.hpp"

#include <algorithm>

#include "sources/playlistfile/TextLines.hpp"

namespace soulspot::sources::playlistfile
{
    char detectDelimiter(std::string_view content)
    {
        int commas = 0, semicolons = 0, tabs = 0;
        bool quoted = false;
        for (char c : content)
        {
            if (c == '"')
                quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r'))
                break;
            else if (!quoted && c == ',')
                ++commas;
            else if (!quoted && c == ';')
                ++semicolons;
            else if (!quoted && c == '\t')
                ++tabs;
        }
        if (tabs > commas && tabs > semicolons)
            return '\t';
        return semicolons > commas ? ';' : ',';
    }

    std::vector<CsvRecord> readCsvRecords(std::string_view content, char delimiter)
    {
        std::vector<CsvRecord> records;
        std::size_t i = 0;
        int line = 1;
        const std::size_t n = content.size();
        while (i < n)
        {
            CsvRecord record;
            record.lineNumber = line;
            const std::size_t recordStart = i;
            std::string field;
            bool quoted = false;
            bool ended = false;
            while (i < n && !ended)
            {
                const char c = content[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < n && content[i + 1] == '"')
                    {
                        field.push_back('"');
                        i += 2;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                        ++i;
                    }
                    else
                    {
                        if (c == '\n' || (c == '\r' && !(i + 1 < n && content[i + 1] == '\n')))
                            ++line;
                        if (c != '\r') // a CRLF inside a quoted field becomes \n
                            field.push_back(c);
                        else if (!(i + 1 < n && content[i + 1] == '\n'))
                            field.push_back('\n');
                        ++i;
                    }
                }
                else if (c == '"' && trimView(field).empty())
                {
                    quoted = true;
                    field.clear();
                    ++i;
                }
                else if (c == delimiter)
                {
                    record.fields.push_back(std::move(field));
                    field.clear();
                    ++i;
                }
                else if (c == '\n' || c == '\r')
                {
                    i += (c == '\r' && i + 1 < n && content[i + 1] == '\n') ? 2 : 1;
                    ++line;
                    ended = true;
                }
                else
                {
                    field.push_back(c); // a stray quote inside an unquoted field is kept literally
                    ++i;
                }
            }
            record.fields.push_back(std::move(field));
            if (quoted)
                record.error = "unterminated quoted field (a '\"' is missing)";
            else if (auto problem = utf8Problem(content.substr(recordStart, i - recordStart)))
                record.error = *problem;
            const bool blank = std::all_of(record.fields.begin(), record.fields.end(),
                                           [](const std::string& f) { return trimView(f).empty(); });
            if (!blank || !record.error.empty())
                records.push_back(std::move(record));
        }
        return records;
    }
} // namespace soulspot::sources::playlistfile
