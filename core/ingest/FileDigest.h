#pragma once

#include <QString>

#include <atomic>
#include <future>
#include <optional>

struct XXH3_state_s;

namespace reverie::ingest {

class ImportContext;

// XXH3-128 over bytes given in pieces: the fast, non-cryptographic check that a file which grew
// still starts with the bytes an earlier import read. It may be read mid-stream and go on.
class Xxh3Stream {
public:
    Xxh3Stream();
    ~Xxh3Stream();
    Xxh3Stream(const Xxh3Stream &other);
    Xxh3Stream &operator=(const Xxh3Stream &other);

    void update(const char *data, qint64 size);
    QString hex() const;   // 32 hex digits of what was given so far

private:
    XXH3_state_s *m_state;
};

// A file's content hash when it was read from where its last import ended: no SHA-256 of the
// whole file is taken then. It names the bytes as well (same hash, same size, same content)
// and cannot be mistaken for a SHA-256, which is 64 hex digits alone.
QString grownContentHash(const QString &xxh3Hex, qint64 size);

// A prefix hash stored before XXH3 was used: the SHA-256 of the bytes read (64 hex digits).
inline bool isSha256PrefixHash(const QString &prefixHash) { return prefixHash.size() == 64; }

// The XXH3-128 of a file's first `prefixBytes`, taken through a memory map (no copy) on a
// thread of its own while the bytes after them import, and of any longer part of the file on
// demand: only the bytes past the prefix are hashed again.
class GrownFileDigest {
public:
    GrownFileDigest(const QString &path, qint64 prefixBytes);
    ~GrownFileDigest();   // stops the hash early when it is still running
    GrownFileDigest(const GrownFileDigest &) = delete;
    GrownFileDigest &operator=(const GrownFileDigest &) = delete;

    // Waits for the prefix's hash; cancellation is checked while waiting. Throws ImportError
    // when the file cannot be opened or mapped or is shorter than the prefix.
    QString prefixHash(const ImportContext &ctx);

    struct Digests {
        QString upTo;          // XXH3-128 hex of the first `upTo` bytes asked for
        QString content;       // grownContentHash() of the whole file as it is now
        qint64 size = 0;       // the file's size now
    };
    // `upTo` must lie between the prefix and the file's end; -1: the file's end.
    Digests after(qint64 upTo, const ImportContext &ctx);

private:
    const Xxh3Stream &prefix(const ImportContext &ctx);

    QString m_path;
    qint64 m_prefixBytes;
    std::atomic_bool m_stop{false};
    std::future<Xxh3Stream> m_future;
    std::optional<Xxh3Stream> m_prefix;
};

} // namespace reverie::ingest
