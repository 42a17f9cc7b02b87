#include "library/NamingTokens.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <utility>

#include "library/NameTransforms.hpp"

namespace soulspot::library
{
    namespace
    {
        using Entry = std::pair<std::string_view, TokenId>;

        // Keys are the normalised names: lower-case letters and digits only.
        constexpr std::array<Entry, 39> kTokens{{
            {"artistname", TokenId::ArtistName},
            {"artistcleanname", TokenId::ArtistCleanName},
            {"artistnamethe", TokenId::ArtistNameThe},
            {"artistcleannamethe", TokenId::ArtistCleanNameThe},
            {"artistnamefirstcharacter", TokenId::ArtistNameFirstCharacter},
            {"artistgenre", TokenId::ArtistGenre},
            {"artistmbid", TokenId::ArtistMbId},
            {"artistdisambiguation", TokenId::ArtistDisambiguation},
            {"albumtitle", TokenId::AlbumTitle},
            {"albumcleantitle", TokenId::AlbumCleanTitle},
            {"albumtitlethe", TokenId::AlbumTitleThe},
            {"albumcleantitlethe", TokenId::AlbumCleanTitleThe},
            {"albumtype", TokenId::AlbumType},
            {"albumgenre", TokenId::AlbumGenre},
            {"albummbid", TokenId::AlbumMbId},
            {"albumdisambiguation", TokenId::AlbumDisambiguation},
            {"releaseyear", TokenId::ReleaseYear},
            {"medium", TokenId::Medium},
            {"mediumname", TokenId::MediumName},
            {"mediumformat", TokenId::MediumFormat},
            {"track", TokenId::Track},
            {"tracktitle", TokenId::TrackTitle},
            {"trackcleantitle", TokenId::TrackCleanTitle},
            {"trackartistname", TokenId::TrackArtistName},
            {"trackartistcleanname", TokenId::TrackArtistCleanName},
            {"trackartistnamethe", TokenId::TrackArtistNameThe},
            {"trackartistcleannamethe", TokenId::TrackArtistCleanNameThe},
            {"trackartistmbid", TokenId::TrackArtistMbId},
            {"originaltitle", TokenId::OriginalTitle},
            {"originalfilename", TokenId::OriginalFilename},
            {"releasegroup", TokenId::ReleaseGroup},
            {"qualitytitle", TokenId::QualityTitle},
            {"qualityfull", TokenId::QualityFull},
            {"qualityproper", TokenId::QualityProper},
            {"mediainfoaudiocodec", TokenId::MediaInfoAudioCodec},
            {"mediainfoaudiobitrate", TokenId::MediaInfoAudioBitRate},
            {"mediainfoaudiochannels", TokenId::MediaInfoAudioChannels},
            {"mediainfoaudiobitspersample", TokenId::MediaInfoAudioBitsPerSample},
            {"mediainfoaudiosamplerate", TokenId::MediaInfoAudioSampleRate},
        }};

        std::string firstCharacter(const std::string& name)
        {
            const std::string base = stripDiacritics(theVariant(name));
            for (unsigned char c : base)
                if (std::isalnum(c))
                    return std::string(1, static_cast<char>(std::toupper(c)));
            return base.empty() ? std::string() : base.substr(0, 1);
        }

        std::string mediaInfoCodec(const AudioProperties& audio)
        {
            if (audio.codec == "VORBIS")
                return "OGG";
            return audio.codec.empty() ? std::string("Unknown") : audio.codec;
        }

        std::string sampleRateText(int hz)
        {
            if (hz <= 0)
                return {};
            char buf[32];
            if (hz % 1000 == 0)
                std::snprintf(buf, sizeof buf, "%dkHz", hz / 1000);
            else
                std::snprintf(buf, sizeof buf, "%.1fkHz", hz / 1000.0);
            return buf;
        }

        std::string channelsText(int channels)
        {
            if (channels <= 0)
                return {};
            // Lidarr writes layout-style counts: stereo "2.0", 5.1 "5.1".
            return channels == 6 ? "5.1" : channels == 8 ? "7.1" : std::to_string(channels) + ".0";
        }
    } // namespace

