#include "library/TagWriter.hpp"

#include <array>
#include <utility>

#include "library/TagReader.hpp"

#include <taglib/attachedpictureframe.h>
#include <taglib/fileref.h>
#include <taglib/flacfile.h>
#include <taglib/flacpicture.h>
#include <taglib/id3v2tag.h>
#include <taglib/mp4coverart.h>
#include <taglib/mp4file.h>
#include <taglib/mpegfile.h>
#include <taglib/textidentificationframe.h>
#include <taglib/tpropertymap.h>
#include <taglib/xiphcomment.h>

namespace soulspot::library
{
    namespace
    {
        // FLAC metadata blocks have a 24-bit length; stay clear of it whatever the configured cap says.
        constexpr std::size_t kFlacBlockLimit = (1u << 24) - 1024;

        TagLib::String utf8(const std::string& s) { return TagLib::String(s, TagLib::String::UTF8); }

        class PropertyMerger
        {
        public:
            PropertyMerger(TagLib::PropertyMap& map, bool overwrite) : map_(map), overwrite_(overwrite) {}

            void set(const char* key, const std::vector<std::string>& values)
            {
                if (values.empty() || values.front().empty())
                    return; // nothing known: whatever the file has stays
                if (!overwrite_ && map_.contains(key) && !map_[key].isEmpty())
                    return;
                TagLib::StringList list;
                for (const auto& v : values)
                    list.append(utf8(v));
                map_.replace(key, list);
            }
            void set(const char* key, const std::string& value) { set(key, std::vector<std::string>{value}); }
            void setNumber(const char* key, const std::optional<int>& n)
            {
                if (n && *n > 0)
                    set(key, std::to_string(*n));
            }
            // Picard reads either spelling; keep one already there consistent with the one we write.
            void setAlias(const char* alias, const std::optional<int>& n)
            {
                if (map_.contains(alias))
                    setNumber(alias, n);
            }

        private:
            TagLib::PropertyMap& map_;
            bool overwrite_;
        };

        std::string numberPair(const std::optional<int>& n, const std::optional<int>& total)
        {
            if (!n || *n <= 0)
                return {};
            return total && *total > 0 ? std::to_string(*n) + "/" + std::to_string(*total) : std::to_string(*n);
        }

        void mergeInto(TagLib::PropertyMap& map, const TrackMetadata& m, bool overwrite, bool vorbisStyleTotals)
        {
            PropertyMerger p(map, overwrite);
            p.set("TITLE", m.title);
            p.set("ARTIST", m.displayArtist());
            p.set("ARTISTS", m.artists);
            p.set("ALBUM", m.album);
            p.set("ALBUMARTIST", m.albumArtist);
            if (vorbisStyleTotals)
            {
                // Vorbis comments keep totals in their own fields; "3/12" in TRACKNUMBER confuses readers.
                p.setNumber("TRACKNUMBER", m.trackNumber);
                p.setNumber("TRACKTOTAL", m.trackTotal);
                p.setAlias("TOTALTRACKS", m.trackTotal);
                p.setNumber("DISCNUMBER", m.discNumber);
                p.setNumber("DISCTOTAL", m.discTotal);
                p.setAlias("TOTALDISCS", m.discTotal);
            }
            else
            {
                p.set("TRACKNUMBER", numberPair(m.trackNumber, m.trackTotal));
                p.set("DISCNUMBER", numberPair(m.discNumber, m.discTotal));
            }
            p.set("DATE", m.date);
            p.set("ORIGINALDATE", m.originalDate);
            p.set("GENRE", m.genre);
            p.set("ISRC", m.isrc);
            p.set("MUSICBRAINZ_TRACKID", m.musicBrainzRecordingId);
            p.set("MUSICBRAINZ_RELEASETRACKID", m.musicBrainzReleaseTrackId);
            p.set("MUSICBRAINZ_ALBUMID", m.musicBrainzReleaseId);
            p.set("MUSICBRAINZ_RELEASEGROUPID", m.musicBrainzReleaseGroupId);
            p.set("MUSICBRAINZ_ARTISTID", m.musicBrainzArtistIds);
            p.set("MUSICBRAINZ_ALBUMARTISTID", m.musicBrainzAlbumArtistId);
        }

