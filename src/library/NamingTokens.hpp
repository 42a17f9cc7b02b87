#pragma once
// The token table behind NamingTemplate: name lookup and value resolution. Internal to library/.

#include <optional>
#include <string>
#include <string_view>

#include "library/NamingInput.hpp"

namespace soulspot::library
{
    enum class TokenId
    {
        ArtistName, ArtistCleanName, ArtistNameThe, ArtistCleanNameThe, ArtistNameFirstCharacter, ArtistGenre,
        ArtistMbId, ArtistDisambiguation,
        AlbumTitle, AlbumCleanTitle, AlbumTitleThe, AlbumCleanTitleThe, AlbumType, AlbumGenre, AlbumMbId,
        AlbumDisambiguation, ReleaseYear,
        Medium, MediumName, MediumFormat,
        Track, TrackTitle, TrackCleanTitle, TrackArtistName, TrackArtistCleanName, TrackArtistNameThe,
        TrackArtistCleanNameThe, TrackArtistMbId,
        OriginalTitle, OriginalFilename, ReleaseGroup,
        QualityTitle, QualityFull, QualityProper,
        MediaInfoAudioCodec, MediaInfoAudioBitRate, MediaInfoAudioChannels, MediaInfoAudioBitsPerSample,
        MediaInfoAudioSampleRate,
    };

    /// Looks a token up by name, ignoring case, spaces and punctuation ("Artist.Name" == "artist name").
    std::optional<TokenId> findToken(std::string_view name);

    /// {track} and {medium} take a zero-padding format ("00"); every other token takes a truncation length.
    bool isNumberToken(TokenId id);

    /// The raw number for number tokens; nullopt when unknown.
    std::optional<int> tokenNumber(TokenId id, const NamingInput& input);

    /// The text value (not yet made path-safe); empty when unknown.
    std::string tokenText(TokenId id, const NamingInput& input);
} // namespace soulspot::library