    std::optional<TokenId> findToken(std::string_view name)
    {
        std::string key;
        for (unsigned char c : name)
            if (std::isalnum(c))
                key += static_cast<char>(std::tolower(c));
        for (const auto& [known, id] : kTokens)
            if (key == known)
                return id;
        return std::nullopt;
    }

    bool isNumberToken(TokenId id) { return id == TokenId::Track || id == TokenId::Medium; }

    std::optional<int> tokenNumber(TokenId id, const NamingInput& input)
    {
        if (id == TokenId::Track)
            return input.metadata.trackNumber;
        if (id == TokenId::Medium)
            return input.metadata.discNumber;
        return std::nullopt;
    }

    std::string tokenText(TokenId id, const NamingInput& input)
    {
        const TrackMetadata& m = input.metadata;
        const std::string artist = m.effectiveAlbumArtist();
        const std::string trackArtist = m.displayArtist();
        switch (id)
        {
        case TokenId::ArtistName: return artist;
        case TokenId::ArtistCleanName: return cleanName(artist);
        case TokenId::ArtistNameThe: return theVariant(artist);
        case TokenId::ArtistCleanNameThe: return theVariant(cleanName(artist));
        case TokenId::ArtistNameFirstCharacter: return firstCharacter(artist);
        case TokenId::ArtistGenre:
        case TokenId::AlbumGenre: return m.genre;
        case TokenId::ArtistMbId: return m.musicBrainzAlbumArtistId;
        case TokenId::ArtistDisambiguation: return input.artistDisambiguation;
        case TokenId::AlbumTitle: return m.album;
        case TokenId::AlbumCleanTitle: return cleanName(m.album);
        case TokenId::AlbumTitleThe: return theVariant(m.album);
        case TokenId::AlbumCleanTitleThe: return theVariant(cleanName(m.album));
        case TokenId::AlbumType: return m.albumType;
        case TokenId::AlbumMbId: return m.musicBrainzReleaseId;
        case TokenId::AlbumDisambiguation: return input.albumDisambiguation;
        case TokenId::ReleaseYear: return m.year() ? std::to_string(*m.year()) : std::string("Unknown");
        case TokenId::MediumName: return input.mediumName;
        case TokenId::MediumFormat: return m.mediumFormat;
        case TokenId::TrackTitle: return m.title;
        case TokenId::TrackCleanTitle: return cleanName(m.title);
        case TokenId::TrackArtistName: return trackArtist;
        case TokenId::TrackArtistCleanName: return cleanName(trackArtist);
        case TokenId::TrackArtistNameThe: return theVariant(trackArtist);
        case TokenId::TrackArtistCleanNameThe: return theVariant(cleanName(trackArtist));
        case TokenId::TrackArtistMbId: return m.musicBrainzArtistIds.empty() ? "" : m.musicBrainzArtistIds.front();
        case TokenId::OriginalTitle: return input.originalTitle;
        case TokenId::OriginalFilename: return input.originalFilename;
        case TokenId::ReleaseGroup: return input.releaseGroup;
        case TokenId::QualityTitle:
        case TokenId::QualityFull: return input.audio.codec.empty() ? "" : qualityTitle(input.audio);
        case TokenId::QualityProper: return {};
        case TokenId::MediaInfoAudioCodec: return mediaInfoCodec(input.audio);
        case TokenId::MediaInfoAudioBitRate:
            return input.audio.bitrateKbps > 0 ? std::to_string(input.audio.bitrateKbps) + " kbps" : "";
        case TokenId::MediaInfoAudioChannels: return channelsText(input.audio.channels);
        case TokenId::MediaInfoAudioBitsPerSample:
            return input.audio.bitsPerSample > 0 ? std::to_string(input.audio.bitsPerSample) + "bit" : "";
        case TokenId::MediaInfoAudioSampleRate: return sampleRateText(input.audio.sampleRate);
        case TokenId::Medium:
        case TokenId::Track: break; // numbers are rendered by the template, which knows the padding
        }
        return {};
    }
} // namespace soulspot::library