        // TagLib writes these TXXX descriptions upper-case, which Picard does not recognise (it matches
        // case-sensitively); rewrite them with Picard's casing so both tools agree on the ids.
        void usePicardTxxxCasing(TagLib::ID3v2::Tag& tag, const TagLib::PropertyMap& map)
        {
            static constexpr std::array<std::pair<const char*, const char*>, 5> kFrames{{
                {"MUSICBRAINZ_ALBUMID", "MusicBrainz Album Id"},
                {"MUSICBRAINZ_ARTISTID", "MusicBrainz Artist Id"},
                {"MUSICBRAINZ_ALBUMARTISTID", "MusicBrainz Album Artist Id"},
                {"MUSICBRAINZ_RELEASEGROUPID", "MusicBrainz Release Group Id"},
                {"MUSICBRAINZ_RELEASETRACKID", "MusicBrainz Release Track Id"},
            }};
            for (const auto& [key, description] : kFrames)
            {
                if (!map.contains(key))
                    continue;
                const TagLib::String wanted = TagLib::String(description).upper();
                const auto frames = tag.frameList("TXXX");
                for (auto* frame : frames)
                    if (auto* txxx = dynamic_cast<TagLib::ID3v2::UserTextIdentificationFrame*>(frame))
                        if (txxx->description().upper() == wanted)
                            tag.removeFrame(txxx);
                tag.addFrame(new TagLib::ID3v2::UserTextIdentificationFrame(description, map[key], TagLib::String::UTF8));
            }
        }

        TagLib::FLAC::Picture* newFlacPicture(const CoverImage& cover, const std::string& mime)
        {
            auto* picture = new TagLib::FLAC::Picture();
            picture->setType(TagLib::FLAC::Picture::FrontCover);
            picture->setMimeType(mime);
            picture->setDescription("Front Cover");
            // Width/height/depth stay 0 together: Opus readers require all-zero or all-set.
            picture->setData(TagLib::ByteVector(cover.bytes.data(), static_cast<unsigned int>(cover.bytes.size())));
            return picture;
        }

        template <typename Owner>
        void replaceFlacStyleFrontCover(Owner& owner, const CoverImage& cover, const std::string& mime)
        {
            const auto pictures = owner.pictureList();
            for (auto* p : pictures)
                if (p->type() == TagLib::FLAC::Picture::FrontCover)
                    owner.removePicture(p, true);
            owner.addPicture(newFlacPicture(cover, mime));
        }

        bool embedCover(TagLib::File* file, const CoverImage& cover, const std::string& mime)
        {
            const TagLib::ByteVector data(cover.bytes.data(), static_cast<unsigned int>(cover.bytes.size()));
            if (auto* mpeg = dynamic_cast<TagLib::MPEG::File*>(file))
            {
                auto* tag = mpeg->ID3v2Tag(true);
                const auto frames = tag->frameList("APIC");
                for (auto* frame : frames)
                    if (auto* apic = dynamic_cast<TagLib::ID3v2::AttachedPictureFrame*>(frame))
                        if (apic->type() == TagLib::ID3v2::AttachedPictureFrame::FrontCover)
                            tag->removeFrame(apic);
                auto* apic = new TagLib::ID3v2::AttachedPictureFrame();
                apic->setMimeType(mime);
                apic->setType(TagLib::ID3v2::AttachedPictureFrame::FrontCover);
                apic->setDescription("Front Cover");
                apic->setPicture(data);
                tag->addFrame(apic); // the tag owns the frame from here
                return true;
            }
            if (auto* flac = dynamic_cast<TagLib::FLAC::File*>(file))
            {
                if (cover.bytes.size() > kFlacBlockLimit)
                    return false;
                replaceFlacStyleFrontCover(*flac, cover, mime);
                return true;
            }
            if (auto* mp4 = dynamic_cast<TagLib::MP4::File*>(file))
            {
                // MP4 has no picture type; players take the first image as the cover, so ours is the only one.
                TagLib::MP4::CoverArtList list;
                list.append(TagLib::MP4::CoverArt(
                    mime == "image/png" ? TagLib::MP4::CoverArt::PNG : TagLib::MP4::CoverArt::JPEG, data));
                mp4->tag()->setItem("covr", TagLib::MP4::Item(list));
                return true;
            }
            if (auto* xiph = dynamic_cast<TagLib::Ogg::XiphComment*>(file->tag()))
            {
                replaceFlacStyleFrontCover(*xiph, cover, mime);
                return true;
            }
            return false;
        }

