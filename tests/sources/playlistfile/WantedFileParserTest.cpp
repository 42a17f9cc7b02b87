#include "sources/playlistfile/WantedFile.hpp"

#include <gtest/gtest.h>

namespace soulspot::sources::playlistfile
{
    namespace
    {
        // The current Exportify header (2024+) and the older one, trimmed to the columns that matter plus
        // neighbours, so column lookup by name is exercised rather than position.
        constexpr std::string_view kExportifyHeader =
            "\"Track URI\",\"Track Name\",\"Album Name\",\"Artist Name(s)\",\"Release Date\",\"Duration (ms)\","
            "\"Popularity\",\"Explicit\",\"Added By\",\"Added At\",\"ISRC\"\n";

        const WantedEntry& only(const ImportReport& r)
        {
            EXPECT_EQ(r.entries.size(), 1u);
            EXPECT_TRUE(r.errors.empty()) << r.errors.front().message;
            return r.entries.front();
        }
    } // namespace

    TEST(ExportifyCsv, ReadsQuotedFieldsWithCommasAndDoubledQuotes)
    {
        const std::string csv = std::string(kExportifyHeader) +
                                "\"spotify:track:11dFghVXANMlKmJXsNCbNl\",\"Cut To The Feeling\",\"Cut, Vol. 1\","
                                "\"Carly Rae Jepsen\",\"2017-05-26\",\"207959\",\"60\",\"false\",\"\",\"\",\"usum71703861\"\n"
                                "\"spotify:track:3n3Ppam7vgaVa1iaRUc9Lp\",\"Say \"\"Hello\"\"\",\"Album\","
                                "\"Artist A, Artist B\",\"2020\",\"1000\",\"1\",\"false\",\"\",\"\",\"\"\n";
        auto report = parseWantedFile(csv, "My Playlist.csv");
        ASSERT_TRUE(report) << report.error().message;
        EXPECT_EQ(report->format, WantedFileFormat::Csv);
        ASSERT_EQ(report->entries.size(), 2u);
        const auto& first = report->entries[0];
        EXPECT_EQ(first.title, "Cut To The Feeling");
        EXPECT_EQ(first.album, "Cut, Vol. 1");
        EXPECT_EQ(first.artists, std::vector<std::string>{"Carly Rae Jepsen"});
        EXPECT_EQ(first.durationMs, 207959);
        EXPECT_EQ(first.isrc, "USUM71703861");
        EXPECT_EQ(first.spotifyId, "11dFghVXANMlKmJXsNCbNl");
        EXPECT_EQ(first.lineNumber, 2);
        const auto& second = report->entries[1];
        EXPECT_EQ(second.title, "Say \"Hello\"");
        EXPECT_EQ((second.artists), (std::vector<std::string>{"Artist A", "Artist B"}));
        EXPECT_EQ(second.lineNumber, 3);
    }

    TEST(ExportifyCsv, AcceptsTheOlderHeaderAndEscapedCommasInArtistNames)
    {
        const std::string csv =
            "Track URI,Track Name,Artist URI(s),Artist Name(s),Album Name,Track Duration (ms),ISRC\r\n"
            "spotify:track:5hVghJ4KaYES3BFUATCYn0,EARFQUAKE,x,\"Tyler\\, The Creator, Playboi Carti\",IGOR,190066,USQX91900739\r\n";
        const auto report = parseWantedFile(csv, "igor.csv");
        ASSERT_TRUE(report) << report.error().message;
        const auto& e = only(*report);
        EXPECT_EQ((e.artists), (std::vector<std::string>{"Tyler, The Creator", "Playboi Carti"}));
        EXPECT_EQ(e.durationMs, 190066);
        EXPECT_EQ(e.album, "IGOR");
    }

    struct CsvCase
    {
        std::string name;
        std::string content;
        std::size_t entries;
        std::vector<int> errorLines;
    };

    class CsvEdgeCases : public ::testing::TestWithParam<CsvCase>
    {
    };

    TEST_P(CsvEdgeCases, ImportsGoodRowsAndReportsBadOnesByLine)
    {
        const auto& c = GetParam();
        auto report = parseWantedFile(c.content, "list.csv");
        ASSERT_TRUE(report) << report.error().message;
        EXPECT_EQ(report->entries.size(), c.entries);
        std::vector<int> lines;
        for (const auto& e : report->errors)
            lines.push_back(e.lineNumber);
        EXPECT_EQ(lines, c.errorLines);
    }

