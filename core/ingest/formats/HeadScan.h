#pragma once

#include <QByteArray>
#include <QLatin1String>
#include <QString>

#include <vector>

namespace reverie::ingest {

// The shape of the first JSON value in a file's head, for sniffing. The head is at most 64 KiB
// and may stop anywhere, so this is a tolerant tokenizer, not a parser: it records which keys
// appear at which depth (and the scalar values they hold) until the first value ends or the
// bytes run out. Depth counts containers: the keys of a top-level object are at depth 1, those
// of the objects inside a top-level array at depth 2.
class JsonHead {
public:
    struct Key {
        int depth = 0;
        QString name;
        QString parent;     // the key holding the enclosing container (array elements inherit it)
        char type = 0;      // '{', '[', '"' (string), 'n' (number), 'b' (bool), 'z' (null), 0 (cut off)
        QString value;      // strings and numbers, up to 256 characters
    };

    explicit JsonHead(const QByteArray &head);

    char top() const { return m_top; }              // '{', '[' or 0 when the head is not JSON
    bool complete() const { return m_complete; }    // the first value ended inside the head
    const std::vector<Key> &keys() const { return m_keys; }

    // The first key of that name at that depth (and, if given, under that parent); nullptr if none.
    const Key *find(int depth, QLatin1String name, QLatin1String parent = QLatin1String()) const;
    bool has(int depth, QLatin1String name, QLatin1String parent = QLatin1String()) const
    {
        return find(depth, name, parent) != nullptr;
    }
    QString value(int depth, QLatin1String name) const;

private:
    char m_top = 0;
    bool m_complete = false;
    std::vector<Key> m_keys;
};

} // namespace reverie::ingest
