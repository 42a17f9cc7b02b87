#include "db/SecretBox.hpp"

#include <stdexcept>
#include <vector>

#include <sodium.h>

namespace soulspot::db
{
    namespace
    {
        constexpr std::string_view kPrefix = "sb1:";
        // Domain separation: the same SECRET_KEY used elsewhere (e.g. for sessions) yields a different key here.
        constexpr std::string_view kContext = "soulspot.secretbox.v1";

        void ensureSodium()
        {
            if (sodium_init() < 0)
                throw std::runtime_error("libsodium failed to initialise");
        }
    } // namespace

    SecretBox::SecretBox(const Key& key) : key_(key) { ensureSodium(); }

    SecretBox::~SecretBox() { sodium_memzero(key_.data(), key_.size()); }

    core::Result<SecretBox> SecretBox::fromPassphrase(std::string_view passphrase)
    {
        if (passphrase.empty())
            return core::fail(core::Error::invalid("SECRET_KEY is empty"));
        ensureSodium();
        Key key{};
        crypto_generichash(key.data(), key.size(), reinterpret_cast<const unsigned char*>(passphrase.data()),
                           passphrase.size(), reinterpret_cast<const unsigned char*>(kContext.data()), kContext.size());
        SecretBox box(key);
        sodium_memzero(key.data(), key.size());
        return box;
    }

    SecretBox::Key SecretBox::randomKey()
    {
        ensureSodium();
        Key key{};
        crypto_secretbox_keygen(key.data());
        return key;
    }

    std::string SecretBox::seal(std::string_view plaintext) const
    {
        std::vector<unsigned char> packed(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + plaintext.size());
        unsigned char* nonce = packed.data();
        randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
        crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, reinterpret_cast<const unsigned char*>(plaintext.data()),
                              plaintext.size(), nonce, key_.data());
        std::string b64(sodium_base64_ENCODED_LEN(packed.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
        sodium_bin2base64(b64.data(), b64.size(), packed.data(), packed.size(), sodium_base64_VARIANT_ORIGINAL);
        b64.resize(std::char_traits<char>::length(b64.c_str()));
        return std::string(kPrefix) + b64;
    }

    core::Result<std::string> SecretBox::open(std::string_view sealed) const
    {
        if (!isSealed(sealed))
            return core::fail(core::Error::parse("stored secret is not a sealed value"));
        const std::string_view b64 = sealed.substr(kPrefix.size());
        std::vector<unsigned char> packed(b64.size());
        std::size_t length = 0;
        if (sodium_base642bin(packed.data(), packed.size(), b64.data(), b64.size(), nullptr, &length, nullptr,
                              sodium_base64_VARIANT_ORIGINAL) != 0 ||
            length < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
            return core::fail(core::Error::parse("stored secret is malformed"));
        const unsigned char* nonce = packed.data();
        const std::size_t cipherLength = length - crypto_secretbox_NONCEBYTES;
        std::string plain(cipherLength - crypto_secretbox_MACBYTES, '\0');
        if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                       cipherLength, nonce, key_.data()) != 0)
            return core::fail(core::Error{core::ErrorCode::Unauthorized,
                                          "stored secret cannot be decrypted (was SECRET_KEY or the key file changed?)",
                                          false, 0});
        return plain;
    }

    bool SecretBox::isSealed(std::string_view text) { return text.starts_with(kPrefix); }
} // namespace soulspot::db