    INSTANTIATE_TEST_SUITE_P(
        Csv, CsvEdgeCases,
        ::testing::Values(
            CsvCase{"Bom", "\xEF\xBB\xBFTrack Name,Artist Name(s)\nSong,Band\n", 1, {}},
            CsvCase{"Crlf", "Track Name,Artist Name(s)\r\nA,B\r\nC,D\r\n", 2, {}},
            CsvCase{"BlankLines", "Track Name,Artist Name(s)\n\nA,B\n   \n,\nC,D\n\n", 2, {}},
            CsvCase{"NoFinalNewline", "Track Name,Artist Name(s)\nA,B", 1, {}},
            CsvCase{"QuotedLineBreak", "Track Name,Artist Name(s)\n\"Two\nLines\",B\nC,D\n", 2, {}},
            CsvCase{"MissingTitle", "Track Name,Artist Name(s)\n,Band\nOk,Band\n", 1, {2}},
            CsvCase{"MissingArtist", "Track Name,Artist Name(s)\nSong,\nOk,Band\n", 1, {2}},
            CsvCase{"TooManyFields", "Track Name,Artist Name(s)\nA, B,C\nOk,Band\n", 1, {2}},
            CsvCase{"BadDuration", "Track Name,Artist Name(s),Duration (ms)\nA,B,3:20\nC,D,1000\n", 1, {2}},
            CsvCase{"Latin1Row", "Track Name,Artist Name(s)\nCaf\xE9,B\nOk,Band\n", 1, {2}},
            CsvCase{"UnterminatedQuoteAtEnd", "Track Name,Artist Name(s)\nOk,Band\n\"Broken,B\n", 1, {3}},
            CsvCase{"ErrorAfterMultiLineRecord", "Track Name,Artist Name(s)\n\"a\nb\",X\n,Y\n", 1, {4}},
            CsvCase{"SemicolonDelimited", "Title;Artist;Album\nSong;Band;Record\n", 1, {}},
            CsvCase{"LowercaseSnakeHeader", "track_name,artist_name(s),album_name\nSong,Band,Rec\n", 1, {}}),
        [](const auto& info) { return info.param.name; });

    TEST(Csv, HeaderWithoutTitleOrArtistIsAWholeFileError)
    {
        auto report = parseWantedFile("Foo,Bar\n1,2\n", "x.csv");
        ASSERT_FALSE(report);
        EXPECT_EQ(report.error().code, core::ErrorCode::InvalidArgument);
        EXPECT_NE(report.error().message.find("Track Name"), std::string::npos);
    }

    TEST(Csv, NonUtf8MessageNamesTheByte)
    {
        auto report = parseWantedFile("Track Name,Artist Name(s)\nCaf\xE9,B\n", "x.csv");
        ASSERT_TRUE(report);
        ASSERT_EQ(report->errors.size(), 1u);
        EXPECT_NE(report->errors[0].message.find("UTF-8"), std::string::npos);
        EXPECT_NE(report->errors[0].message.find("0xE9"), std::string::npos);
    }

    TEST(Csv, DetectedFromContentWithoutFileName)
    {
        auto report = parseWantedFile(std::string(kExportifyHeader) + "spotify:local:a:b:c:1,T,Al,Ar,,1,,,,,\n", "");
        ASSERT_TRUE(report) << report.error().message;
        EXPECT_EQ(report->format, WantedFileFormat::Csv);
        const auto& e = only(*report);
        EXPECT_TRUE(e.spotifyId.empty()); // local-file URIs are not catalogue ids
    }

    TEST(M3u, ReadsExtinfAndFallsBackToFileNames)
    {
        const std::string m3u = "#EXTM3U\r\n"
                                "#PLAYLIST:Road trip\r\n"
                                "#EXTINF:215,Daft Punk - One More Time\r\n"
                                "Music/Daft Punk/One More Time.mp3\r\n"
                                "\r\n"
                                "#EXTINF:-1,Radio Edit Only\r\n"
                                "http://stream.example/1\r\n"
                                "C:\\Music\\Röyksopp - Eple.flac\r\n"
                                "#EXTINF:100,Artist - Title - 2011 Remaster\r\n";
        auto report = parseWantedFile(m3u, "road.m3u8");
        ASSERT_TRUE(report);
        EXPECT_EQ(report->format, WantedFileFormat::M3u);
        ASSERT_EQ(report->entries.size(), 3u);
        EXPECT_EQ(report->entries[0].artists.at(0), "Daft Punk");
        EXPECT_EQ(report->entries[0].title, "One More Time");
        EXPECT_EQ(report->entries[0].durationMs, 215000);
        EXPECT_EQ(report->entries[0].lineNumber, 3);
        EXPECT_EQ(report->entries[1].artists.at(0), "Röyksopp");
        EXPECT_EQ(report->entries[1].title, "Eple");
        EXPECT_EQ(report->entries[1].lineNumber, 8);
        EXPECT_EQ(report->entries[2].title, "Title - 2011 Remaster");
        ASSERT_EQ(report->errors.size(), 1u);
        EXPECT_EQ(report->errors[0].lineNumber, 6); // "Radio Edit Only" has no artist
    }