        void addCover(TagLib::File* file, const TrackMetadata& m, const TagWriteOptions& options, TagWriteReport& report)
        {
            if (!m.frontCover || m.frontCover->bytes.empty())
                return;
            const auto detected = detectImageMimeType(m.frontCover->bytes);
            if (detected.empty())
            {
                report.warnings.push_back("front cover is neither JPEG nor PNG; not embedded");
                return;
            }
            if (m.frontCover->bytes.size() > options.maxCoverBytes)
            {
                report.warnings.push_back("front cover of " + std::to_string(m.frontCover->bytes.size()) +
                                          " bytes exceeds the cap of " + std::to_string(options.maxCoverBytes) +
                                          " bytes; not embedded");
                return;
            }
            report.coverEmbedded = embedCover(file, *m.frontCover, std::string(detected));
            if (!report.coverEmbedded)
                report.warnings.push_back("front cover could not be embedded in this format");
        }
    } // namespace

    std::string_view detectImageMimeType(std::string_view bytes)
    {
        if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xFF\xD8\xFF")
            return "image/jpeg";
        if (bytes.size() >= 8 && bytes.substr(0, 8) == std::string_view("\x89PNG\r\n\x1A\n", 8))
            return "image/png";
        return {};
    }

    core::Result<TagWriteReport> writeFileTags(const std::filesystem::path& file, const TrackMetadata& metadata,
                                               const TagWriteOptions& options)
    {
        // Fill-missing mode keeps an existing cover as it keeps every other existing field.
        TrackMetadata effective = metadata;
        if (!options.overwriteExisting && effective.frontCover)
            if (auto existing = readFrontCover(file); existing && existing->has_value())
                effective.frontCover.reset();

        TagLib::FileRef ref(file.c_str(), false);
        if (ref.isNull())
            return core::fail(core::Error::parse("cannot open for tagging (not a supported audio file): " + file.string()));
        TagLib::File* f = ref.file();
        if (f->readOnly())
            return core::fail(core::Error::io("file is read-only: " + file.string()));

        auto* mpeg = dynamic_cast<TagLib::MPEG::File*>(f);
        const bool vorbisStyle = dynamic_cast<TagLib::MP4::File*>(f) == nullptr && mpeg == nullptr;
        TagWriteReport report;

        // setProperties() replaces the whole map, so start from what the file has and merge ours in.
        TagLib::PropertyMap map = f->properties();
        mergeInto(map, effective, options.overwriteExisting, vorbisStyle);
        const TagLib::PropertyMap rejected = f->setProperties(map);
        for (const auto& [key, values] : rejected)
            report.warnings.push_back("tag field not supported by this format: " + key.to8Bit(true));
        if (mpeg)
            usePicardTxxxCasing(*mpeg->ID3v2Tag(true), map);

        addCover(f, effective, options, report);

        // MP3: ID3v2.4 only; the default save would also write a truncating ID3v1 copy.
        const bool saved = mpeg ? mpeg->save(TagLib::MPEG::File::ID3v2, TagLib::File::StripOthers, TagLib::ID3v2::v4,
                                             TagLib::File::DoNotDuplicate)
                                : f->save();
        if (!saved)
            return core::fail(core::Error::io("TagLib could not save tags to " + file.string()));
        return report;
    }
} // namespace soulspot::library
