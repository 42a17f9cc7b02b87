#include "library/FlacTailCheck.hpp"

#include <algorithm>
#include <cstdint>
#include <fstream>
#include <string>
#include <vector>

namespace soulspot::library
{
    namespace
    {
        struct StreamInfo
        {
            std::uint32_t minBlockSize{0};
            std::uint32_t maxBlockSize{0};
            std::uint32_t minFrameSize{0};
            std::uint32_t maxFrameSize{0};
            std::uint64_t totalSamples{0};
        };

        std::uint32_t be(const unsigned char* p, int n)
        {
            std::uint32_t v = 0;
            for (int i = 0; i < n; ++i)
                v = (v << 8) | p[i];
            return v;
        }

        std::optional<StreamInfo> readStreamInfo(std::ifstream& in)
        {
            unsigned char head[10];
            if (!in.read(reinterpret_cast<char*>(head), 4))
                return std::nullopt;
            if (std::string_view(reinterpret_cast<char*>(head), 3) == "ID3")
            {
                // Some taggers put an ID3v2 tag before "fLaC"; its size is a 28-bit syncsafe integer.
                if (!in.read(reinterpret_cast<char*>(head + 4), 6))
                    return std::nullopt;
                const std::uint32_t size = (head[6] & 0x7F) << 21 | (head[7] & 0x7F) << 14 | (head[8] & 0x7F) << 7 |
                                           (head[9] & 0x7F);
                in.seekg(10 + size + ((head[5] & 0x10) ? 10 : 0));
                if (!in.read(reinterpret_cast<char*>(head), 4))
                    return std::nullopt;
            }
            if (std::string_view(reinterpret_cast<char*>(head), 4) != "fLaC")
                return std::nullopt;
            unsigned char block[4 + 34];
            if (!in.read(reinterpret_cast<char*>(block), sizeof block) || (block[0] & 0x7F) != 0)
                return std::nullopt;
            const unsigned char* s = block + 4;
            StreamInfo info;
            info.minBlockSize = be(s, 2);
            info.maxBlockSize = be(s + 2, 2);
            info.minFrameSize = be(s + 4, 3);
            info.maxFrameSize = be(s + 7, 3);
            info.totalSamples = (static_cast<std::uint64_t>(s[13] & 0x0F) << 32) | be(s + 14, 4);
            return info;
        }

        std::uint8_t crc8(const unsigned char* data, std::size_t n)
        {
            std::uint8_t crc = 0;
            for (std::size_t i = 0; i < n; ++i)
            {
                crc ^= data[i];
                for (int b = 0; b < 8; ++b)
                    crc = static_cast<std::uint8_t>((crc & 0x80) ? (crc << 1) ^ 0x07 : crc << 1);
            }
            return crc;
        }

        struct FrameHeader
        {
            std::uint64_t firstSample{0};
            std::uint32_t blockSize{0};
        };

        // Parses and CRC-checks a frame header at p (at most `avail` bytes readable).
        std::optional<FrameHeader> parseFrameHeader(const unsigned char* p, std::size_t avail, const StreamInfo& info)
        {
            if (avail < 6 || p[0] != 0xFF || (p[1] & 0xFE) != 0xF8)
                return std::nullopt;
            const bool variable = p[1] & 1;
            const int bsCode = p[2] >> 4, srCode = p[2] & 0x0F, chCode = p[3] >> 4, ssCode = (p[3] >> 1) & 7;
            if (bsCode == 0 || srCode == 15 || chCode > 10 || ssCode == 3 || (p[3] & 1))
                return std::nullopt;
            // UTF-8-style coded frame/sample number, up to 7 bytes.
            std::size_t pos = 4;
            const unsigned char lead = p[pos];
            int extra = 0;
            std::uint64_t number = 0;
            if (lead < 0x80)
                number = lead;
            else if ((lead & 0xE0) == 0xC0)
                extra = 1, number = lead & 0x1F;
            else if ((lead & 0xF0) == 0xE0)
                extra = 2, number = lead & 0x0F;
            else if ((lead & 0xF8) == 0xF0)
                extra = 3, number = lead & 0x07;
            else if ((lead & 0xFC) == 0xF8)
                extra = 4, number = lead & 0x03;
            else if ((lead & 0xFE) == 0xFC)
                extra = 5, number = lead & 0x01;
            else if (lead == 0xFE)
                extra = 6;
            else
                return std::nullopt;
            if (pos + 1 + extra + 3 > avail)
                return std::nullopt;
            for (int i = 1; i <= extra; ++i)
            {
                if ((p[pos + i] & 0xC0) != 0x80)
                    return std::nullopt;
                number = (number << 6) | (p[pos + i] & 0x3F);
            }
            pos += 1 + extra;
            std::uint32_t blockSize = 0;
            if (bsCode == 1)
                blockSize = 192;
            else if (bsCode <= 5)
                blockSize = 576u << (bsCode - 2);
            else if (bsCode == 6)
                blockSize = p[pos++] + 1u;
            else if (bsCode == 7)
                blockSize = be(p + pos, 2) + 1u, pos += 2;
            else
                blockSize = 256u << (bsCode - 8);
            if (srCode == 12)
                pos += 1;
            else if (srCode == 13 || srCode == 14)
                pos += 2;
            if (pos >= avail || crc8(p, pos) != p[pos])
                return std::nullopt;
            FrameHeader h;
            h.blockSize = blockSize;
            h.firstSample = variable ? number : number * info.maxBlockSize;
            return h;
        }
    } // namespace

    std::optional<bool> flacStreamIsComplete(const std::filesystem::path& file)
    {
        std::ifstream in(file, std::ios::binary);
        if (!in)
            return std::nullopt;
        const auto info = readStreamInfo(in);
        if (!info || info->totalSamples == 0 || info->maxBlockSize == 0)
            return std::nullopt;
        std::error_code ec;
        const auto size = std::filesystem::file_size(file, ec);
        if (ec)
            return std::nullopt;
        // Read enough of the tail to hold a couple of the largest frames (STREAMINFO says how large).
        const std::uint64_t frameBound = info->maxFrameSize ? info->maxFrameSize : 256 * 1024;
        const std::uint64_t tailSize = std::min<std::uint64_t>(size, std::max<std::uint64_t>(3 * frameBound, 64 * 1024));
        std::vector<unsigned char> tail(tailSize);
        in.clear();
        in.seekg(static_cast<std::streamoff>(size - tailSize));
        if (!in.read(reinterpret_cast<char*>(tail.data()), static_cast<std::streamsize>(tailSize)))
            return std::nullopt;

        std::optional<FrameHeader> last;
        std::size_t lastOffset = 0;
        for (std::size_t i = 0; i + 1 < tail.size(); ++i)
        {
            const auto h = parseFrameHeader(tail.data() + i, tail.size() - i, *info);
            // A sync pattern inside audio data can pass the CRC by chance; one past the end cannot be real.
            if (h && h->firstSample < info->totalSamples && (!last || h->firstSample > last->firstSample))
                last = h, lastOffset = i;
        }
        if (!last)
            return std::nullopt;
        const bool lastFrameReachesEnd = last->firstSample + last->blockSize >= info->totalSamples;
        const bool lastFrameHasBytes = tail.size() - lastOffset >= std::max<std::uint32_t>(info->minFrameSize, 1);
        return lastFrameReachesEnd && lastFrameHasBytes;
    }
} // namespace soulspot::library