    TEST(M3u, DetectedFromContent)
    {
        auto report = parseWantedFile("#EXTINF:1,A - B\nx.mp3\n", "playlist");
        ASSERT_TRUE(report);
        EXPECT_EQ(report->format, WantedFileFormat::M3u);
        EXPECT_EQ(only(*report).title, "B");
    }

    // Found by fuzz/WantedFileFuzz.cpp: seconds * 1000 overflowed an int (fuzz/regressions/wanted_file/).
    TEST(M3u, ImplausibleDurationIsUnknown)
    {
        auto report = parseWantedFile("#EXTM3U\n#EXTINF:2422223,A - B\nx.mp3\n#EXTINF:2147483,C - D\ny.mp3\n", "list.m3u");
        ASSERT_TRUE(report);
        ASSERT_EQ(report->entries.size(), 2u);
        EXPECT_EQ(report->entries[0].durationMs, 0);
        EXPECT_EQ(report->entries[1].durationMs, 2147483000);
    }

    struct PlainCase
    {
        std::string line;
        bool ok;
        std::string artist;
        std::string title;
    };

    class PlainLines : public ::testing::TestWithParam<PlainCase>
    {
    };

    TEST_P(PlainLines, SplitsArtistAndTitle)
    {
        const auto& c = GetParam();
        auto report = parseWantedFile("Header Artist - Header Title\n" + c.line + "\n", "wanted.txt");
        ASSERT_TRUE(report);
        EXPECT_EQ(report->format, WantedFileFormat::PlainLines);
        if (c.ok)
        {
            ASSERT_EQ(report->entries.size(), 2u) << c.line;
            EXPECT_EQ(report->entries[1].artists.at(0), c.artist);
            EXPECT_EQ(report->entries[1].title, c.title);
            EXPECT_EQ(report->entries[1].lineNumber, 2);
        }
        else
        {
            EXPECT_EQ(report->entries.size(), 1u) << c.line;
            ASSERT_EQ(report->errors.size(), 1u) << c.line;
            EXPECT_EQ(report->errors[0].lineNumber, 2);
        }
    }

    INSTANTIATE_TEST_SUITE_P(Plain, PlainLines,
                             ::testing::Values(PlainCase{"Massive Attack - Teardrop", true, "Massive Attack", "Teardrop"},
                                               PlainCase{"  Blur - Song 2  ", true, "Blur", "Song 2"},
                                               PlainCase{"Sigur Rós – Hoppípolla", true, "Sigur Rós", "Hoppípolla"},
                                               PlainCase{"A-ha - Take On Me - 2015 Remaster", true, "A-ha",
                                                         "Take On Me - 2015 Remaster"},
                                               PlainCase{"Just a title", false, "", ""},
                                               PlainCase{" - Title", false, "", ""},
                                               PlainCase{"Caf\xC3\x28 - Bad", false, "", ""}));

    TEST(Plain, SkipsCommentsAndBlankLinesKeepingLineNumbers)
    {
        auto report = parseWantedFile("# my list\r\n\r\nA - B\r\nnope\r\nC - D", "");
        ASSERT_TRUE(report);
        ASSERT_EQ(report->entries.size(), 2u);
        EXPECT_EQ(report->entries[0].lineNumber, 3);
        EXPECT_EQ(report->entries[1].lineNumber, 5);
        ASSERT_EQ(report->errors.size(), 1u);
        EXPECT_EQ(report->errors[0].lineNumber, 4);
    }

    TEST(WantedFile, EmptyContentIsRejected)
    {
        for (std::string_view content : {"", "\xEF\xBB\xBF", " \n\r\n"})
        {
            auto report = parseWantedFile(content, "x.csv");
            ASSERT_FALSE(report);
            EXPECT_EQ(report.error().code, core::ErrorCode::InvalidArgument);
        }
    }
} // namespace soulspot::sources::playlistfile
